"""Vietnamese text normalisation for search: "Đắk Lắk" and "dak lak" meet at "dak lak"."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Lower case, no diacritics, đ→d, collapsed spaces; the same on SQLite and PostgreSQL."""
    if not text:
        return ""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFD", lowered.replace("đ", "d").replace("Đ", "d")).translate(_MARKS)
    return _SPACES.sub(" ", lowered).strip()


class _Marks(dict[int, int | None]):
    """`str.translate` table: a combining mark (category Mn) to nothing, any other character to itself;
    each character's category looked up once per process (an import normalises a text for every row)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def search_terms(query: str | None) -> list[str]:
    """The normalised words of a query, each to be matched as a substring."""
    return [word for word in normalise(query).split(" ") if word]


# -- Vietnamese collation -------------------------------------------------------------------------------
# The alphabet's order (ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u; f, j, w, z for
# loan words) and the tones' order (level, grave, hook, tilde, acute, dot) that dictionaries use.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # grave, hook, tilde, acute, dot
_LETTER_MARKS = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}  # breve, circumflex, horn
_MARKED = {"a(": "ă", "a^": "â", "e^": "ê", "o^": "ô", "o+": "ơ", "u+": "ư"}


def _letters(word: str) -> list[tuple[str, int]]:
    """Each letter of a lower-case word with its tone, from the canonical decomposition."""
    out: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES and out:
            out[-1] = (out[-1][0], _TONES[ch])
        elif ch in _LETTER_MARKS and out:
            base = out[-1][0]
            out[-1] = (_MARKED.get(base + _LETTER_MARKS[ch], base), out[-1][1])
        elif unicodedata.category(ch) != "Mn":
            out.append((ch, 0))
    return out


def collation_key(text: str | None) -> str:
    """A key that sorts Vietnamese names as a dictionary does ("Ái Tử" before "Vĩnh Định", "Đồng" after
    "Dương"), made of ASCII letters and digits only, so that SQLite and PostgreSQL (whatever its locale)
    order it the same. Letters first, tones as the tie-breaker, then the original text."""
    lowered = (text or "").lower().replace("\u0111", "đ")
    primary: list[str] = []
    tones: list[str] = []
    for letter, tone in _letters(lowered):
        index = _ALPHABET.find(letter)
        if index >= 0:
            primary.append(f"{index + 20:02d}")
        elif letter in "0123456789":
            primary.append(f"1{letter}")
        elif letter.isspace():
            primary.append("01")
        else:
            continue  # punctuation does not order
        tones.append(str(tone))
    return ("".join(primary) + "00" + "".join(tones))[:240]  # "00" sorts below every letter: shorter first


def split_name(full_name: str) -> tuple[str, str]:
    """A Vietnamese full name (họ, tên đệm, tên) as (family and middle names, given name): "Nguyễn Văn
    Hùng" gives ("Nguyễn Văn", "Hùng"). The given name is the last word."""
    words = (full_name or "").split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]

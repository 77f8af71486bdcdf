"""Vietnamese text normalisation for search: "Đắk Lắk" and "dak lak" meet at "dak lak"."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Lower case, no diacritics, đ→d, collapsed spaces; the same on SQLite and PostgreSQL."""
    if not text:
        return ""
    lowered = text.lower().replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip()


def search_terms(query: str | None) -> list[str]:
    """The normalised words of a query, each to be matched as a substring."""
    return [word for word in normalise(query).split(" ") if word]

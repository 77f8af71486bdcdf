"""Fill or correct entries of the Vietnamese catalogue: `python tools/po_fill.py 'msgid=>msgstr' ...`.

Clears the fuzzy flag of each entry it sets. A maintenance helper; the test suite checks the result.
"""

import re
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "src/ictmis/locale/vi/LC_MESSAGES/django.po"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def fill(pairs: dict[str, str]) -> list[str]:
    blocks = re.split(r"(\n\s*\n)", CATALOGUE.read_text(encoding="utf-8"))
    done = []
    for index, block in enumerate(blocks):
        match = re.search(r'^msgid "(.*)"$((?:\n".*")*)', block, flags=re.M)
        if not match:
            continue
        msgid = match.group(1) + "".join(re.findall(r'^"(.*)"$', match.group(2), flags=re.M))
        msgid = msgid.replace('\\"', '"')
        if msgid not in pairs:
            continue
        lines = [line for line in block.splitlines() if not (line.startswith("#,") and "fuzzy" in line)]
        lines = [line for line in lines if not line.startswith("#| ")]
        head = []
        for line in lines:
            if line.startswith("msgstr"):
                break
            head.append(line)
        plural = any(line.startswith("msgid_plural") for line in head)
        value = escape(pairs[msgid])
        tail = [f'msgstr[0] "{value}"'] if plural else [f'msgstr "{value}"']
        blocks[index] = "\n".join(head + tail)
        done.append(msgid)
    CATALOGUE.write_text("".join(blocks), encoding="utf-8")
    return done


if __name__ == "__main__":
    wanted = dict(arg.split("=>", 1) for arg in sys.argv[1:])
    filled = fill(wanted)
    missing = set(wanted) - set(filled)
    print(f"{len(filled)} filled; not found: {sorted(missing)}")

"""The Vietnamese catalogue is complete: every string in the code is translated, none fuzzy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ictmis"
CATALOGUE = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each entry of a .po file, the header excluded."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current: str | None = None
        parts: dict[str, str] = {}
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                parts[current] = match.group(2)
            elif line.startswith('"') and current:
                parts[current] += line[1:-1]
        if parts.get("msgid"):
            entries.append((parts["msgid"], [v for k, v in parts.items() if k.startswith("msgstr")], fuzzy))
    return entries


def test_catalogue_has_no_untranslated_or_fuzzy_entries() -> None:
    entries = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert entries
    assert [msgid for msgid, strs, fuzzy in entries if fuzzy] == []
    assert [msgid for msgid, strs, _fuzzy in entries if not strs or not all(strs)] == []


def test_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "ictmis"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    fresh = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    fresh.unlink()
    import os

    cwd = os.getcwd()
    try:
        os.chdir(copy)
        call_command("makemessages", locale=["vi"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(cwd)
    wanted = {msgid for msgid, _strs, _fuzzy in _entries(fresh.read_text(encoding="utf-8"))}
    have = {msgid for msgid, _strs, _fuzzy in _entries(CATALOGUE.read_text(encoding="utf-8"))}
    assert len(wanted) > 100
    assert sorted(wanted - have) == []


def test_catalogue_compiles_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr
    assert "untranslated" not in result.stderr

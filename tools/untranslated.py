"""Print the msgids the code uses that the Vietnamese catalogue lacks (what tests/test_translations.py checks),
so they can be appended to src/ictmis/locale/vi/LC_MESSAGES/django.po by hand.

    ICTMIS_DEBUG=1 .venv/bin/python tools/untranslated.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ictmis.settings")
os.environ.setdefault("ICTMIS_DEBUG", "1")


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from test_translations import CATALOGUE, PACKAGE, _entries

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ictmis"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        fresh = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        fresh.unlink()
        cwd = os.getcwd()
        os.chdir(copy)
        try:
            call_command("makemessages", locale=["vi"], verbosity=0, no_obsolete=True)
        finally:
            os.chdir(cwd)
        wanted = {msgid for msgid, _s, _f in _entries(fresh.read_text(encoding="utf-8"))}
    have = {msgid for msgid, _s, _f in _entries(CATALOGUE.read_text(encoding="utf-8"))}
    for msgid in sorted(wanted - have):
        print(msgid)


if __name__ == "__main__":
    main()

"""What the faster import paths must keep: a process that only imports a CSV file does not load the
spreadsheet and holiday libraries, the directories are read only when a cell needs them, and the quicker
text normalisation gives the same search text as the character-by-character one."""

import os
import subprocess
import sys
import unicodedata

import pytest

from ictmis.core.imports import Lookups
from ictmis.core.text import normalise


def test_the_modules_every_command_imports_leave_openpyxl_numpy_and_holidays_unloaded() -> None:
    code = (
        "import sys\n"
        "import ictmis.core.tabular, ictmis.core.workdays, ictmis.core.spreadsheets\n"
        "print(sorted(m for m in ('openpyxl', 'numpy', 'holidays') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_started_apps_leave_the_document_image_and_provinces_libraries_unloaded(tmp_path) -> None:
    code = (
        "import sys, django\n"
        "django.setup()\n"
        "import ictmis.core.imports, ictmis.programmes.imports\n"
        "print(sorted(m for m in ('docxtpl', 'docx', 'PIL', 'vietnam_provinces') if m in sys.modules))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ictmis.settings", "ICTMIS_DATA_DIR": str(tmp_path),
           "ICTMIS_DEBUG": "1"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "[]"


def test_a_demo_loader_given_by_its_dotted_path_is_imported_when_the_demo_loads(now) -> None:
    from ictmis.core import demo

    loader = demo.DemoLoader("test", 0, "tests.core.test_import_fast_paths._remember_demo_call")
    loader.run(now, lambda _m: None)
    assert [now] == _DEMO_CALLS


_DEMO_CALLS: list[object] = []


def _remember_demo_call(now: object, progress: object) -> None:
    _DEMO_CALLS.append(now)


@pytest.mark.django_db
def test_the_directories_are_read_when_a_cell_first_asks(django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        lookups = Lookups.load()
    unit = lookups.unit("18880")
    assert unit is not None and unit.code == "18880"
    with django_assert_num_queries(0):
        assert lookups.unit("18880") is unit


def _by_category(text: str) -> str:
    lowered = text.lower().replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.split())


@pytest.mark.parametrize(
    "text",
    ["Đắk Lắk", "  ĐỒNG   HỚI ", "VN000001 Trạm 1", "Qua\u0309ng Tri\u0323", "x\u0301y\u20dd", "\u212aelvin",
     "İstanbul", "Ǆ ǅ ǆ", "ﬁ ﬂ", "Ωμέγα", "ABC\tdef\n", "Ṩ\u0323\u0307", ""],
)  # fmt: skip
def test_normalise_gives_what_the_character_by_character_rule_gives(text: str) -> None:
    assert normalise(text) == _by_category(text)


@pytest.mark.django_db
def test_an_import_on_sqlite_has_a_larger_page_cache_and_sets_it_back(tmp_path, now) -> None:
    from django.db import connection

    from ictmis.core import imports, registry
    from ictmis.core.access import SYSTEM

    def cache_size() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size" if connection.vendor == "sqlite" else "SELECT 0")
            return int(cursor.fetchone()[0])

    path = tmp_path / "bts.csv"
    path.write_text(
        "Doanh nghiệp,Mã trạm,Tên trạm,Mã đơn vị hành chính cấp xã,Vĩ độ,Kinh độ,Loại trạm,Công nghệ,Trạng thái\n"
        "4701234564,QB7001,Nhật Lệ 7,18880,17.4689,106.6223,rooftop,4G,active\n",
        encoding="utf-8",
    )
    before = cache_size()
    during: list[int] = []
    validation, counts = imports.import_file(
        registry.get("bts-stations"), path, actor=SYSTEM, now=now, progress=lambda *_args: during.append(cache_size())
    )
    assert validation.ok and counts is not None and counts["created"] == 1
    expected = -imports.IMPORT_CACHE_KIB if connection.vendor == "sqlite" else before
    assert set(during) == {expected}
    assert cache_size() == before


@pytest.mark.django_db
def test_a_reimport_tells_a_changed_list_cell_from_stored_ones_it_has_already_read(tmp_path, now) -> None:
    from ictmis.core import imports, registry
    from ictmis.core.access import SYSTEM

    header = "Doanh nghiệp,Mã trạm,Tên trạm,Mã đơn vị hành chính cấp xã,Vĩ độ,Kinh độ,Loại trạm,Công nghệ,Trạng thái\n"

    def imported(*technologies: str) -> dict[str, int] | None:
        path = tmp_path / "bts.csv"
        path.write_text(
            header
            + "".join(
                f'4701234564,QB80{n},Trạm {n},18880,17.4689,106.6223,rooftop,"{tech}",active\n'
                for n, tech in enumerate(technologies)
            ),
            encoding="utf-8",
        )
        return imports.import_file(registry.get("bts-stations"), path, actor=SYSTEM, now=now)[1]

    assert imported("4G", "4G", "4G, 5G") == {"created": 3, "updated": 0, "unchanged": 0, "restored": 0}
    assert imported("4G", "5G", "4G, 5G") == {"created": 0, "updated": 1, "unchanged": 2, "restored": 0}
    assert imported("4G", "4G", "4G") == {"created": 0, "updated": 2, "unchanged": 1, "restored": 0}

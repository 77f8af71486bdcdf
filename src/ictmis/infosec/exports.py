"""The inventory as XLSX, in the columns of the import template (so an export can be edited and imported).

Owners and operators read "name (tax code)", units "name (code)" (a former one "name (code@date)"):
forms a person reads and the import reads back.
"""

from __future__ import annotations

from typing import Any

from ictmis.core.directory import directory
from ictmis.core.registry_export import organisation_named, unit_named
from ictmis.core.tabular import xlsx_bytes
from ictmis.infosec.importers import COLUMNS
from ictmis.infosec.models import InformationSystem


def _cell(system: InformationSystem, field: str, shared_codes: frozenset[str]) -> Any:
    value = getattr(system, field)
    if field in ("owner", "operator"):
        return organisation_named(value)
    if field == "unit":
        return unit_named(value, shared_codes)
    if field in ("system_type", "status"):
        return str(getattr(system, f"get_{field}_display")())
    if isinstance(value, bool):
        return "có" if value else "không"
    return value


def inventory_xlsx(systems: Any) -> bytes:
    shared_codes = directory.shared_unit_codes()
    rows = ([_cell(s, c.field, shared_codes) for c in COLUMNS] for s in systems.iterator(chunk_size=2000))
    return xlsx_bytes("He thong thong tin", [c.header_vi for c in COLUMNS], rows)

"""The inventory as XLSX, in the columns of the import template (so an export can be edited and imported).

Owners and operators are named, units read "name (code)": forms a person reads and the import reads back.
"""

from __future__ import annotations

from typing import Any

from ictmis.core.registry_export import unit_named
from ictmis.core.tabular import xlsx_bytes
from ictmis.infosec.importers import COLUMNS
from ictmis.infosec.models import InformationSystem


def _cell(system: InformationSystem, field: str) -> Any:
    value = getattr(system, field)
    if field in ("owner", "operator"):
        return value.name if value is not None else ""
    if field == "unit":
        return unit_named(value)
    if field in ("system_type", "status"):
        return str(getattr(system, f"get_{field}_display")())
    if isinstance(value, bool):
        return "có" if value else "không"
    return value


def inventory_xlsx(systems: Any) -> bytes:
    rows = ([_cell(s, c.field) for c in COLUMNS] for s in systems.iterator(chunk_size=2000))
    return xlsx_bytes("He thong thong tin", [c.header_vi for c in COLUMNS], rows)

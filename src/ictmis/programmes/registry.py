from typing import Any

from ictmis.core.registry import KEEP, VIEW, Column, RegistrySpec
from ictmis.core.registry_columns import NOTES
from ictmis.core.registry_forms import registry_form
from ictmis.programmes import tallies
from ictmis.programmes.models import Household


def _rules(values: dict[str, Any]) -> dict[str, str]:
    """Row checks of an import: the citizen ID against the year of birth."""
    from django.core.exceptions import ValidationError

    from ictmis.parties.public import validate_citizen_id

    citizen_id = str(values.get("citizen_id") or "").strip()
    if not citizen_id:
        return {}
    try:
        validate_citizen_id(citizen_id, values.get("head_birth_year"))
    except ValidationError as exc:
        return {"citizen_id": " ".join(exc.messages)}
    return {}


FORM = registry_form(
    Household,
    [
        "code",
        "head_name",
        "head_birth_year",
        "citizen_id",
        "unit",
        "village",
        "address",
        "members",
        "ethnic_minority",
        "notes",
    ],
)

SPEC = RegistrySpec(
    key="households",
    model=Household,
    icon="bi-house-heart",
    natural_key=("code",),
    columns=[
        Column("code", "Mã hộ", "Household code", required=True),
        Column("head_name", "Họ tên chủ hộ", "Head of household", required=True),
        Column("head_birth_year", "Năm sinh", "Year of birth", "int"),
        Column("citizen_id", "Số định danh cá nhân", "Citizen ID"),
        Column("unit", "Mã đơn vị hành chính cấp xã", "Commune code", "unit", required=True),
        Column("village", "Thôn, bản", "Village"),
        Column("address", "Địa chỉ", "Address"),
        Column("members", "Số nhân khẩu", "Members", "int"),
        Column("ethnic_minority", "Dân tộc thiểu số", "Ethnic minority", "bool"),
        NOTES,
    ],
    list_fields=("code", "head_name", "head_birth_year", "unit", "village", "members"),
    filter_fields=("ethnic_minority",),
    sortable=("code", "unit", "updated_at"),
    # personal data: nobody deletes a household (a duplicate is merged), inspectors and enterprises see none
    permissions={"administrator": KEEP, "specialist": KEEP, "leader": VIEW, "commune_officer": KEEP},
    form_class=FORM,
    row_rules=_rules,
    order=60,
    public=False,
    detail_panel="programmes/_household.html",
    # a new household has no status or delivery yet: only moves between communes change the tallies
    after_import=lambda created_in, moved: tallies.touched(moved),
)

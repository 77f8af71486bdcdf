from ictmis.core.registry import ALL, KEEP, VIEW, Column, RegistrySpec
from ictmis.core.registry_columns import NOTES, location_columns
from ictmis.telecom.forms import BtsStationForm
from ictmis.telecom.models import BtsStation, StationStatus, StationType, Technology, station_rules

SPEC = RegistrySpec(
    key="bts-stations",
    model=BtsStation,
    icon="bi-broadcast",
    natural_key=("operator", "site_code"),
    columns=[
        Column("operator", "Doanh nghiệp", "Operator", "organisation", required=True),
        Column("site_code", "Mã trạm", "Site code", required=True),
        Column("name", "Tên trạm", "Station name"),
        *location_columns(coordinates_required=True),
        Column("station_type", "Loại trạm", "Station type", "choice", required=True, choices=StationType.choices),
        Column("mast_height", "Chiều cao cột (m)", "Mast height (m)", "float"),
        Column("technologies", "Công nghệ", "Technologies", "multi", choices=Technology.choices),
        Column("permit_number", "Số giấy phép xây dựng", "Construction permit number", public=False),
        Column("permit_date", "Ngày cấp phép xây dựng", "Construction permit date", "date", public=False),
        Column("permit_exemption", "Căn cứ miễn giấy phép", "Permit exemption basis", public=False),
        Column("plan_conformity", "Phù hợp quy hoạch", "Conforms to plan", "bool"),
        Column("commissioned_on", "Ngày đưa vào hoạt động", "Commissioned on", "date"),
        Column("status", "Trạng thái", "Status", "choice", choices=StationStatus.choices),
        NOTES,
    ],
    list_fields=("site_code", "name", "operator", "unit", "station_type", "technologies", "status"),
    filter_fields=("status", "operator", "station_type", "technologies"),
    form_class=BtsStationForm,
    organisation_field="operator",
    sortable=("site_code", "name", "operator", "unit", "station_type", "status", "updated_at"),
    # enterprises keep their own stations (scoped by `organisation_field`); commune officers see none
    permissions={
        "administrator": ALL,
        "specialist": ALL,
        "leader": VIEW,
        "inspector": VIEW,
        "enterprise_user": KEEP,
    },
    row_rules=station_rules,
    order=30,
)

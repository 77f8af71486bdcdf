from ictmis.broadcasting.models import Condition, RadioStation, Technology, station_rules
from ictmis.core.registry import COMMUNE_KEPT, Column, RegistrySpec
from ictmis.core.registry_columns import NOTES, location_columns
from ictmis.core.registry_forms import registry_form

FORM = registry_form(
    RadioStation,
    [
        "name",
        "unit",
        "address",
        "latitude",
        "longitude",
        "technology",
        "fm_frequency",
        "fm_licence_number",
        "fm_licence_expiry",
        "transmitter_power",
        "loudspeaker_clusters",
        "villages_covered",
        "villages_total",
        "connected_to_source",
        "connected_since",
        "circular_39_compliant",
        "condition",
        "weekly_hours",
        "staff",
        "notes",
    ],
    dates=("fm_licence_expiry", "connected_since"),
)

SPEC = RegistrySpec(
    key="radio-stations",
    model=RadioStation,
    icon="bi-megaphone",
    natural_key=("unit", "name"),
    columns=[
        Column("name", "Tên đài", "Name", required=True),
        *location_columns(),
        Column("technology", "Công nghệ", "Technology", "choice", required=True, choices=Technology.choices),
        Column("fm_frequency", "Tần số FM (MHz)", "FM frequency (MHz)", "float"),
        Column("fm_licence_number", "Số giấy phép tần số", "Frequency licence number"),
        Column("fm_licence_expiry", "Hạn giấy phép tần số", "Frequency licence expiry", "date"),
        Column("transmitter_power", "Công suất máy phát (W)", "Transmitter power (W)", "float"),
        Column("loudspeaker_clusters", "Số cụm loa", "Loudspeaker clusters", "int"),
        Column("villages_covered", "Số thôn được phủ", "Villages covered", "int"),
        Column("villages_total", "Số thôn của xã", "Villages in the commune", "int"),
        Column("connected_to_source", "Kết nối hệ thống nguồn tỉnh", "Connected to source system", "bool"),
        Column("connected_since", "Ngày kết nối", "Connected since", "date"),
        Column("circular_39_compliant", "Đáp ứng Thông tư 39/2020", "Circular 39/2020 compliant", "bool"),
        Column("condition", "Tình trạng", "Condition", "choice", choices=Condition.choices),
        Column("weekly_hours", "Số giờ phát/tuần", "Broadcast hours per week", "float"),
        Column("staff", "Số nhân sự", "Staff", "int"),
        NOTES,
    ],
    list_fields=("name", "unit", "technology", "loudspeaker_clusters", "connected_to_source", "condition"),
    filter_fields=("technology", "condition", "connected_to_source"),
    sortable=("name", "unit", "updated_at"),
    permissions=COMMUNE_KEPT,
    form_class=FORM,
    row_rules=station_rules,
    order=20,
)

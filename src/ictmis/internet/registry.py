from ictmis.core.registry import COMMUNE_KEPT, Column, RegistrySpec
from ictmis.core.registry_columns import NOTES, location_columns
from ictmis.core.registry_forms import registry_form
from ictmis.internet.models import AccessPoint, AccessPointStatus, PointType, Tariff

FORM = registry_form(
    AccessPoint,
    [
        "name",
        "point_type",
        "unit",
        "address",
        "latitude",
        "longitude",
        "host",
        "post_office",
        "programme",
        "handover_date",
        "computers",
        "other_equipment",
        "connection_type",
        "connection_speed",
        "tariff",
        "opening_hours",
        "trained_staff",
        "monthly_users",
        "status",
        "notes",
    ],
    dates=("handover_date",),
    organisations={"host": None},
)

SPEC = RegistrySpec(
    key="internet-points",
    model=AccessPoint,
    icon="bi-pc-display",
    natural_key=("unit", "name"),
    columns=[
        Column("name", "Tên điểm", "Name", required=True),
        Column("point_type", "Loại điểm", "Type", "choice", required=True, choices=PointType.choices),
        *location_columns(),
        Column("host", "Đơn vị chủ quản", "Host organisation", "organisation"),
        Column("programme", "Chương trình tài trợ", "Funding programme"),
        Column("handover_date", "Ngày bàn giao", "Handover date", "date"),
        Column("computers", "Số máy tính", "Computers", "int"),
        Column("other_equipment", "Thiết bị khác", "Other equipment"),
        Column("connection_type", "Loại kết nối", "Connection type"),
        Column("connection_speed", "Tốc độ (Mbps)", "Speed (Mbps)", "int"),
        Column("tariff", "Chế độ giá cước", "Tariff regime", "choice", choices=Tariff.choices),
        Column("opening_hours", "Giờ mở cửa", "Opening hours"),
        Column("trained_staff", "Nhân viên được đào tạo", "Trained staff", "int"),
        Column("monthly_users", "Lượt người dùng/tháng", "Users per month", "int"),
        Column("status", "Trạng thái", "Status", "choice", choices=AccessPointStatus.choices),
        NOTES,
    ],
    list_fields=("name", "point_type", "unit", "computers", "tariff", "status"),
    filter_fields=("point_type", "tariff", "status"),
    sortable=("name", "unit", "status", "updated_at"),
    permissions=COMMUNE_KEPT,
    form_class=FORM,
    order=40,
)

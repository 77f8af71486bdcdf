from ictmis.core.registry import COMMUNE_KEPT, Column, RegistrySpec
from ictmis.core.registry_columns import NOTES, location_columns
from ictmis.core.registry_forms import registry_form
from ictmis.postal.models import BuildingType, PointService, PointStatus, PostOfficePoint

FORM = registry_form(
    PostOfficePoint,
    [
        "code",
        "name",
        "unit",
        "address",
        "latitude",
        "longitude",
        "operator",
        "building_type",
        "staff",
        "opening_hours",
        "services",
        "books",
        "newspaper_titles",
        "computers",
        "status",
        "notes",
    ],
    multi={"services": PointService.choices},
    organisations={"operator": None},
)

SPEC = RegistrySpec(
    key="post-offices",
    model=PostOfficePoint,
    icon="bi-mailbox",
    natural_key=("code",),
    columns=[
        Column("code", "Mã điểm", "Code", required=True),
        Column("name", "Tên điểm", "Name", required=True),
        *location_columns(),
        Column("operator", "Đơn vị quản lý", "Operator", "organisation"),
        Column("building_type", "Loại nhà", "Building type", "choice", choices=BuildingType.choices),
        Column("staff", "Số nhân viên", "Staff", "int"),
        Column("opening_hours", "Giờ mở cửa", "Opening hours"),
        Column("services", "Dịch vụ", "Services", "multi", choices=PointService.choices),
        Column("books", "Số sách", "Books", "int"),
        Column("newspaper_titles", "Số đầu báo", "Newspaper titles", "int"),
        Column("computers", "Số máy tính", "Computers", "int"),
        Column("status", "Trạng thái", "Status", "choice", choices=PointStatus.choices),
        NOTES,
    ],
    list_fields=("code", "name", "unit", "services", "computers", "status"),
    filter_fields=("status", "building_type"),
    sortable=("code", "name", "unit", "operator", "status", "updated_at"),
    permissions=COMMUNE_KEPT,
    form_class=FORM,
    order=10,
    detail_panel="postal/_activity.html",
)

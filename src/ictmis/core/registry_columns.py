"""Columns every located registry shares, so their spreadsheets read the same."""

from ictmis.core.registry import Column


def location_columns(*, coordinates_required: bool = False) -> list[Column]:
    return [
        Column("unit", "Mã đơn vị hành chính cấp xã", "Commune code", "unit", required=True),
        Column("address", "Địa chỉ", "Address"),
        Column("latitude", "Vĩ độ", "Latitude", "float", required=coordinates_required),
        Column("longitude", "Kinh độ", "Longitude", "float", required=coordinates_required),
    ]


NOTES = Column("notes", "Ghi chú", "Notes", "text", public=False)

"""The licence list's Excel button gives a workbook a person can read: frozen header with a filter, widths,
dates as dates shown dd/mm/yyyy, statuses in words."""

import datetime as dt
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.licensing.models import Licence
from ictmis.parties.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_licence_list_exports_a_readable_workbook() -> None:
    Licence.objects.create(
        number="05/GP-STTTT", year=2019, family="website", holder=Organisation.objects.get(tax_code="4701234564"),
        subject='=HYPERLINK("http://x")', valid_from=dt.date(2019, 3, 15), valid_until=dt.date(2029, 3, 14),
        particulars={},
    )  # fmt: skip
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.get("/thu-tuc/giay-phep/", {"export": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].font.bold and sheet.column_dimensions["A"].width >= 10
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "05/GP-STTTT")
    assert row[4].value == dt.datetime(2019, 3, 15) and row[4].number_format == "dd/mm/yyyy"
    assert row[3].value.startswith("'=") and row[6].value == "đang hoạt động"

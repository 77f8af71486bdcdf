"""Values of former communes drawn into today's communes across 1 July 2025: whole where a commune went whole into
one, by area share where it was divided, never twice."""

import datetime as dt

import pytest

from ictmis.accounts.models import User
from ictmis.indicators import periods, selectors, services
from ictmis.indicators.models import Indicator
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db
WHEN = dt.datetime(2025, 9, 20, 9, 0, tzinfo=dt.UTC)


def reported(actor: User, unit: AdministrativeUnit, period: str, covered: int) -> None:
    report = services.create_report(actor=actor, now=WHEN, regime="TT02-THANG", unit=unit.code, period=period)
    services.set_values(actor=actor, now=WHEN, report_id=report.pk, values={"TT03": covered, "TT04": covered + 5})
    services.submit_report(actor=actor, now=WHEN, report_id=report.pk)


def test_a_divided_former_commune_counts_in_each_new_commune_by_area_share() -> None:
    admin = User.objects.get(username="admin")
    # Phường Cống Vị (00007) was divided between 00008 (share 0.5076) and 00025 (0.4924); Phường Ngọc Hà (00016)
    # between 00004 (0.5257) and 00008 (0.4743); the former 00031 went whole into 00025.
    before = {code: AdministrativeUnit.objects.get(code=code, level=Level.COMMUNE, valid_to__isnull=False)
              for code in ("00007", "00016", "00031")}  # fmt: skip
    reported(admin, before["00007"], "202505", 100)
    reported(admin, before["00016"], "202505", 10)
    reported(admin, before["00031"], "202505", 7)
    indicator = Indicator.objects.get(code="TT03")

    def series(code: str) -> list[float | None]:
        today = AdministrativeUnit.objects.get(code=code, level=Level.COMMUNE, valid_to__isnull=True)
        got = selectors.commune_series(indicator, today, "month", last=periods.parse("202506"), count=2)
        return got["values"]

    # by hand: 100 × 0.5076 + 10 × 0.4743 = 55.503; 100 × 0.4924 + 7 = 56.24; 10 × 0.5257 = 5.257
    assert series("00008") == [55.503, None]
    assert series("00025") == [56.24, None]
    assert series("00004") == [5.257, None]
    assert pytest.approx(100 + 10 + 7) == 55.503 + 56.24 + 5.257

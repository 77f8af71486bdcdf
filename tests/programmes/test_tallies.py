"""Per-commune tallies stay equal to a recount from the records whatever changes them: deliveries, lists,
edits and moves of households, merges, deletions, imports through the engine."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from ictmis.accounts.models import User
from ictmis.core import imports, records, registry
from ictmis.programmes import selectors, services, tallies
from ictmis.programmes.list_import import POVERTY_LIST
from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme, ProgressTally
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
D = dt.date


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def stored() -> dict:
    return {(t.programme_id, t.unit_id, t.year, t.month): [t.delivered, t.waiting] for t in ProgressTally.objects.all()}


def recount() -> dict:
    return tallies._count(None)


def in_step() -> None:
    assert stored() == recount()


def waiting(programme: Programme, unit_code: str, year: int | None = None) -> int:
    rows = {r["unit"]: r for r in selectors.progress(programme, year=year)}
    return rows[unit_code]["eligible_not_served"] if unit_code in rows else 0


def workbook(tmp_path: Path, name: str, header: list, *rows: list) -> Path:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_tallies_follow_every_change_and_equal_a_recount(tmp_path) -> None:
    specialist = User.objects.get(username="chuyenvien")
    tv = Programme.objects.get(code="tv-digitisation")  # reference list 2018
    phones = Programme.objects.get(code="smartphones")  # the list of the year asked for
    tablets = Programme.objects.create(
        code="tablets", name="Máy tính bảng", legal_basis=phones.legal_basis, starts_on=D(2021, 9, 1), rule="anyone"
    )
    phones.excludes.add(tablets)
    a, b = commune("18880"), commune("18883")
    homes = []
    for index, unit in enumerate([a, a, a, b]):
        home = Household(code=f"T{index}", head_name=f"Chủ hộ {index}", head_birth_year=1970, unit=unit)
        home.save()
        homes.append(home)
        services.set_poverty_status(household=home, year=2018, status=Poverty.POOR, actor=specialist, now=NOW)
        services.set_poverty_status(household=home, year=2023, status=Poverty.NEAR_POOR, actor=specialist, now=NOW)
    in_step()
    assert waiting(tv, "18880") == 3 and waiting(phones, "18880", 2023) == 3

    services.record_delivery(programme=tv, household=homes[0], delivered_on=D(2019, 6, 1), actor=specialist, now=NOW)
    services.record_delivery(
        programme=tablets, household=homes[1], delivered_on=D(2022, 1, 5), actor=specialist, now=NOW
    )
    in_step()
    assert waiting(tv, "18880") == 2 and waiting(phones, "18880", 2023) == 2  # the tablet excludes T1

    services.set_poverty_status(household=homes[2], year=2018, status=Poverty.NONE, actor=specialist, now=NOW)
    in_step()
    assert waiting(tv, "18880") == 1

    homes[2].unit = b  # moved to another commune by an edit
    homes[2].save()
    in_step()
    assert waiting(phones, "18883", 2023) == 2

    path = workbook(
        tmp_path,
        "list.xlsx",
        ["Mã hộ", "Họ tên chủ hộ", "Mã đơn vị hành chính cấp xã", "Diện"],
        ["T3", "Chủ hộ 3", "18883", "không"],
        ["T9", "Chủ hộ mới", "18880", "nghèo"],
    )
    checked = imports.validate(POVERTY_LIST, path, actor=specialist, params={"year": 2023})
    imports.commit(POVERTY_LIST, checked, actor=specialist, now=NOW)
    in_step()
    assert waiting(phones, "18883", 2023) == 1 and waiting(phones, "18880", 2023) == 2

    services.merge_households(keep=homes[0], merge=Household.objects.get(code="T9"), actor=specialist, now=NOW)
    in_step()

    records.soft_delete(homes[1], actor=specialist, now=NOW, verb="registry.deleted", reason="test")
    Delivery.objects.filter(household=homes[0], programme=tv).delete()
    in_step()
    assert waiting(tv, "18880") == 1

    spec = registry.get("households")
    path = workbook(
        tmp_path,
        "households.xlsx",
        ["Mã hộ", "Họ tên chủ hộ", "Mã đơn vị hành chính cấp xã"],
        ["T0", "Chủ hộ 0", "18883"],
    )
    validation = imports.validate(spec, path, actor=specialist)
    assert validation.ok, validation.errors
    imports.commit(spec, validation, actor=specialist, now=NOW)
    in_step()
    assert waiting(tv, "18880") == 0 and waiting(tv, "18883") == 2
    assert {r["unit"]: r["delivered"] for r in selectors.progress(tablets)} == {"18880": 1}
    assert {r["unit"]: r["delivered"] for r in selectors.progress(tv, year=2019)} == {"18883": 0}  # waiting: 2


def test_a_rebuild_restores_tallies_after_writes_around_the_application() -> None:
    tv = Programme.objects.get(code="tv-digitisation")
    home = Household(code="R1", head_name="Chủ hộ", unit=commune("18880"))
    home.save()
    PovertyRecord.objects.bulk_create([PovertyRecord(household=home, year=2018, status=Poverty.POOR)])
    assert waiting(tv, "18880") == 0  # a bulk write sends no signal
    assert tallies.rebuild() == 2  # TV (reference list 2018: year 0) and smartphones (list of 2018)
    assert waiting(tv, "18880") == 1
    in_step()


def test_a_programme_whose_rules_change_is_recounted() -> None:
    specialist = User.objects.get(username="chuyenvien")
    tv = Programme.objects.get(code="tv-digitisation")
    home = Household(code="P1", head_name="Chủ hộ", unit=commune("18880"))
    home.save()
    for year in (2018, 2019):
        services.set_poverty_status(household=home, year=year, status=Poverty.POOR, actor=specialist, now=NOW)
    services.set_poverty_status(household=home, year=2018, status=Poverty.NONE, actor=specialist, now=NOW)
    assert waiting(tv, "18880") == 0  # the 2018 list no longer has it

    tv.reference_year = 2019  # an administrator corrects the reference year
    tv.save()
    in_step()
    assert waiting(tv, "18880") == 1

    phones = Programme.objects.get(code="smartphones")
    services.set_poverty_status(household=home, year=2023, status=Poverty.POOR, actor=specialist, now=NOW)
    tablets = Programme.objects.create(
        code="tablets", name="Máy tính bảng", legal_basis=phones.legal_basis, starts_on=D(2021, 9, 1), rule="anyone"
    )
    services.record_delivery(programme=tablets, household=home, delivered_on=D(2022, 1, 5), actor=specialist, now=NOW)
    assert waiting(phones, "18880", 2023) == 1
    phones.excludes.add(tablets)  # the exclusion arrives after the data
    in_step()
    assert waiting(phones, "18880", 2023) == 0
    assert list(selectors.waiting_households(phones, specialist, year=2023)) == []  # the printed list agrees
    assert waiting(tablets, "18880") == 0  # a rule that reads no list counts nobody as waiting

    Programme.objects.filter(pk=tv.pk).update(reference_year=2018)  # as a data migration would, without signals
    assert tallies.recount_changed_programmes() == ["tv-digitisation"]
    in_step()
    assert tallies.recount_changed_programmes() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_in_one_commune_keep_the_tallies_right() -> None:
    """Self-contained: a transactional test may run after another one emptied the database."""
    import threading

    from django.db import connection

    from ictmis.core.access import SYSTEM
    from ictmis.legal.models import LegalDocument

    province = AdministrativeUnit.objects.create(
        code="98", name="Tỉnh thử", type="tinh", level="province", valid_from=D(2025, 7, 1)
    )
    province.path = f"/{province.pk}/"
    province.save()
    place = AdministrativeUnit.objects.create(
        code="98001", name="Xã thử", type="xa", level="commune", parent=province, valid_from=D(2025, 7, 1)
    )
    place.path = f"/{province.pk}/{place.pk}/"
    place.save()
    basis = LegalDocument.objects.first() or LegalDocument.objects.create(
        number="1/2099/TT-TEST", doc_type="circular", issuer="Bộ thử", title="Thử", issued_on=D(2020, 1, 1)
    )
    programme = Programme.objects.create(
        code="concurrent", name="Thử đồng thời", legal_basis=basis, starts_on=D(2020, 1, 1),
        rule="poor_or_near_poor", reference_year=2024,
    )  # fmt: skip
    homes = []
    for index in range(6):
        home = Household(code=f"C{index}", head_name="Chủ hộ", unit=place)
        home.save()
        PovertyRecord.objects.create(household=home, year=2024, status=Poverty.POOR)
        homes.append(home)
    errors: list[BaseException] = []

    def deliver(home: Household) -> None:
        try:
            services.record_delivery(
                programme=programme, household=home, delivered_on=D(2024, 6, 1), actor=SYSTEM, now=NOW
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(home,)) for home in homes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    in_step()
    rows = {r["unit"]: (r["delivered"], r["eligible_not_served"]) for r in selectors.progress(programme)}
    assert rows == {"98001": (6, 0)}


def test_after_a_migration_changed_programmes_are_counted_once_the_tallies_exist() -> None:
    from django.apps import apps

    class BeforeTallies:
        def get_model(self, app_label: str, name: str) -> None:
            raise LookupError(name)

    tv = Programme.objects.get(code="tv-digitisation")
    Programme.objects.filter(pk=tv.pk).update(reference_year=2017)  # as a data migration would
    config = apps.get_app_config("programmes")
    tallies.after_migrate(config, apps=BeforeTallies(), using="default")  # a migrate stopped short of 0007
    assert Programme.objects.get(pk=tv.pk).tallied_as.endswith("|2018|")
    tallies.after_migrate(apps.get_app_config("units"), apps=apps, using="default")  # another app's signal
    assert Programme.objects.get(pk=tv.pk).tallied_as.endswith("|2018|")
    tallies.after_migrate(config, apps=apps, using="default")
    assert Programme.objects.get(pk=tv.pk).tallied_as.endswith("|2017|")


def test_a_delivery_import_moves_the_tallies_as_a_recount_would(tmp_path) -> None:
    specialist = User.objects.get(username="chuyenvien")
    phones = Programme.objects.get(code="smartphones")  # the list of the year asked for
    tablets = Programme.objects.create(
        code="tablets", name="Máy tính bảng", legal_basis=phones.legal_basis, starts_on=D(2021, 9, 1), rule="anyone"
    )
    phones.excludes.add(tablets)
    homes = []
    for index, unit in enumerate([commune("18880"), commune("18880"), commune("18880"), commune("18883")]):
        home = Household(code=f"A{index}", head_name=f"Chủ hộ {index}", head_birth_year=1970, unit=unit)
        home.save()
        homes.append(home)
        services.set_poverty_status(household=home, year=2018, status=Poverty.POOR, actor=specialist, now=NOW)
        services.set_poverty_status(household=home, year=2023, status=Poverty.NEAR_POOR, actor=specialist, now=NOW)
    in_step()
    path = workbook(
        tmp_path,
        "deliveries.xlsx",
        ["Mã chương trình", "Mã hộ", "Ngày hỗ trợ"],
        ["tv-digitisation", "A0", "01/06/2019"],
        ["tablets", "A1", "05/01/2022"],
        ["smartphones", "A2", "03/03/2023"],
        ["tablets", "A3", "04/04/2024"],
    )

    validation, counts = imports.import_file(registry.source("deliveries"), path, actor=specialist, now=NOW)

    assert validation.errors == [] and counts == {"created": 4, "updated": 0, "unchanged": 0}
    in_step()
    assert waiting(phones, "18880", 2023) == 1  # A1 has a tablet (excluded), A2 a phone: A0 still waits
    assert waiting(phones, "18883", 2023) == 0

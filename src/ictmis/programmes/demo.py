"""Demo households of the former Quảng Bình with approved lists 2014–2019 and 2023, TV-digitisation
targets and deliveries around the 30/06/2019 switch-off (some communes complete, some behind), and
smartphone deliveries in 2023. The demo commune officer's former commune (18880) is half done.
Fixed seed; nothing is added once the demo households exist."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme, Target
from ictmis.units.public import demo_communes

PER_COMMUNE = 20
YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2023]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Hải", "Thị Hoa", "Văn Long", "Thị Mai", "Văn Nam"]


def load_press(now: dt.datetime, progress: Callable[[str], None]) -> None:
    """Twenty mountain communes' People's Committees receive the scheme's title; a few months fall short."""
    from ictmis.programmes.models import PressDelivery, PressRecipient, PressScheme

    scheme = PressScheme.objects.filter(code="dan-toc-phat-trien").first()
    if scheme is None or scheme.recipients.exists():
        return
    rng = random.Random(45)
    mountain = [c for c in demo_communes() if c.old.parent is not None and c.old.parent.code in ("452", "453")][:20]
    recipients = [
        PressRecipient.objects.create(scheme=scheme, kind=PressRecipient.Kind.COMMUNE_PC, unit=c.old,
                                      name=f"UBND {c.old.name}")
        for c in mountain
    ]  # fmt: skip
    rows = []
    for recipient in recipients:
        for month in range(1, 25):
            day = dt.date(2019 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
            copies = 9 if rng.random() < 0.9 else rng.randint(3, 8)  # 104 issues a year: about 9 a month
            rows.append(PressDelivery(recipient=recipient, month=day, copies=copies))
    PressDelivery.objects.bulk_create(rows)
    progress(f"  subsidised press: {len(recipients)} recipients, {len(rows)} monthly deliveries")


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    load_press(now, progress)
    if Household.objects.filter(code__startswith="QB-").exists():
        progress("  households: already loaded")
        return
    rng = random.Random(2019)
    households: list[Household] = []
    for commune in demo_communes():
        for index in range(PER_COMMUNE):
            household = Household(
                code=f"QB-{commune.old.code}-{index + 1:03d}", unit=commune.old,
                head_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}", head_birth_year=rng.randint(1940, 1995),
                village=f"Thôn {rng.randint(1, 8)}", members=rng.randint(1, 7),
                ethnic_minority=commune.old.parent is not None and commune.old.parent.code in ("452", "453")
                and rng.random() < 0.6,
            )  # fmt: skip
            household.fill_unit_keys()
            household.search_text = household.build_search_text()
            households.append(household)
    Household.objects.bulk_create(households, batch_size=1000)
    households = list(Household.objects.filter(code__startswith="QB-").select_related("unit"))
    records = []
    poor_2018: dict[int, list[Household]] = {}
    for household in households:
        level = rng.random()
        for year in YEARS:
            level = min(1.0, max(0.0, level + rng.uniform(-0.08, 0.06)))
            status = Poverty.POOR if level < 0.12 else Poverty.NEAR_POOR if level < 0.22 else Poverty.NONE
            standard = "Chuẩn nghèo đa chiều 2016–2020" if year >= 2016 else "Chuẩn nghèo 2011–2015"
            decision = f"Quyết định phê duyệt danh sách năm {year} của UBND cấp huyện"
            records.append(
                PovertyRecord(household=household, year=year, status=status, standard=standard, decision=decision)
            )
            if year == 2018 and status != Poverty.NONE:
                poor_2018.setdefault(household.unit_id, []).append(household)
    PovertyRecord.objects.bulk_create(records, batch_size=2000)
    tv = Programme.objects.get(code="tv-digitisation")
    deliveries = []
    serial = 0
    for eligible in poor_2018.values():
        Target(programme=tv, unit=eligible[0].unit, year=2019, quantity=len(eligible)).save()
        share = 1.0 if rng.random() < 0.45 else rng.uniform(0.3, 0.9)
        if eligible[0].unit.code == "18880":  # the demo commune officer's commune is behind, with work to do
            share = 0.5
        for household in eligible[: round(len(eligible) * share)]:
            serial += 1
            deliveries.append(Delivery(programme=tv, household=household, serial=f"DVB-T2-{serial:06d}",
                                       delivered_on=dt.date(2019, 3, 1) + dt.timedelta(days=rng.randint(0, 121)),
                                       antenna=True, cable_m=rng.choice([5, 10, 15]), delivered_by="Bưu điện tỉnh",
                                       funding_source="Đề án số hóa truyền hình (ngân sách trung ương)"))  # fmt: skip
    phones = Programme.objects.get(code="smartphones")
    for household in rng.sample(households, k=len(households) // 25):
        if PovertyRecord.objects.filter(household=household, year=2023, status__in=["poor", "near_poor"]).exists():
            deliveries.append(Delivery(programme=phones, household=household, delivered_on=dt.date(2023, 9, 15),
                                       amount=500_000, delivered_by="Doanh nghiệp viễn thông",
                                       funding_source="Quỹ Dịch vụ viễn thông công ích Việt Nam"))  # fmt: skip
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    from ictmis.programmes import tallies

    tallies.rebuild()  # bulk writes send no signals: count the communes once
    progress(f"  households: {len(households)}, poverty records: {len(records)}, deliveries: {len(deliveries)}")

"""Every seeded row of the law checked against the project's domain notes (the "Sanctions" section): what the
notes confirm (C) is seeded plain, everything else (derived, unconfirmed, or a citation the notes do not give)
carries the unconfirmed flag, and the flag shows on the staff's citation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext as _

from ictmis.enforcement.models import SanctioningAuthority, SanctionProvision, TimeRule
from ictmis.legal.public import by_number

pytestmark = pytest.mark.django_db
D = dt.date

# the example provisions of the notes: (decree, article) → organisation range
PROVISIONS = {
    ("15/2020/NĐ-CP", "Điều 6"): {(3_000_000, 5_000_000), (5_000_000, 7_000_000)},
    ("15/2020/NĐ-CP", "Điều 35"): {(5_000_000, 10_000_000)},
    ("15/2020/NĐ-CP", "khoản 2 Điều 39"): {(20_000_000, 30_000_000)},
    ("15/2020/NĐ-CP", "Điều 41"): {(5_000_000, 70_000_000)},
    ("15/2020/NĐ-CP", "Điều 99"): {(5_000_000, 10_000_000)},
    ("174/2026/NĐ-CP", "khoản 1 Điều 8"): {(3_000_000, 5_000_000)},
    ("174/2026/NĐ-CP", "khoản 2 Điều 8"): {(5_000_000, 7_000_000)},
    ("174/2026/NĐ-CP", "khoản 4 Điều 7"): {(20_000_000, 30_000_000)},
    ("174/2026/NĐ-CP", "Điều 36"): {(5_000_000, 10_000_000)},
    ("174/2026/NĐ-CP", "khoản 1 Điều 41"): {(20_000_000, 30_000_000)},
    ("174/2026/NĐ-CP", "khoản 1 Điều 93"): {(10_000_000, 20_000_000)},
    ("174/2026/NĐ-CP", "khoản 2 Điều 92"): {(50_000_000, 70_000_000)},
}
# rows of the signing-limit table the notes mark D or U: (title, from)
UNCONFIRMED_AUTHORITIES = {
    ("commune_pc", D(2020, 4, 15)),
    ("chief_inspector", D(2020, 4, 15)),
    ("director", D(2025, 7, 1)),
}
# time rules whose value and citation the notes both give: (key, from)
CONFIRMED_RULES = {
    ("limitation_long", D(2020, 4, 15)),
    ("limitation_long", D(2026, 7, 1)),
    ("no_receipt", D(2013, 7, 1)),
    ("surcharge", D(2013, 7, 1)),
    ("individual_half", D(2014, 1, 15)),
    ("individual_half", D(2020, 4, 15)),
    ("individual_half", D(2026, 7, 1)),
    ("transfer", D(2013, 7, 1)),
    ("decree_choice", D(2013, 7, 1)),
}


def test_the_seeded_provisions_are_the_confirmed_examples_of_the_notes():
    seeded: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for p in SanctionProvision.objects.select_related("legal_basis"):
        seeded.setdefault((p.legal_basis.number, p.article), set()).add((p.min_fine, p.max_fine))
        assert not p.unconfirmed
    assert seeded == PROVISIONS


def test_each_signing_limit_is_flagged_exactly_when_the_notes_do_not_confirm_it():
    flagged = {(a.title, a.valid_from) for a in SanctioningAuthority.objects.filter(unconfirmed=True)}
    plain = {(a.title, a.valid_from) for a in SanctioningAuthority.objects.filter(unconfirmed=False)}
    assert flagged == UNCONFIRMED_AUTHORITIES
    assert not plain & UNCONFIRMED_AUTHORITIES


def test_every_time_rule_not_confirmed_by_the_notes_is_flagged_and_its_citation_says_so():
    for rule in TimeRule.objects.select_related("legal_basis"):
        assert rule.unconfirmed is ((rule.key, rule.valid_from) not in CONFIRMED_RULES), (rule.key, rule.valid_from)
        assert rule.citation.endswith(f"({_('unconfirmed')})") is rule.unconfirmed


def test_decree_211_2025_is_confirmed_and_the_inspection_decrees_are_not():
    assert by_number("211/2025/NĐ-CP").unconfirmed is False
    assert by_number("190/2025/NĐ-CP").unconfirmed is True
    assert by_number("217/2025/NĐ-CP").unconfirmed is True

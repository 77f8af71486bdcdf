"""The demo: approved 2019 and 2026 plans, courses for commune officers and radio station staff, certificates
that the public check confirms; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ictmis.training import demo, selectors
from ictmis.training.models import Course, Enrolment, TrainingPlan

pytestmark = pytest.mark.django_db


def test_the_demo_loads_two_approved_plans_with_courses_and_certificates_once() -> None:
    demo.load(timezone.now(), lambda _message: None)
    demo.load(timezone.now(), lambda _message: None)

    assert sorted(TrainingPlan.objects.exclude(approved_on=None).values_list("year", flat=True)) == [2019, 2026]
    assert set(Course.objects.values_list("plan__year", "target_group")) == {
        (2019, "commune_officers"), (2019, "radio_staff"), (2026, "commune_officers"), (2026, "radio_staff"),
    }  # fmt: skip
    certified = Enrolment.objects.exclude(certificate_code=None)
    assert certified.count() > 20
    one = certified.first()
    assert selectors.verify_certificate(one.certificate_code).holder == one.person.full_name
    assert Enrolment.objects.filter(course__plan__year=2026, unit__valid_to__isnull=False).count() == 0

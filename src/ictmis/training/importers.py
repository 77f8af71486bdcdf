"""A course's participants from a spreadsheet, through the core import engine (`ictmis import
training-participants FILE --course CODE`, or the import page). Every row is checked as an enrolment by hand
(a commune code nobody has is an error naming the column); with any error nothing is written. Each row names a
`parties` person: by citizen ID when the row gives one, else by name, year of birth and commune (see
`services.enrol_participant`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.access import SYSTEM
from ictmis.core.forms import StyledForm
from ictmis.core.registry import Column, Importer
from ictmis.parties.public import Person, same_name
from ictmis.training import services
from ictmis.training.models import Course, Enrolment
from ictmis.units.public import AdministrativeUnit

COLUMNS = [
    Column("full_name", "Họ và tên", "Full name", required=True),
    Column("birth_year", "Năm sinh", "Year of birth", "int"),
    Column("position", "Chức vụ", "Position"),
    Column("unit", "Mã đơn vị hành chính cấp xã", "Commune code", "unit", required=True),
    Column("phone", "Điện thoại", "Phone"),
    Column("citizen_id", "Số định danh cá nhân", "Citizen ID"),
]
LIMITS = {"full_name": 120, "position": 120, "phone": 20, "citizen_id": 12}


class ParticipantParameters(StyledForm):
    course = forms.CharField(label=gettext_lazy("Course code"), max_length=40)

    def clean_course(self) -> str:
        code = self.cleaned_data["course"].strip()
        if not Course.objects.alive().filter(code=code).exists():
            raise forms.ValidationError(_("No course has the code %(code)s.") % {"code": code})
        return code


class ParticipantChecker:
    """Each row as `services.enrol_participant` would check it, and not enrolled already. A row's person is
    found as `parties.matching_person` finds it: a citizen ID names the live person holding it (who must bear
    the row's name), a row without one the live person of that name, year and commune who has none. A citizen
    ID is also held by the first row of the file giving it: a later row giving it again is refused."""

    def __init__(self, actor: Any, *, course: str) -> None:
        self.course = Course.objects.alive().get(code=course)
        enrolled = Enrolment.objects.filter(course=self.course, person__deleted_at__isnull=True)
        self.enrolled = set(
            enrolled.filter(person__citizen_id="").values_list(
                "person__full_name", "person__birth_year", "person__unit_id"
            )
        )
        self.enrolled_ids = set(enrolled.exclude(person__citizen_id="").values_list("person__citizen_id", flat=True))
        self.stored_names: dict[str, str] = {}  # citizen ID -> the name of the live person holding it
        self.looked_up: set[str] = set()
        self.file_names: dict[str, str] = {}  # citizen ID -> the name its first row in the file gives
        self.units: dict[str, Any] = {}

    def prefetch(self, rows: list[dict[str, Any]]) -> None:
        """The stored holders of a block's citizen IDs, in one query."""
        wanted = {str(v.get("citizen_id") or "").strip() for v in rows} - {""} - self.looked_up
        if wanted:
            self.looked_up |= wanted
            holders = Person.objects.alive().filter(citizen_id__in=wanted).values_list("citizen_id", "full_name")
            self.stored_names.update(holders)

    def _unit_then(self, unit: Any) -> Any:
        """A code reused by the 2025 reform names the commune in force when the course started."""
        if unit.code not in self.units:
            then = AdministrativeUnit.objects.filter(code=unit.code, level="commune").valid_on(self.course.starts_on)
            self.units[unit.code] = then.first() or unit
        return self.units[unit.code]

    def __call__(self, values: dict[str, Any]) -> dict[str, str]:
        values["full_name"] = " ".join(str(values["full_name"]).split())
        values["unit"] = self._unit_then(values["unit"])
        values["citizen_id"] = str(values.get("citizen_id") or "").strip()
        errors = {
            name: _("At most %(n)s characters.") % {"n": limit}
            for name, limit in LIMITS.items()
            if len(str(values.get(name) or "")) > limit
        }
        errors.update(
            services.check_participant(
                course=self.course,
                full_name=values["full_name"],
                birth_year=values.get("birth_year"),
                unit=values.get("unit"),
                citizen_id=values["citizen_id"],
            )
        )
        cid = values["citizen_id"]
        if cid and "citizen_id" not in errors:
            errors.update(self._citizen_id_errors(cid, values["full_name"]))
        if (cid and cid in self.enrolled_ids) or (
            not cid and (values["full_name"], values.get("birth_year"), values["unit"].pk) in self.enrolled
        ):
            errors["full_name"] = _("%(name)s is already enrolled in this course.") % {"name": values["full_name"]}
        values["_course"] = self.course
        return errors

    def _citizen_id_errors(self, cid: str, full_name: str) -> dict[str, str]:
        if cid not in self.looked_up:  # a checker called without `prefetch`
            self.prefetch([{"citizen_id": cid}])
        stored = self.stored_names.get(cid)
        if stored is not None and not same_name(stored, full_name):
            return {"citizen_id": _("This citizen ID is recorded for another person.")}
        if cid not in self.file_names:
            self.file_names[cid] = full_name
            return {}
        if not same_name(self.file_names[cid], full_name):
            return {"citizen_id": _("An earlier row of the file gives this citizen ID to another person.")}
        return {"citizen_id": _("An earlier row of the file gives this citizen ID already.")}


def write(rows: list[tuple[int, dict[str, Any]]], *, actor: Any, now: dt.datetime, progress: Any) -> dict[str, int]:
    for number, (_row, values) in enumerate(rows, start=1):
        services.enrol_participant(
            course=values["_course"],
            full_name=values["full_name"],
            birth_year=values.get("birth_year"),
            unit=values["unit"],
            position=str(values.get("position") or ""),
            phone=str(values.get("phone") or ""),
            citizen_id=values["citizen_id"],
            actor=actor or SYSTEM,  # no user: the server operator's `ictmis import`
            now=now,
        )
        progress("committing", number, len(rows))
    return {"created": len(rows), "updated": 0, "unchanged": 0}


PARTICIPANTS = Importer(
    key="training-participants",
    label=gettext_lazy("course participants"),
    columns=COLUMNS,
    natural_key=("full_name", "birth_year", "unit"),
    permission="training.change_course",
    row_checker=ParticipantChecker,
    write=write,
    home_url_name="training:courses",
    checks_scope=False,
    parameters=ParticipantParameters,
    public=False,  # names, years of birth and citizen IDs: Decree 13 personal data
    import_note=gettext_lazy(
        "When no row has an error, confirm the import: every participant is enrolled together, or none. A "
        "person already enrolled in the course is an error, so the same file cannot enrol anyone twice."
    ),
)

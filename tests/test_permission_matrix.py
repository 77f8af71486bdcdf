"""Every named route and every API operation × every role → the expected status.

The routes come from the URL resolver and the operations from the OpenAPI document, so a new route or
operation without a row here fails `test_every_route_and_operation_has_expectations`. Registry rows are
derived from each RegistrySpec's permissions and action routes from the workflow tables; the rest are
written out. Writes send valid bodies, so 200/201/204/302 means the action happened and 403/404 that it
was refused; each request runs in a savepoint that is rolled back, so probes do not disturb one another.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ictmis.accounts.demo import ACCOUNTS
from ictmis.accounts.models import ApiToken, User
from ictmis.accounts.services import create_token
from ictmis.core import imports, registry
from ictmis.core.models import CalendarOverride, SavedFilter
from ictmis.core.registry import RegistrySpec
from ictmis.core.registry_api import _as_output
from ictmis.core.registry_demo import upsert
from ictmis.core.registry_export import unit_reference
from ictmis.core.services import save_filter
from ictmis.documents.public import documents_of
from ictmis.licensing import services as licensing
from ictmis.licensing import workflow
from ictmis.licensing.models import Case, Licence, Payment
from ictmis.notifications.models import Notification
from ictmis.notifications.public import notify
from ictmis.parties import services as parties
from ictmis.parties.models import Organisation, Person
from ictmis.portal import articles, images
from ictmis.portal import workflow as article_workflow
from ictmis.portal.demo import illustration
from ictmis.portal.models import Article
from ictmis.portal.services import submit_feedback
from ictmis.postal.models import MonthlyActivity
from ictmis.training import services as training
from ictmis.training.models import Attendance, Course, Enrolment, Evaluation, TrainingPlan
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

USERS = [account.username for account in ACCOUNTS]
ROLES = ["anonymous", *USERS]
ROLE_OF = {account.username: account.role.value for account in ACCOUNTS}
STAFF = {"admin", "lanhdao", "chuyenvien", "thanhtra", "canboxa", "bientap"}
EVERYONE = set(USERS)

Samples = dict[str, Any]


@dataclass(frozen=True)
class Probe:
    """One request: its method, URL arguments, body and query, and the status each role should get."""

    method: str
    expect: dict[str, int]
    kwargs: Callable[[Samples], dict[str, Any]] = lambda s: {}
    body: Callable[[Samples], Any] | None = None
    query: str = ""
    prepare: Callable[[Samples], Samples] | None = None  # runs inside the probe's savepoint
    json: bool = False
    files: dict[str, Callable[[], Any]] = field(default_factory=dict)
    # for a page that redirects whether or not the write happened: whether it did (checked on success)
    done: Callable[[Samples], bool] | None = None


def expect(ok: int, allowed: Iterable[str], *, anonymous: int, refused: int = 403, **overrides: int) -> dict[str, int]:
    allowed = set(allowed)
    table = {user: ok if user in allowed else refused for user in USERS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def page(allowed: Iterable[str], ok: int = 200, **overrides: int) -> dict[str, int]:
    """A staff page: the login page for anonymous, 403 for a role without the permission."""
    return expect(ok, allowed, anonymous=302, **overrides)


def api(allowed: Iterable[str], ok: int = 200, **overrides: int) -> dict[str, int]:
    return expect(ok, allowed, anonymous=401, **overrides)


PUBLIC = expect(200, EVERYONE, anonymous=200)


def holders(spec: RegistrySpec, action: str) -> set[str]:
    """Who may `action` the registry's records: the roles its spec names, and the administrator, who is a
    superuser (every permission)."""
    return {"admin"} | {user for user, role in ROLE_OF.items() if action in spec.permissions.get(role, ())}


def fixed(**values: Any) -> Callable[[Samples], dict[str, Any]]:
    """URL arguments that are constants."""
    return lambda s: values


def sample(**names: str) -> Callable[[Samples], dict[str, Any]]:
    """URL arguments taken from the samples: sample(pk="case") gives {"pk": samples["case"]}."""
    return lambda s: {argument: s[name] for argument, name in names.items()}


ORG_VIEW = EVERYONE - {"bientap"}
ORG_EDIT = {"admin", "chuyenvien"}
CASE_VIEW = {"admin", "lanhdao", "chuyenvien", "thanhtra", "doanhnghiep"}
CASE_ADD = {"admin", "chuyenvien", "doanhnghiep"}
CASE_WORK = {"admin", "chuyenvien"}
CASE_DECIDE = {"admin", "lanhdao"}
PAYMENT = {"admin", "chuyenvien"}
PROGRAMME_VIEW = {"admin", "lanhdao", "chuyenvien", "canboxa"}
PROGRAMME_WORK = {"admin", "chuyenvien", "canboxa"}
OVERRIDERS = {"admin", "chuyenvien"}  # programmes.override_delivery: merges and overrides
NEWSROOM = {"admin", "lanhdao", "chuyenvien", "bientap"}
PUBLISHERS = {"admin", "lanhdao"}
INBOX = {"admin", "lanhdao", "chuyenvien", "bientap"}
STAFF_WIDE = {"admin", "lanhdao", "chuyenvien", "thanhtra", "bientap"}  # province-wide staff
TRAINING_VIEW = {"admin", "lanhdao", "chuyenvien"}
TRAINING_WORK = {"admin", "chuyenvien"}  # organise courses and issue certificates
TRAINING_APPROVE = {"admin", "lanhdao"}
REPORT_VIEW = {"admin", "lanhdao", "chuyenvien", "canboxa"}  # a commune officer: their commune's reports
REPORT_FILL = REPORT_VIEW - {"lanhdao"}
REPORT_REVIEW = {"admin", "chuyenvien"}
SEC_VIEW = EVERYONE - {"bientap"}  # owners and operators: their own systems and incidents
SEC_KEEP = {"admin", "chuyenvien"}
SEC_REPORT = {"admin", "chuyenvien", "canboxa", "doanhnghiep"}
SEC_ACT = {"admin", "chuyenvien", "doanhnghiep"}
SANCTION_VIEW = {"admin", "lanhdao", "thanhtra", "doanhnghiep"}  # an enterprise: its own signed decisions
ENFORCEMENT_STAFF = {"admin", "lanhdao", "thanhtra"}
ENFORCEMENT_WORK = {"admin", "thanhtra"}  # inspectors record and draft; leaders sign
ENFORCEMENT_SIGN = {"admin", "lanhdao"}  # sign, approve plans, grant instalments or postponement, publish
DIRECTIVE_VIEW = {"admin", "lanhdao", "chuyenvien", "canboxa"}  # a commune officer: their commune's tasks
DIRECTIVE_RECORD = {"admin", "lanhdao", "chuyenvien"}
ASSIGNERS = {"admin", "lanhdao", "chuyenvien"}
PERSON_VIEW = {"admin", "lanhdao", "chuyenvien", "thanhtra", "canboxa"}  # a commune officer: their communes'
PERSON_KEEP = {"admin", "chuyenvien", "canboxa"}
STEP_HOLDERS = {"licensing.change_case": CASE_WORK, "licensing.decide_case": CASE_DECIDE}


# ---- sample rows -------------------------------------------------------------------------------------


def _commune() -> AdministrativeUnit:
    """A commune in the commune officer's scope, before the 2025 merger."""
    return AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)


def _operator() -> Organisation:
    """The enterprise user's own organisation."""
    return Organisation.objects.get(tax_code="4701234564")


def _row(key: str, n: int) -> dict[str, Any]:
    """A valid record of each registry, in the commune officer's commune and the enterprise's own name."""
    commune = _commune()
    rows: dict[str, dict[str, Any]] = {
        "post-offices": {"code": f"MX{n}", "name": f"Điểm thử {n}", "unit": commune},
        "radio-stations": {"name": f"Đài thử {n}", "unit": commune, "technology": "wired"},
        "bts-stations": {
            "operator": _operator(),
            "site_code": f"MX{n}",
            "unit": commune,
            "latitude": 17.47,
            "longitude": 106.6,
            "station_type": "rooftop",
            "technologies": ["4G"],
        },
        "internet-points": {"name": f"Điểm truy nhập {n}", "point_type": "post_office", "unit": commune},
        "households": {"code": f"MX{n}", "head_name": f"Chủ hộ {n}", "unit": commune},
    }
    return rows[key]


def _api_body(key: str, n: int) -> dict[str, Any]:
    body = {}
    for name, value in _row(key, n).items():
        if isinstance(value, AdministrativeUnit):
            value = unit_reference(value)
        elif isinstance(value, Organisation):
            value = value.pk
        body[name] = value
    return body


def _form_body(spec: RegistrySpec, values: dict[str, Any], record: Any = None) -> dict[str, Any]:
    """The registry form's POST data for `values` over the record's current values (or model defaults)."""
    from django.forms.models import model_to_dict

    base = (
        model_to_dict(record)
        if record is not None
        else {f.name: f.get_default() for f in spec.model._meta.concrete_fields if f.has_default()}
    )
    data: dict[str, Any] = {}
    for name, value in {**base, **values}.items():
        if name not in spec.form_class.base_fields:
            continue
        value = getattr(value, "pk", value)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif value is not None:
            data[name] = value
    if record is not None:
        data["version"] = record.version
    return data


def _is_deleted(key: str, deleted: bool) -> Callable[[Samples], bool]:
    return lambda s: (_record(s, key).deleted_at is not None) == deleted


def _record(samples: Samples, key: str) -> Any:
    return registry.get(key).model.objects.get(pk=samples[f"record:{key}"])


def _deleted(key: str) -> Callable[[Samples], Samples]:
    def prepare(samples: Samples) -> Samples:
        registry.get(key).model.objects.filter(pk=samples[f"record:{key}"]).update(deleted_at=dt.datetime.now(dt.UTC))
        return {}

    return prepare


WEBSITE = {"domains": ["matrix.vn"], "server_location": "Đồng Hới", "responsible_person": "An"}


def _case_at(status: str) -> Callable[[Samples], Samples]:
    """A fresh counter case of the enterprise, driven by the administrator to `status`."""
    paths = {
        workflow.SUBMITTED: [],
        workflow.RECEIVED: ["receive"],
        workflow.SUPPLEMENT: ["receive", "request_supplement"],
        workflow.APPRAISAL: ["receive", "start_appraisal"],
        workflow.PROPOSED: ["receive", "start_appraisal", "propose"],
        workflow.GRANTED: ["receive", "start_appraisal", "propose", "grant"],
        workflow.REFUSED: ["receive", "start_appraisal", "propose", "refuse"],
        workflow.ISSUED: ["receive", "start_appraisal", "propose", "grant", "issue"],
    }

    def prepare(samples: Samples) -> Samples:
        admin = User.objects.get(username="admin")
        now = samples["now"]
        case = licensing.open_case(
            procedure_code="website.new",
            applicant=_operator(),
            particulars={**WEBSITE, "domains": ["buoc.vn"]},
            actor=admin,
            now=now,
            channel="online",
        )
        for action in paths[status]:
            case = licensing.act(case=case, action=action, actor=admin, now=now, note="Ghi chú", checklist=None)
        return {"case_id": case.pk}

    return prepare


ARTICLE_PATHS = {
    "draft": [],
    "review": ["submit"],
    "published": ["submit", "publish"],
    "published_with_edits": ["submit", "publish", "edit"],
}


def _article_ready_for(action: str) -> Callable[[Samples], Samples]:
    """A fresh article in the first state (draft, in review, published) where `action` is possible."""

    def prepare(samples: Samples) -> Samples:
        leader = User.objects.get(username="lanhdao")
        now = samples["now"]
        for steps in ARTICLE_PATHS.values():
            values = {name: "" for name in articles.CONTENT_FIELDS} | {"title": "Bài", "lead": "a", "body": "<p>b</p>"}
            values["category_id"] = None
            article = articles.create_article(values=values, actor=leader, now=now)
            for step in steps:
                if step == "edit":  # a leader's edit of the live article waits for approval
                    article = articles.edit_article(
                        article=article, values={**values, "lead": "b"}, expected_version=article.version,
                        actor=leader, now=now,
                    )  # fmt: skip
                else:
                    article = articles.transition(article=article, action=step, actor=leader, now=now)
            if action in articles.allowed_actions(article):
                return {"article_id": article.pk, "article_status": article.status}
        raise AssertionError(f"no article state allows {action}")

    return prepare


ARTICLE_FORM = {"title": "Bài trong phòng biên tập", "lead": "Mở đầu", "body": "<p>Nội dung</p>"}


def _organisation_form(pk: int, **changes: Any) -> dict[str, Any]:
    """The organisation form's POST data: the organisation as it is, with `changes` and its version."""
    from django.forms.models import model_to_dict

    from ictmis.parties.forms import FIELDS

    organisation = Organisation.objects.get(pk=pk)
    values = {name: value for name, value in model_to_dict(organisation, fields=FIELDS).items() if value is not None}
    return {**values, **changes, "version": organisation.version}


def _persons(now: dt.datetime) -> Samples:
    """A person of the commune officer's commune and one of a commune outside their scope."""
    specialist = User.objects.get(username="chuyenvien")
    elsewhere = AdministrativeUnit.objects.get(code="19015", level=Level.COMMUNE, valid_to__isnull=False)
    mine = parties.create_person(actor=specialist, now=now, values={"full_name": "Nguyễn Văn Gần", "unit": _commune()})
    other = parties.create_person(actor=specialist, now=now, values={"full_name": "Lê Văn Xa", "unit": elsewhere})
    return {"person": mine.pk, "other_person": other.pk, "person_unit": _commune().pk}


def _person_form(samples: Samples) -> dict[str, Any]:
    person = Person.objects.get(pk=samples["person"])
    return {"full_name": person.full_name, "unit": samples["person_unit"], "phone": "0232 3822 999",
            "version": person.version}  # fmt: skip


def _deleted_person(samples: Samples) -> Samples:
    Person.objects.filter(pk=samples["person"]).update(deleted_at=samples["now"])
    return {}


def _person_is_deleted(deleted: bool) -> Callable[[Samples], bool]:
    return lambda s: (Person.objects.get(pk=s["person"]).deleted_at is not None) == deleted


PERSON_REASON = {"reason": "Ghi trùng với một người đã có"}
NO_PERSONS = {"doanhnghiep": 404, "bientap": 404}  # they see no person at all: a person is a 404 to them


def _deleted_department(samples: Samples) -> Samples:
    Organisation.objects.filter(pk=samples["department"]).update(deleted_at=samples["now"])
    return {}


def _own_token(samples: Samples) -> Samples:
    """An API token of the caller (anonymous: of the administrator) to revoke."""
    owner = samples["actor"] or User.objects.get(username="admin")
    return {"token": create_token(user=owner, name="t", now=samples["now"])[0].pk}


def _duplicate_household(samples: Samples) -> Samples:
    """A second household the sample one is merged into."""
    upsert("households", [_row("households", 2)], now=samples["now"])
    return {}


def _poor_household(samples: Samples) -> Samples:
    """The sample household on the 2018 poor list, so the TV programme may serve it."""
    from ictmis.programmes.models import Poverty, PovertyRecord

    PovertyRecord.objects.create(household_id=samples["record:households"], year=2018, status=Poverty.POOR)
    return {}


ARTICLE_ACTIONS = tuple(article_workflow.STEPS)


def _training_samples(now: dt.datetime) -> Samples:
    """An approved 2019 plan with a two-day course: one participant pending, one who passed, one certified."""
    specialist, leader = User.objects.get(username="chuyenvien"), User.objects.get(username="lanhdao")
    plan = training.create_plan(year=2019, title="Kế hoạch 2019", actor=specialist, now=now)
    training.approve_plan(plan_id=plan.pk, actor=leader, now=now)
    course = training.create_course(
        plan=plan,
        values={"code": "k-2019", "title": "Khóa thử", "topic": "radio_operation", "target_group": "radio_staff",
                "starts_on": dt.date(2019, 5, 6), "ends_on": dt.date(2019, 5, 7), "place": "Đồng Hới"},
        actor=specialist,
        now=now,
    )  # fmt: skip
    pending, passed, certified = (
        training.enrol_participant(course=course, full_name=name, unit=_commune(), actor=specialist, now=now)
        for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
    )
    for session in course.sessions.all():
        training.mark_attendance(session=session, present={passed.pk, certified.pk}, actor=specialist, now=now)
    for enrolment in (passed, certified):
        training.record_result(enrolment_id=enrolment.pk, result="passed", actor=specialist, now=now)
    certified = training.issue_certificate(enrolment_id=certified.pk, actor=specialist, now=now)
    return {
        "course": course.pk,
        "session": course.sessions.first().pk,
        "enrolment": pending.pk,
        "passed_enrolment": passed.pk,
        "certified_enrolment": certified.pk,
        "certificate_code": certified.certificate_code,
        "evaluation_token": pending.evaluation_token,
    }


def _draft_plan(samples: Samples) -> Samples:
    plan = training.create_plan(
        year=2031, title="Kế hoạch 2031", actor=User.objects.get(username="chuyenvien"), now=samples["now"]
    )
    return {"draft_plan": plan.pk}


def _course_form(samples: Samples) -> dict[str, Any]:
    course = Course.objects.get(pk=samples["course"])
    return {"title": course.title, "place": course.place, "trainers": "ThS. Lê Hà", "min_attendance": 80,
            "version": course.version}  # fmt: skip


NEW_COURSE = {"code": "k-moi", "title": "Khóa mới", "topic": "digital_transformation",
              "target_group": "commune_officers", "starts_on": "10/06/2019", "ends_on": "11/06/2019",
              "place": "Đồng Hới", "min_attendance": 80}  # fmt: skip


@pytest.fixture
def samples(now: dt.datetime) -> Samples:
    found: Samples = {"now": now}
    for spec in registry.all_registries():
        upsert(spec.key, [_row(spec.key, 1)], now=now)
        natural = {name: _row(spec.key, 1)[name] for name in spec.natural_key}
        found[f"record:{spec.key}"] = spec.model.objects.get(**natural).pk
    admin = User.objects.get(username="admin")
    for key in registry.source_keys():
        job = imports.create_job(
            spec=registry.source(key), filename="a.csv", chunks=[b"\xef\xbb\xbfa\n"], actor=admin, now=now
        )
        found[f"job:{key}"] = job.pk
    leader = User.objects.get(username="lanhdao")
    found["article"] = _article_ready_for("unpublish")(found)["article_id"]
    published = Article.objects.get(pk=found["article"])
    found["slug"] = published.slug
    picture = images.upload_image(
        data=illustration((0, 0, 0), (200, 200, 200), width=320), filename="a.png", alt="ảnh", actor=leader, now=now
    )
    found["digest"] = picture.digest
    specialist = User.objects.get(username="chuyenvien")  # counter entry is the specialists' work
    case = licensing.open_case(
        procedure_code="website.new",
        applicant=_operator(),
        particulars=WEBSITE,
        actor=specialist,
        now=now,
        files=[licensing.Upload("Đơn", b"%PDF-1.4 test", "don.pdf")],
    )
    found["case"] = case.pk
    found["case_file"] = case.files.get().pk
    found["case_document"] = documents_of(f"licensing.case:{case.pk}").first().pk
    other = licensing.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(short_name="Sở TT&TT"),
        now=now,
        actor=specialist,
        particulars={**WEBSITE, "domains": ["khac.vn"]},
    )
    found["other_case"] = other.pk
    found["licence"] = Licence.objects.create(
        number="1/GP-STTTT",
        year=2026,
        family="website",
        holder=_operator(),
        subject="a.vn",
        valid_from=now.date(),
        valid_until=now.date() + dt.timedelta(days=365),
        particulars={},
    ).pk
    found["department"] = Organisation.objects.get(short_name="Sở TT&TT").pk
    found["operator"] = _operator().pk
    found["user"] = User.objects.get(username="bientap").pk
    found["override"] = CalendarOverride.objects.create(
        day=dt.date(2026, 12, 24), is_working_day=False, reason="Nghỉ bù"
    ).pk
    notify(
        recipients=[specialist], event="licensing.case.received", context={"code": case.code}, now=now, link="/thu-tuc/"
    )
    found["notification"] = Notification.objects.filter(recipient=specialist).latest("pk").pk
    found["saved_filter"] = save_filter(
        path="/thu-tuc/ho-so/", name="Quá hạn", query="xem=overdue", actor=specialist, now=now
    ).pk
    found["specialist"] = specialist.pk
    found |= _training_samples(now)
    found |= _persons(now)
    found.update(_directives(leader, now))
    found.update(_infosec(specialist, now))
    found.update(_reports(specialist, now))
    found["feedback"] = submit_feedback(
        name="Người dân", contact="dan@example.vn", subject="Hỏi", message="Nội dung", address="10.0.0.1", now=now
    ).pk
    return found


def _reports(specialist: User, now: dt.datetime) -> Samples:
    """Two commune reports of the same regime and year: the demo commune's and another commune's."""
    from ictmis.indicators import services as indicator_services

    report = indicator_services.create_report(actor=specialist, now=now, regime="XA-NAM", unit="18880", period="2026")
    other = indicator_services.create_report(actor=specialist, now=now, regime="XA-NAM", unit="18871", period="2026")
    return {"report": report.pk, "other_report": other.pk, "report_unit": report.unit_id}


def _infosec(specialist: User, now: dt.datetime) -> Samples:
    """A system operated by the demo enterprise (with an incident, its initial report and a planned check) and
    a system of the Department alone."""
    from ictmis.infosec import services as infosec_services

    base = {"owner": Organisation.objects.get(short_name="Sở TT&TT"), "system_type": "service", "status": "operating"}
    system = infosec_services.save_system(
        values={**base, "code": "M-SYS", "name": "Hệ thống thử", "operator": _operator()}, actor=specialist, now=now
    )
    other = infosec_services.save_system(values={**base, "code": "M-OTHER", "name": "Khác"}, actor=specialist, now=now)
    incident = infosec_services.report_incident(
        system=system, detected_at=now, incident_type="dos", symptoms="x", contact="An", actor=specialist, now=now
    )
    infosec_services.send_initial_report(incident=incident, actor=specialist, now=now)
    infosec_services.plan_check(system=system, planned_on=now.date(), scope="", actor=specialist, now=now)
    return {
        "system": system.pk,
        "other_system": other.pk,
        "incident": incident.pk,
        "check": system.checks.get().pk,
        "incident_document": documents_of(f"infosec.incident:{incident.pk}").get().pk,
    }


def _directives(leader: User, now: dt.datetime) -> Samples:
    """A conclusion notice with a task of the demo commune (with a progress report and its file) and a task of a
    division of the Department; a working session and a proposal."""
    from ictmis.directives import services as directives
    from ictmis.directives.demo import divisions
    from ictmis.directives.models import Attachment

    session = directives.record_session(
        actor=leader, now=now, title="Làm việc", held_on=now.date(), place="Sở", chaired_by="Giám đốc Sở"
    )
    document = directives.record_document(
        actor=leader, now=now, number="1/TB", issued_on=now.date(), issuer="Sở", signer="Giám đốc Sở",
        title="Kết luận", session=session,
    )  # fmt: skip
    own = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=True)
    task = directives.assign_task(
        actor=leader, now=now, source=document, title="Việc của phường", deadline=now.date(),
        lead=directives.Lead(commune=own),
    )  # fmt: skip
    other = directives.assign_task(
        actor=leader, now=now, source=document, title="Việc của phòng", deadline=now.date(),
        lead=directives.Lead(division=divisions()["VP"]),
    )  # fmt: skip
    directives.act(
        task=task, action="progress", actor=User.objects.get(username="canboxa"), now=now, note="Đang làm",
        files=[directives.Upload(b"%PDF-1.4 test", "tien-do.pdf")],
    )  # fmt: skip
    proposal = directives.record_proposal(actor=leader, now=now, addressee="Bộ", content="Hỗ trợ", sent_on=now.date())
    return {
        "task": task.pk,
        "other_task": other.pk,
        "directive_file": Attachment.objects.get(task=task).pk,
        "directive_document": document.pk,
        "directive_session": session.pk,
        "proposal": proposal.pk,
    }


# ---- the expectation table ---------------------------------------------------------------------------

ANY_REGISTRY = {user for spec in registry.all_registries() for user in holders(spec, "view")}


def _registry_record(key: str) -> Callable[[Samples], dict[str, Any]]:
    return lambda s: {"key": key, "pk": s[f"record:{key}"]}


def _import_job(key: str) -> Callable[[Samples], dict[str, Any]]:
    return lambda s: {"key": key, "job_id": s[f"job:{key}"]}


def _registry_html() -> dict[str, list[Probe]]:
    """The registry pages, once per registry, from the spec's permissions."""
    probes: dict[str, list[Probe]] = {"registry:index": [Probe("get", page(ANY_REGISTRY))]}
    for spec in registry.all_registries():
        key = spec.key
        view, add, change, delete = (holders(spec, a) for a in ("view", "add", "change", "delete"))
        of_key = fixed(key=key)
        of_record = _registry_record(key)
        of_job = _import_job(key)
        # import jobs belong to whoever started them: only province-wide staff see another's
        job = page(add, **{u: 404 for u in add & {"canboxa", "doanhnghiep"}})
        rows = {
            "registry:list": [
                Probe("get", page(view), of_key),
                *(Probe("get", page(view), of_key, query=f"?export={kind}") for kind in ("csv", "xlsx", "geojson")),
            ],
            "registry:map": [Probe("get", page(view), of_key)],
            "registry:template": [Probe("get", page(view), of_key)],
            "registry:create": [
                Probe("get", page(add), of_key),
                Probe("post", page(add, 302), of_key, body=lambda s, spec=spec: _form_body(spec, _row(spec.key, 2))),
            ],
            "registry:detail": [Probe("get", page(view), of_record)],
            "registry:edit": [
                Probe("get", page(change), of_record),
                Probe(
                    "post",
                    page(change, 302),
                    of_record,
                    body=lambda s, spec=spec: _form_body(spec, {}, _record(s, spec.key)),
                ),
            ],
            "registry:delete": [Probe("post", page(delete, 302), of_record, done=_is_deleted(key, True))],
            "registry:restore": [
                Probe("post", page(delete, 302), of_record, prepare=_deleted(key), done=_is_deleted(key, False))
            ],
            "registry:import": [Probe("get", page(add), of_key)],
            "registry:import_job": [Probe("get", job, of_job)],
            # a job not yet checked is not committed: the page says so (302 back to the job)
            "registry:import_commit": [Probe("post", {**job, **{u: 302 for u in add & STAFF_WIDE}}, of_job)],
            "registry:import_errors": [Probe("get", job, of_job)],
            "registry:import_file": [Probe("get", job, of_job)],
        }
        for name, found in rows.items():
            probes.setdefault(name, []).extend(found)
    deliveries = fixed(key="deliveries")
    delivery_job = _import_job("deliveries")
    job = page(PROGRAMME_WORK, canboxa=404)
    probes["registry:import"].append(Probe("get", page(PROGRAMME_WORK), deliveries))
    probes["registry:template"].append(Probe("get", page(PROGRAMME_WORK), deliveries))
    probes["registry:import_job"].append(Probe("get", job, delivery_job))
    probes["registry:import_errors"].append(Probe("get", job, delivery_job))
    probes["registry:list"].append(Probe("get", page(set(), refused=404), deliveries))
    lists = fixed(key="poverty-list")
    list_keepers = holders(registry.get("households"), "change")
    list_job = page(list_keepers, **{u: 404 for u in list_keepers - STAFF_WIDE})
    probes["registry:import"].append(Probe("get", page(list_keepers), lists))
    probes["registry:template"].append(Probe("get", page(list_keepers), lists))
    probes["registry:import_job"].append(Probe("get", list_job, _import_job("poverty-list")))
    probes["registry:list"].append(Probe("get", page(set(), refused=404), fixed(key="khong-co")))
    participants = fixed(key="training-participants")
    probes["registry:import"].append(Probe("get", page(TRAINING_WORK), participants))
    probes["registry:template"].append(Probe("get", page(TRAINING_WORK), participants))
    probes["registry:import_job"].append(Probe("get", page(TRAINING_WORK), _import_job("training-participants")))
    return probes


def _registry_api() -> dict[str, list[Probe]]:
    """The registry API, once per registry, from the spec's permissions."""
    probes: dict[str, list[Probe]] = {}
    for spec in registry.all_registries():
        key, prefix = spec.key, spec.key.replace("-", "_")
        view, add, change, delete = (holders(spec, a) for a in ("view", "add", "change", "delete"))
        of_record = sample(pk=f"record:{key}")

        def versioned(s: Samples, key: str = key) -> dict[str, Any]:
            return {"version": _record(s, key).version, "notes": "Đã kiểm tra"}

        def replaced(s: Samples, spec: RegistrySpec = spec) -> dict[str, Any]:
            """What a client PUTs back: the record as read, every column and the version."""
            read = _as_output(spec, _record(s, spec.key))
            return {name: read[name] for name in [c.field for c in spec.columns] + ["version"]}

        probes |= {
            f"{prefix}_list": [Probe("get", api(view))],
            f"{prefix}_map": [Probe("get", api(view), query="?zoom=16&with_bounds=true")],
            f"{prefix}_summary": [Probe("get", api(view), query="?level=district")],
            f"{prefix}_get": [Probe("get", api(view), of_record)],
            f"{prefix}_create": [Probe("post", api(add, 201), body=lambda s, key=key: _api_body(key, 2), json=True)],
            f"{prefix}_replace": [Probe("put", api(change), of_record, body=replaced, json=True)],
            f"{prefix}_patch": [Probe("patch", api(change), of_record, body=versioned, json=True)],
            f"{prefix}_delete": [Probe("delete", api(delete, 204), of_record)],
        }
    return probes


def _case_steps_html() -> list[Probe]:
    found = []
    for action, step in workflow.STEPS.items():
        source = sorted(step.sources)[0]
        allowed = STEP_HOLDERS[step.permission]
        found.append(
            Probe(
                "post",
                page(allowed, 302, **{u: 403 for u in CASE_VIEW - allowed}, canboxa=403, bientap=403),
                _case_action(action, "pk"),
                # every required document ticked as present, as the receiving officer does
                body=lambda s: {"note": "Ghi chú kiểm tra", **{f"present_{i}": "on" for i in range(10)}},
                prepare=_case_at(source),
                done=lambda s, target=step.target: Case.objects.get(pk=s["case_id"]).status == target,
            )
        )
    return found


def _case_steps_api() -> list[Probe]:
    found = []
    for action, step in workflow.STEPS.items():
        source = sorted(step.sources)[0]
        allowed = STEP_HOLDERS[step.permission]
        found.append(
            Probe(
                "post",
                api(allowed),
                _case_action(action, "case_id"),
                body=lambda s: {"note": "Ghi chú kiểm tra"},
                prepare=_case_at(source),
                json=True,
            )
        )
    return found


def _article_actions(html: bool) -> list[Probe]:
    found = []
    for action in ARTICLE_ACTIONS:
        # the table's permission decides: writers submit, publishers take every other step (the pending
        # edits in these probes are a leader's, so their author is a publisher too)
        allowed = NEWSROOM if article_workflow.STEPS[action].permission == article_workflow.WRITE else PUBLISHERS
        found.append(
            Probe(
                "post",
                page(allowed, 302) if html else api(allowed),
                _article_action(action, "pk" if html else "article_id"),
                body=lambda s: {"comment": "Sửa lại phần mở đầu"},
                prepare=_article_ready_for(action),
                json=not html,
                done=_article_moved,
            )
        )
    return found


def _article_moved(samples: Samples) -> bool:
    article = Article.objects.get(pk=samples["article_id"])
    return article.status != samples["article_status"] or (
        samples["article_status"] == "published" and article.pending is None
    )


def _article_action(action: str, argument: str) -> Callable[[Samples], dict[str, Any]]:
    return lambda s: {argument: s["article_id"], "action": action}


def _case_action(action: str, argument: str) -> Callable[[Samples], dict[str, Any]]:
    return lambda s: {argument: s["case_id"], "action": action}


def _read(notification_id: int) -> bool:
    return Notification.objects.get(pk=notification_id).read_at is not None


ORGANISATION = {"name": "Công ty Kiểm Tra", "kind": "enterprise", "tax_code": "0100109106"}
_case = sample(pk="case")

HTML: dict[str, list[Probe]] = {
    "core:home": [Probe("get", page(EVERYONE))],
    "accounts:login": [Probe("get", expect(302, EVERYONE, anonymous=200))],
    "accounts:logout": [Probe("post", expect(302, EVERYONE, anonymous=302))],
    "accounts:password_change": [Probe("get", page(EVERYONE))],
    "accounts:password_reset": [Probe("get", PUBLIC)],
    "accounts:password_reset_done": [Probe("get", PUBLIC)],
    "accounts:password_reset_confirm": [Probe("get", PUBLIC, fixed(uidb64="MQ", token="bad-token"))],
    "accounts:two_factor": [Probe("get", page(EVERYONE))],
    "accounts:two_factor_verify": [Probe("get", page(EVERYONE))],
    "accounts:profile": [Probe("get", page(EVERYONE))],
    "accounts:revoke_token": [
        Probe(
            "post",
            page(EVERYONE, 302),
            sample(pk="token"),
            prepare=_own_token,
            done=lambda s: ApiToken.objects.get(pk=s["token"]).revoked_at is not None,
        )
    ],
    "accounts:user_list": [Probe("get", page({"admin"}))],
    "accounts:security_log": [Probe("get", page({"admin"}))],
    "directives:dashboard": [Probe("get", page(DIRECTIVE_VIEW))],
    "enforcement:decisions": [Probe("get", page(SANCTION_VIEW))],
    "enforcement:decision": [Probe("get", page(SANCTION_VIEW, 404), fixed(pk=999999))],
    "enforcement:records": [Probe("get", page(ENFORCEMENT_STAFF))],
    "enforcement:record_create": [Probe("get", page(ENFORCEMENT_WORK))],
    "enforcement:decision_create": [Probe("get", page(ENFORCEMENT_WORK, 404), fixed(pk=999999))],
    "enforcement:decision_without_record": [Probe("get", page(ENFORCEMENT_WORK))],
    "enforcement:report": [Probe("get", page(ENFORCEMENT_STAFF))],
    "enforcement:inspections": [Probe("get", page(ENFORCEMENT_STAFF))],
    "enforcement:decision_execution": [Probe("post", page(ENFORCEMENT_STAFF, 404), fixed(pk=999999))],
    "enforcement:coercion_create": [Probe("get", page(ENFORCEMENT_SIGN, 404), fixed(pk=999999))],
    "enforcement:decision_document": [Probe("get", page(SANCTION_VIEW, 404), fixed(pk=999999))],
    "enforcement:coercion_document": [Probe("get", page(SANCTION_VIEW, 404), fixed(pk=999999, coercion_id=999999))],
    "enforcement:follow_up": [Probe("get", page(ENFORCEMENT_STAFF))],
    "enforcement:plan_create": [Probe("get", page(ENFORCEMENT_WORK))],
    "enforcement:plan_approve": [Probe("post", page(ENFORCEMENT_SIGN, 404), fixed(pk=999999))],
    "enforcement:inspection_create": [Probe("get", page(ENFORCEMENT_WORK))],
    "enforcement:inspection": [Probe("get", page(ENFORCEMENT_STAFF, 404), fixed(pk=999999))],
    "enforcement_public:decisions": [Probe("get", PUBLIC, query="?q=nhat+le")],
    "infosec:system_list": [Probe("get", page(SEC_VIEW)), Probe("get", page(SEC_VIEW), query="?export=xlsx")],
    "infosec:system_add": [Probe("get", page(SEC_KEEP))],
    "infosec:system_detail": [
        Probe("get", page(SEC_VIEW, canboxa=404), sample(pk="system")),
        Probe("get", page(SEC_VIEW, canboxa=404, doanhnghiep=404), sample(pk="other_system")),
    ],
    "infosec:system_edit": [Probe("get", page(SEC_KEEP), sample(pk="system"))],
    "infosec:propose_level": [Probe("post", page(CASE_ADD, 302, doanhnghiep=404), sample(pk="other_system"))],
    "infosec:plan_check": [Probe("post", page(SEC_KEEP, 302), sample(pk="system"))],
    "infosec:record_check": [Probe("post", page(SEC_KEEP, 302), sample(pk="check"))],
    "infosec:incident_list": [Probe("get", page(SEC_VIEW))],
    "infosec:incident_report": [Probe("get", page(SEC_REPORT))],
    "infosec:incident_detail": [Probe("get", page(SEC_VIEW, canboxa=404), sample(pk="incident"))],
    "infosec:incident_document": [
        Probe("get", page(SEC_VIEW, canboxa=404), sample(pk="incident", document_id="incident_document"))
    ],
    # an empty progress report is a 400 for those who may report, after the check of who may
    "infosec:incident_step": [
        Probe("post", page(SEC_REPORT, 400, canboxa=404), lambda s: {"pk": s["incident"], "action": "progress"})
    ],
    "infosec:statistics": [Probe("get", page(SEC_VIEW))],
    "indicators:reports": [
        Probe("get", page(REPORT_VIEW)),
        Probe("get", page(REPORT_VIEW), query="?tre=1&status=draft"),
        Probe("post", page(REPORT_FILL)),  # an empty draft request: the form answers with its errors
    ],
    "indicators:completeness": [Probe("get", page(REPORT_VIEW), query="?regime=XA-NAM&period=2026")],
    "indicators:remind": [Probe("post", page(REPORT_REVIEW, 302))],
    "indicators:report": [
        Probe("get", page(REPORT_VIEW), sample(pk="report")),
        Probe("get", page(REPORT_VIEW, canboxa=404), sample(pk="other_report")),
    ],
    "indicators:report_values": [
        Probe("post", page(REPORT_FILL, 302), sample(pk="report")),
        Probe("post", page(REPORT_FILL, 302, canboxa=404), sample(pk="other_report")),
    ],
    "indicators:report_xlsx": [Probe("get", page(REPORT_VIEW), sample(pk="report"))],
    "indicators:report_docx": [Probe("get", page(REPORT_VIEW), sample(pk="report"))],
    "indicators:report_dhis2": [Probe("get", page(REPORT_VIEW), sample(pk="report"))],
    "indicators:report_import": [Probe("post", page(REPORT_VIEW, 302), sample(pk="report"))],
    "indicators:report_step": [
        Probe("post", page(REPORT_REVIEW, 302), lambda s: {"pk": s["report"], "action": "approve"}),
        Probe("post", page(REPORT_VIEW, 404), lambda s: {"pk": s["report"], "action": "khong-co"}),
    ],
    "indicators:scorecards": [Probe("get", page(REPORT_VIEW), query="?nam=2026&chua-dat=1")],
    "indicators:override": [
        Probe("post", page(REPORT_REVIEW, 302), lambda s: {"unit_id": s["report_unit"], "year": 2026})
    ],
    "indicators:override_file": [Probe("get", page(REPORT_VIEW, 404), fixed(pk=999999))],
    "directives:tasks": [Probe("get", page(DIRECTIVE_VIEW)), Probe("get", page(DIRECTIVE_VIEW), query="?export=xlsx")],
    "directives:task_detail": [
        Probe("get", page(DIRECTIVE_VIEW), sample(pk="task")),
        Probe("get", page(DIRECTIVE_VIEW, canboxa=404), sample(pk="other_task")),  # a division's task
    ],
    # an empty report is refused on the page (302 back with the reason); who may try is what is checked here
    "directives:task_step": [
        Probe("post", page(DIRECTIVE_VIEW - {"lanhdao"}, 302), lambda s: {"pk": s["task"], "action": "progress"}),
        Probe("post", page({"admin", "lanhdao"}, 302), lambda s: {"pk": s["task"], "action": "confirm"}),
        Probe("post", page(DIRECTIVE_VIEW, 404), lambda s: {"pk": s["task"], "action": "khong-co"}),
    ],
    "directives:attachment": [Probe("get", page(DIRECTIVE_VIEW), sample(pk="directive_file"))],
    "directives:documents": [Probe("get", page(DIRECTIVE_VIEW))],
    "directives:document_create": [Probe("get", page(DIRECTIVE_RECORD))],
    "directives:document_detail": [Probe("get", page(DIRECTIVE_VIEW), sample(pk="directive_document"))],
    "directives:sessions": [Probe("get", page(DIRECTIVE_RECORD))],
    "directives:session_create": [Probe("get", page(DIRECTIVE_RECORD))],
    "directives:session_detail": [Probe("get", page(DIRECTIVE_RECORD), sample(pk="directive_session"))],
    "directives:proposals": [Probe("get", page(DIRECTIVE_RECORD))],
    "directives:proposal_create": [Probe("get", page(DIRECTIVE_RECORD))],
    "directives:proposal_detail": [Probe("get", page(DIRECTIVE_RECORD), sample(pk="proposal"))],
    "healthz": [Probe("get", PUBLIC)],
    "readyz": [Probe("get", PUBLIC)],
    "notifications:list": [Probe("get", page(EVERYONE))],
    "notifications:latest": [Probe("get", page(EVERYONE))],
    "notifications:preferences": [Probe("get", page(EVERYONE))],
    "notifications:mark_all_read": [Probe("post", page(EVERYONE, 302))],
    # ticking someone else's notification is refused with a message on the list: only its recipient marks it
    "notifications:mark_selected_read": [
        Probe(
            "post",
            page(EVERYONE, 302),
            body=lambda s: {"ids": [s["notification"]]},
            done=lambda s: _read(s["notification"]) == (s["actor"].username == "chuyenvien"),
        )
    ],
    "lists:save_filter": [
        Probe(
            "post",
            page(EVERYONE, 302),
            body=lambda s: {"path": "/thu-tuc/ho-so/", "name": "Của tôi", "query": "cua_toi=waiting"},
            done=lambda s: SavedFilter.objects.filter(user=s["actor"], name="Của tôi").exists(),
        )
    ],
    # a saved filter is its owner's alone: for anyone else it does not exist
    "lists:delete_filter": [
        Probe(
            "post",
            page({"chuyenvien"}, 302, refused=404),
            sample(pk="saved_filter"),
            done=lambda s: not SavedFilter.objects.filter(pk=s["saved_filter"]).exists(),
        )
    ],
    # a notification is its recipient's alone: for anyone else it does not exist
    "notifications:open": [Probe("get", page({"chuyenvien"}, 302, refused=404), sample(pk="notification"))],
    "notifications:mark_read": [
        Probe(
            "post",
            page({"chuyenvien"}, 302, refused=404),
            sample(pk="notification"),
            done=lambda s: Notification.objects.get(pk=s["notification"]).read_at is not None,
        )
    ],
    "accounts:user_create": [Probe("get", page({"admin"}))],
    "accounts:user_edit": [Probe("get", page({"admin"}), sample(pk="user"))],
    "units:tree": [Probe("get", page(EVERYONE))],
    "units:detail": [Probe("get", page(EVERYONE), fixed(code="44"))],
    "units:children": [Probe("get", page(EVERYONE), fixed(code="44"))],
    "parties:list": [Probe("get", page(ORG_VIEW))],
    "parties:create": [
        Probe("get", page(ORG_EDIT)),
        Probe("post", page(ORG_EDIT, 302), body=lambda s: ORGANISATION),
    ],
    "parties:detail": [Probe("get", page(ORG_VIEW, canboxa=404, doanhnghiep=404), sample(pk="department"))],
    "parties:edit": [
        Probe("get", page(ORG_EDIT), sample(pk="department")),
        Probe(
            "post",
            page(ORG_EDIT, 302),
            sample(pk="department"),
            body=lambda s: _organisation_form(s["department"], phone="0232 3822 999"),
            done=lambda s: Organisation.objects.get(pk=s["department"]).phone == "0232 3822 999",
        ),
    ],
    "parties:delete": [
        Probe(
            "post",
            page(ORG_EDIT, 302),
            sample(pk="department"),
            done=lambda s: Organisation.objects.get(pk=s["department"]).deleted_at is not None,
        )
    ],
    "parties:restore": [
        Probe(
            "post",
            page(ORG_EDIT, 302),
            sample(pk="department"),
            prepare=_deleted_department,
            done=lambda s: Organisation.objects.get(pk=s["department"]).deleted_at is None,
        )
    ],
    "parties:persons": [
        Probe("get", page(PERSON_VIEW)),
        Probe("get", page(PERSON_VIEW), query="?q=nguyen&unit=18880&sort=-birth_year"),
        Probe("get", page(PERSON_VIEW), query="?deleted=on"),
        Probe("get", page(PERSON_VIEW), query="?export=xlsx"),
    ],
    "parties:person_create": [
        Probe("get", page(PERSON_KEEP)),
        Probe(
            "post",
            page(PERSON_KEEP, 302),
            body=lambda s: {"full_name": "Người Thử Quyền", "unit": s["person_unit"]},
            done=lambda s: Person.objects.filter(full_name="Người Thử Quyền").exists(),
        ),
    ],
    "parties:person": [
        Probe("get", page(PERSON_VIEW), sample(pk="person")),
        Probe("get", page(PERSON_VIEW), sample(pk="person"), query="?tab=history"),
        Probe("get", page(PERSON_VIEW, canboxa=404), sample(pk="other_person")),
        Probe("get", page(PERSON_VIEW), sample(pk="person"), prepare=_deleted_person),
    ],
    "parties:person_edit": [
        Probe("get", page(PERSON_KEEP), sample(pk="person")),
        Probe("get", page(PERSON_KEEP, canboxa=404), sample(pk="other_person")),
        Probe(
            "post",
            page(PERSON_KEEP, 302),
            sample(pk="person"),
            body=_person_form,
            done=lambda s: Person.objects.get(pk=s["person"]).phone == "0232 3822 999",
        ),
    ],
    "parties:person_delete": [
        Probe("get", page(PERSON_KEEP, **NO_PERSONS), sample(pk="person")),
        Probe("get", page(PERSON_KEEP, canboxa=404, **NO_PERSONS), sample(pk="other_person")),
        Probe(
            "post",
            page(PERSON_KEEP, 302, **NO_PERSONS),
            sample(pk="person"),
            body=lambda s: PERSON_REASON,
            done=_person_is_deleted(True),
        ),
        Probe(
            "post",
            page(PERSON_KEEP, 302, canboxa=404, **NO_PERSONS),
            sample(pk="other_person"),
            body=lambda s: PERSON_REASON,
        ),
    ],
    "parties:person_restore": [
        Probe(
            "post",
            page(PERSON_KEEP, 302, **NO_PERSONS),
            sample(pk="person"),
            prepare=_deleted_person,
            done=_person_is_deleted(False),
        ),
    ],
    "calendar:working_calendar": [
        Probe("get", page(EVERYONE)),
        Probe("get", page(EVERYONE), query="?year=2019"),
        Probe(
            "post",
            page({"admin"}, 302),
            body=lambda s: {"day": "2026-12-31", "reason": "Nghỉ bù", "legal_basis": ""},
        ),
    ],
    "calendar:delete_override": [
        Probe(
            "post",
            page({"admin"}, 302),
            sample(pk="override"),
            done=lambda s: not CalendarOverride.objects.filter(pk=s["override"]).exists(),
        )
    ],
    "postal:activity": [
        Probe(
            "post",
            page(holders(registry.get("post-offices"), "change"), 302),
            sample(pk="record:post-offices"),
            body=lambda s: {"month": "06/2025", "readers": 10, "internet_users": 3, "revenue": 1000},
            done=lambda s: MonthlyActivity.objects.filter(point_id=s["record:post-offices"], readers=10).exists(),
        )
    ],
    "programmes:list": [Probe("get", page(PROGRAMME_VIEW))],
    # the former list page leads to the poverty-list importer
    "programmes:poverty_list": [Probe("get", page(PROGRAMME_WORK, 302))],
    "programmes:press": [
        Probe("get", page(PROGRAMME_VIEW), fixed(code="dan-toc-phat-trien"), query="?tu=01/2019&den=12/2019"),
        Probe("get", page(PROGRAMME_VIEW), fixed(code="dan-toc-phat-trien"), query="?export=xlsx"),
    ],
    "programmes:merge": [
        Probe(
            "post",
            page(OVERRIDERS, 302),
            sample(pk="record:households"),
            body=fixed(keep="MX2"),
            prepare=_duplicate_household,
            done=lambda s: _record(s, "households").deleted_at is not None,
        )
    ],
    "programmes:detail": [
        Probe("get", page(PROGRAMME_VIEW), fixed(code="tv-digitisation"), query="?cap=commune"),
        Probe("get", page(PROGRAMME_VIEW), fixed(code="tv-digitisation"), query="?export=xlsx"),
        Probe("get", page(PROGRAMME_VIEW, refused=403, **{u: 404 for u in PROGRAMME_VIEW}), fixed(code="khong-co")),
    ],
    "programmes:waiting": [Probe("get", page(PROGRAMME_VIEW), fixed(code="tv-digitisation"))],
    "legal:catalogue": [Probe("get", PUBLIC, query="?q=147")],
    "licensing:procedures": [Probe("get", page(CASE_VIEW))],
    "licensing:cases": [Probe("get", page(CASE_VIEW))],
    "licensing:case_create": [
        Probe("get", page(CASE_ADD)),
        Probe("get", page(CASE_ADD), query="?thu-tuc=website.new"),
    ],
    "licensing:case_detail": [
        Probe("get", page(CASE_VIEW), _case),
        Probe("get", page(CASE_VIEW, doanhnghiep=404), sample(pk="other_case")),
    ],
    "licensing:process_sheet": [Probe("get", page(CASE_VIEW), _case)],
    "licensing:case_fee": [
        Probe(
            "post",
            page(CASE_WORK, 302),
            _case,
            body=lambda s: {"amount": 0, "reason": "Miễn phí"},
            done=lambda s: Case.objects.get(pk=s["case"]).fee_assessed == 0,
        )
    ],
    "licensing:case_payment": [
        Probe(
            "post",
            page(PAYMENT, 302),
            _case,
            body=lambda s: {"amount": 1000, "paid_on": "2026-11-20", "channel": "cash", "receipt_number": "BL1"},
            done=lambda s: Payment.objects.filter(case_id=s["case"], receipt_number="BL1").exists(),
        )
    ],
    "licensing:case_apology": [Probe("post", page(CASE_WORK, 302), _case)],
    # a leader assigns to a specialist; the specialist takes the free case for himself; nobody else
    "licensing:case_assign": [
        Probe(
            "post",
            page(ASSIGNERS, 302),
            _case,
            body=lambda s: {"assignee": s["specialist"]},
            done=lambda s: Case.objects.get(pk=s["case"]).assignee_id == s["specialist"],
        )
    ],
    # the ticked rows: exported by whoever sees them; assigned (else refused with a message naming the case)
    "licensing:case_bulk": [
        Probe("post", page(CASE_VIEW), body=lambda s: {"ids": [s["case"]], "action": "export"}),
        Probe(
            "post",
            page(CASE_VIEW, 302),
            body=lambda s: {"ids": [s["case"]], "action": "assign", "assignee": s["specialist"]},
            done=lambda s: (
                (Case.objects.get(pk=s["case"]).assignee_id == s["specialist"]) == (s["actor"].username in ASSIGNERS)
            ),
        ),
    ],
    "licensing:case_upload": [
        Probe(
            "post",
            page(CASE_VIEW - {"lanhdao", "thanhtra"}, 302, doanhnghiep=404),
            sample(pk="other_case"),
            body=lambda s: {"label": "Bản sao"},
            files={"file": lambda: _pdf()},
        )
    ],
    "licensing:case_file": [Probe("get", page(CASE_VIEW), sample(pk="case", file_id="case_file"))],
    "licensing:case_document": [Probe("get", page(CASE_VIEW), sample(pk="case", document_id="case_document"))],
    "licensing:case_step": _case_steps_html(),
    "licensing:dashboard": [Probe("get", page(CASE_VIEW))],
    "licensing:licences": [Probe("get", page(CASE_VIEW))],
    "licensing:licence_detail": [Probe("get", page(CASE_VIEW), sample(pk="licence"))],
    "licensing:public_register": [Probe("get", PUBLIC, query="?q=nhat+le")],
    "portal:home": [Probe("get", PUBLIC)],
    "portal:language": [
        Probe("get", expect(302, EVERYONE, anonymous=302), fixed(code="en"), query="?next=/cong-thong-tin/"),
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(code="xx")),
    ],
    "portal:register_list": [
        Probe("get", PUBLIC, lambda s, key=spec.key: {"key": key}) for spec in registry.all_registries() if spec.public
    ]
    + [Probe("get", expect(404, EVERYONE, anonymous=404), fixed(key="households"))],
    "portal:register_map": [Probe("get", PUBLIC, fixed(key="bts-stations"))],
    "portal:register_map_data": [Probe("get", PUBLIC, fixed(key="bts-stations"), query="?zoom=8")],
    "portal:open_data": [Probe("get", PUBLIC)],
    "portal:catalogue": [Probe("get", PUBLIC)],
    "portal:dataset": [
        Probe("get", PUBLIC, lambda s, key=spec.key: {"key": key, "fmt": "csv"})
        for spec in registry.all_registries()
        if spec.public
    ]
    + [
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(key="households", fmt="csv")),
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(key="post-offices", fmt="pdf")),
    ],
    "portal:contact": [Probe("get", PUBLIC)],
    "portal:news": [Probe("get", PUBLIC)],
    "portal:news_feed": [Probe("get", PUBLIC)],
    "portal:article": [Probe("get", PUBLIC, sample(slug="slug"))],
    "portal:rate": [
        Probe(
            "post",
            expect(302, EVERYONE, anonymous=302),
            sample(slug="slug"),
            body=lambda s: {"stars": 4},
            done=lambda s: Article.objects.get(pk=s["article"]).rating_count == 1,
        )
    ],
    "portal:image": [
        Probe("get", PUBLIC, lambda s: {"digest": s["digest"], "size": "md"}),
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(digest="0" * 64, size="md")),
    ],
    "portal:sitemap": [Probe("get", PUBLIC)],
    "portal:editor_list": [Probe("get", page(NEWSROOM))],
    "portal:editor_images": [Probe("get", page(NEWSROOM))],
    "portal:editor_create": [
        Probe("get", page(NEWSROOM)),
        Probe("post", page(NEWSROOM, 302), body=lambda s: ARTICLE_FORM),
    ],
    "portal:editor_detail": [Probe("get", page(NEWSROOM), sample(pk="article"))],
    "portal:editor_edit": [
        Probe("get", page(NEWSROOM), sample(pk="article")),
        Probe(
            "post",
            page(NEWSROOM, 302),
            sample(pk="article"),
            body=lambda s: {**ARTICLE_FORM, "version": Article.objects.get(pk=s["article"]).version},
        ),
    ],
    "portal:editor_action": _article_actions(html=True),
    "portal:inbox": [Probe("get", page(INBOX))],
    "portal:inbox_detail": [Probe("get", page(INBOX), sample(pk="feedback"))],
    "set_language": [Probe("get", expect(302, EVERYONE, anonymous=302))],
    "training:courses": [Probe("get", page(TRAINING_VIEW)), Probe("get", page(TRAINING_VIEW), query="?nam=2019")],
    "training:plan_new": [
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            body=lambda s: {"year": 2032, "title": "Kế hoạch 2032"},
            done=lambda s: TrainingPlan.objects.filter(year=2032).exists(),
        )
    ],
    "training:plan_approve": [
        Probe(
            "post",
            page(TRAINING_APPROVE, 302),
            sample(pk="draft_plan"),
            prepare=_draft_plan,
            done=lambda s: TrainingPlan.objects.get(pk=s["draft_plan"]).approved_on is not None,
        )
    ],
    "training:course_new": [
        Probe("get", page(TRAINING_WORK)),
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            body=lambda s: {**NEW_COURSE, "plan": TrainingPlan.objects.get(year=2019).pk},
            done=lambda s: Course.objects.filter(code="k-moi").exists(),
        ),
    ],
    "training:course": [
        Probe("get", page(TRAINING_VIEW), sample(pk="course")),
        Probe("get", page(TRAINING_VIEW), sample(pk="course"), query="?tab=history"),
        Probe("get", page(TRAINING_VIEW, refused=403, **{u: 404 for u in TRAINING_VIEW}), fixed(pk=999999)),
    ],
    "training:course_edit": [
        Probe("get", page(TRAINING_WORK), sample(pk="course")),
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            sample(pk="course"),
            body=_course_form,
            done=lambda s: Course.objects.get(pk=s["course"]).trainers == "ThS. Lê Hà",
        ),
    ],
    "training:enrol": [
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            sample(pk="course"),
            body=lambda s: {"full_name": "Võ Thị Mai", "birth_year": 1990, "unit": "18880"},
            done=lambda s: Enrolment.objects.filter(person__full_name="Võ Thị Mai").exists(),
        )
    ],
    "training:attendance": [
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            sample(pk="course", session_id="session"),
            body=lambda s: {"present": [s["enrolment"]]},
            done=lambda s: Attendance.objects.filter(enrolment_id=s["enrolment"], present=True).exists(),
        )
    ],
    "training:attendance_sheet": [Probe("get", page(TRAINING_VIEW), sample(pk="course"))],
    "training:result": [
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            sample(pk="enrolment"),
            body=lambda s: {"result": "failed"},
            done=lambda s: Enrolment.objects.get(pk=s["enrolment"]).result == "failed",
        )
    ],
    "training:certificate": [
        Probe(
            "post",
            page(TRAINING_WORK, 302),
            sample(pk="passed_enrolment"),
            done=lambda s: Enrolment.objects.get(pk=s["passed_enrolment"]).certificate_code is not None,
        )
    ],
    "training:certificate_file": [
        Probe("get", page(TRAINING_VIEW), sample(pk="certified_enrolment")),
        Probe("get", page(TRAINING_VIEW, refused=403, **{u: 404 for u in TRAINING_VIEW}), sample(pk="enrolment")),
    ],
    "training:coverage": [Probe("get", page(TRAINING_VIEW), query="?topic=radio_operation&years=3")],
    "training:year_report": [Probe("get", page(TRAINING_VIEW), fixed(year=2019))],
    "training:verify": [Probe("get", PUBLIC, query="?ma=ABCDEFGH23"), Probe("get", PUBLIC)],
    "training:evaluate": [
        Probe("get", PUBLIC, sample(token="evaluation_token")),
        Probe(
            "post",
            expect(302, EVERYONE, anonymous=302),
            sample(token="evaluation_token"),
            body=lambda s: {"rating": 4, "comment": "Bổ ích"},
            done=lambda s: Evaluation.objects.filter(enrolment_id=s["enrolment"]).exists(),
        ),
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(token="khong-co")),
    ],
    **{name: probes for name, probes in _registry_html().items()},
}


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("ban-sao.pdf", b"%PDF-1.4 test", content_type="application/pdf")


def _png() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("a.png", illustration((0, 0, 0), (9, 9, 9), width=320), content_type="image/png")


API: dict[str, list[Probe]] = {
    "accounts_me": [Probe("get", api(EVERYONE))],
    "units_list_units": [Probe("get", api(EVERYONE))],
    "units_get_unit": [Probe("get", api(EVERYONE), fixed(code="44"))],
    "parties_list_persons": [
        Probe("get", api(PERSON_VIEW)),
        Probe("get", api(PERSON_VIEW), query="?q=nguyen&unit=18880"),
        Probe("get", api(PERSON_VIEW), query="?deleted=true"),
    ],
    "parties_get_person": [
        Probe("get", api(PERSON_VIEW), sample(pk="person")),
        Probe("get", api(PERSON_VIEW, canboxa=404), sample(pk="other_person")),
        Probe("get", api(PERSON_VIEW), sample(pk="person"), prepare=_deleted_person),
    ],
    "parties_delete_person": [
        Probe(
            "delete",
            api(PERSON_KEEP, 204, **NO_PERSONS),
            sample(pk="person"),
            body=lambda s: PERSON_REASON,
            json=True,
            done=_person_is_deleted(True),
        ),
        Probe(
            "delete",
            api(PERSON_KEEP, 204, canboxa=404, **NO_PERSONS),
            sample(pk="other_person"),
            body=lambda s: PERSON_REASON,
            json=True,
        ),
    ],
    "parties_restore_person": [
        Probe(
            "post",
            api(PERSON_KEEP, **NO_PERSONS),
            sample(pk="person"),
            prepare=_deleted_person,
            json=True,
            done=_person_is_deleted(False),
        )
    ],
    "parties_list_organisations": [Probe("get", api(ORG_VIEW))],
    "parties_get_organisation": [Probe("get", api(ORG_VIEW, canboxa=404, doanhnghiep=404), sample(pk="department"))],
    "parties_create_organisation": [Probe("post", api(ORG_EDIT, 201), body=lambda s: ORGANISATION, json=True)],
    "parties_update_organisation": [
        Probe(
            "patch",
            api(ORG_EDIT),
            sample(pk="department"),
            body=lambda s: {"version": Organisation.objects.get(pk=s["department"]).version, "phone": "0232 3822 222"},
            json=True,
        )
    ],
    "portal_list_articles": [Probe("get", expect(200, EVERYONE, anonymous=200))],
    "portal_get_article": [Probe("get", expect(200, EVERYONE, anonymous=200), sample(article_id="article"))],
    "portal_create_article": [
        Probe("post", api(NEWSROOM, 201), body=lambda s: {"title": "Bài API", "lead": "Mở đầu"}, json=True)
    ],
    "portal_edit_article": [
        Probe(
            "patch",
            api(NEWSROOM),
            sample(article_id="article"),
            body=lambda s: {"version": Article.objects.get(pk=s["article"]).version, "lead": "Mở đầu mới"},
            json=True,
        )
    ],
    "portal_rate_article": [
        Probe(
            "post",
            expect(200, EVERYONE, anonymous=200),
            sample(article_id="article"),
            body=lambda s: {"stars": 5},
            json=True,
        )
    ],
    "portal_article_action": _article_actions(html=False),
    "portal_upload_image": [Probe("post", api(NEWSROOM, 201), body=lambda s: {"alt": "Ảnh thử"}, files={"file": _png})],
    "licensing_list_procedures": [Probe("get", expect(200, EVERYONE, anonymous=200))],
    "licensing_list_licences": [Probe("get", expect(200, EVERYONE, anonymous=200))],
    "licensing_record_licence": [
        Probe(
            "post",
            api(CASE_WORK, 201),
            body=lambda s: {
                "number": "7/GP-STTTT",
                "holder": s["operator"],
                "valid_from": "2019-01-10",
                "valid_until": "2029-01-10",
                "particulars": {**WEBSITE, "domains": ["giay.vn"]},
            },
            json=True,
        )
    ],
    "licensing_get_licence": [Probe("get", expect(200, EVERYONE, anonymous=200), sample(licence_id="licence"))],
    "licensing_list_cases": [Probe("get", api(CASE_VIEW))],
    "licensing_create_case": [
        Probe(
            "post",
            api(CASE_ADD, 201),
            body=lambda s: {
                "procedure": "website.new",
                "applicant": s["operator"],
                "particulars": {**WEBSITE, "domains": ["moi.vn"]},
            },
            json=True,
        )
    ],
    "licensing_get_case": [
        Probe("get", api(CASE_VIEW), sample(case_id="case")),
        Probe("get", api(CASE_VIEW, doanhnghiep=404), sample(case_id="other_case")),
    ],
    "licensing_list_files": [Probe("get", api(CASE_VIEW), sample(case_id="case"))],
    "licensing_upload_file": [
        Probe(
            "post",
            # an enterprise adds files only while its case is submitted or awaiting a supplement
            api(CASE_WORK, 201),
            sample(case_id="case"),
            body=lambda s: {"label": "Bản sao"},
            files={"file": _pdf},
        )
    ],
    "licensing_download_file": [Probe("get", api(CASE_VIEW), sample(case_id="case", file_id="case_file"))],
    "licensing_fees": [Probe("get", api(CASE_VIEW), sample(case_id="case"))],
    "licensing_assess_fee": [
        Probe(
            "put",
            api(CASE_WORK),
            sample(case_id="case"),
            body=lambda s: {"amount": 0, "reason": "Miễn"},
            json=True,
        )
    ],
    "licensing_pay": [
        Probe(
            "post",
            api(PAYMENT, 201),
            sample(case_id="case"),
            body=lambda s: {"amount": 1000, "paid_on": "2026-11-20", "channel": "cash", "receipt_number": "BL2"},
            json=True,
        )
    ],
    "licensing_outgoing": [Probe("get", api(CASE_VIEW), sample(case_id="case"))],
    "licensing_download_document": [Probe("get", api(CASE_VIEW), sample(case_id="case", document_id="case_document"))],
    "licensing_apology": [Probe("post", api(CASE_WORK), sample(case_id="case"))],
    "licensing_assign": [
        Probe(
            "post",
            api(ASSIGNERS),
            sample(case_id="case"),
            body=lambda s: {"assignee": s["specialist"]},
            json=True,
            done=lambda s: Case.objects.get(pk=s["case"]).assignee_id == s["specialist"],
        )
    ],
    "licensing_step": _case_steps_api(),
    "programmes_list_programmes": [Probe("get", api(PROGRAMME_VIEW))],
    "notifications_list": [Probe("get", api(EVERYONE))],
    "directives_list_tasks": [Probe("get", api(DIRECTIVE_VIEW))],
    "enforcement_provisions": [Probe("get", api(ENFORCEMENT_STAFF))],
    "enforcement_authorities": [Probe("get", api(ENFORCEMENT_STAFF))],
    "enforcement_record_violation": [Probe("post", api(ENFORCEMENT_WORK, 422), json=True)],
    "enforcement_draft_decision": [Probe("post", api(ENFORCEMENT_WORK, 422), json=True)],
    "enforcement_decisions": [Probe("get", api(SANCTION_VIEW))],
    "enforcement_decision": [Probe("get", api(SANCTION_VIEW, 404), fixed(decision_id=999999))],
    "enforcement_record_payment": [Probe("post", api(ENFORCEMENT_STAFF, 422), fixed(decision_id=999999), json=True)],
    "enforcement_inspections": [Probe("get", api(ENFORCEMENT_STAFF))],
    "enforcement_grant_instalments": [Probe("post", api(ENFORCEMENT_SIGN, 422), fixed(decision_id=999999), json=True)],
    "enforcement_postpone_payment": [Probe("post", api(ENFORCEMENT_SIGN, 422), fixed(decision_id=999999), json=True)],
    "enforcement_record_appeal": [Probe("post", api(ENFORCEMENT_WORK, 422), fixed(decision_id=999999), json=True)],
    "enforcement_resolve_appeal": [
        Probe("post", api(ENFORCEMENT_SIGN, 422), fixed(decision_id=999999, appeal_id=1), json=True)
    ],
    "enforcement_remedy_done": [Probe("post", api(ENFORCEMENT_STAFF, 422), fixed(decision_id=999999), json=True)],
    "enforcement_publish_decision": [Probe("post", api(ENFORCEMENT_SIGN, 404), fixed(decision_id=999999))],
    "enforcement_plans": [Probe("get", api(ENFORCEMENT_STAFF))],
    "enforcement_create_plan": [Probe("post", api(ENFORCEMENT_WORK, 422), json=True)],
    "enforcement_approve_plan": [Probe("post", api(ENFORCEMENT_SIGN, 404), fixed(plan_id=999999))],
    "enforcement_open_inspection": [Probe("post", api(ENFORCEMENT_WORK, 422), json=True)],
    "enforcement_conclude_inspection": [
        Probe("post", api(ENFORCEMENT_WORK, 422), fixed(inspection_id=999999), json=True)
    ],
    "infosec_list_information_systems": [Probe("get", api(SEC_VIEW))],
    "infosec_get_information_system": [Probe("get", api(SEC_VIEW, canboxa=404), sample(system_id="system"))],
    "infosec_create_information_system": [Probe("post", api(SEC_KEEP, 422), json=True)],
    "infosec_refer_information_system": [Probe("post", api(SEC_KEEP, 422), sample(system_id="system"), json=True)],
    "infosec_list_incidents": [Probe("get", api(SEC_VIEW))],
    "infosec_incidents_summary": [Probe("get", api(SEC_VIEW))],
    "infosec_get_incident": [Probe("get", api(SEC_VIEW, canboxa=404), sample(incident_id="incident"))],
    "infosec_report_incident": [Probe("post", api(SEC_REPORT, 422), json=True)],
    "infosec_close_incident": [Probe("post", api(SEC_VIEW, 422), sample(incident_id="incident"), json=True)],
    "infosec_incident_progress": [Probe("post", api(SEC_VIEW, 422), sample(incident_id="incident"), json=True)],
    # the operator's users and the Department's specialists act on an incident; leaders and inspectors read it
    "infosec_escalate_incident": [Probe("post", api(SEC_ACT, canboxa=404), sample(incident_id="incident"), json=True)],
    "infosec_incident_initial_report": [  # already sent in the samples
        Probe("post", api(SEC_ACT, 409, canboxa=404), sample(incident_id="incident"), json=True)
    ],
    "infosec_incident_end_report": [  # the response is not closed yet
        Probe("post", api(SEC_VIEW, 409, canboxa=404), sample(incident_id="incident"), json=True)
    ],
    "indicators_list": [Probe("get", api(REPORT_VIEW))],
    "regimes_list": [Probe("get", api(REPORT_VIEW))],
    "reports_list": [Probe("get", api(REPORT_VIEW), query="?status=draft")],
    "reports_detail": [
        Probe("get", api(REPORT_VIEW), sample(report_id="report")),
        Probe("get", api(REPORT_VIEW, canboxa=404), sample(report_id="other_report")),
    ],
    "reports_create": [Probe("post", api(REPORT_FILL, 422), json=True)],  # empty body: the check answers
    "reports_set_values": [
        Probe("put", api(REPORT_FILL), sample(report_id="report"), body=lambda s: {"values": {}}, json=True)
    ],
    "reports_submit": [  # the fresh draft lacks its manual values: the validation refuses it
        Probe("post", api(REPORT_FILL, 422), sample(report_id="report"), json=True)
    ],
    "reports_approve": [Probe("post", api(REPORT_REVIEW, 409), sample(report_id="report"), json=True)],
    "reports_return": [  # a draft is not waiting for review
        Probe("post", api(REPORT_REVIEW, 409), sample(report_id="report"), body=lambda s: {"reason": "Sửa"}, json=True)
    ],
    "indicator_values": [Probe("get", api(REPORT_VIEW, canboxa=404), query="?indicator=BD01&period=2026")],
    "criterion8_list": [Probe("get", api(REPORT_VIEW), query="?year=2026")],
    "dashboard": [Probe("get", api(EVERYONE))],
    "directives_task_summary": [Probe("get", api(DIRECTIVE_VIEW), query="?group_by=lead_unit")],
    "directives_get_task": [Probe("get", api(DIRECTIVE_VIEW, canboxa=404), sample(task_id="other_task"))],
    "directives_step": [
        Probe(
            "post",
            api(DIRECTIVE_VIEW, 409, lanhdao=403, canboxa=404),  # a report without its note is refused (409)
            lambda s: {"task_id": s["other_task"], "action": "progress"},
            json=True,
        )
    ],
    # writes with an empty body: the roles that may write reach the body's check (422), the others are refused
    "directives_create_task": [Probe("post", api(DIRECTIVE_RECORD, 422), json=True)],
    "directives_list_sessions": [Probe("get", api(DIRECTIVE_RECORD))],
    "directives_create_session": [Probe("post", api(DIRECTIVE_RECORD, 422), json=True)],
    "directives_list_documents": [Probe("get", api(DIRECTIVE_VIEW))],
    "directives_create_document": [Probe("post", api(DIRECTIVE_RECORD, 422), json=True)],
    "directives_list_proposals": [Probe("get", api(DIRECTIVE_RECORD))],
    "directives_create_proposal": [Probe("post", api(DIRECTIVE_RECORD, 422), json=True)],
    "directives_answer": [Probe("post", api(DIRECTIVE_RECORD, 422), sample(proposal_id="proposal"), json=True)],
    "notifications_read_all": [Probe("post", api(EVERYONE))],
    "notifications_read": [Probe("post", api({"chuyenvien"}, refused=404), sample(notification_id="notification"))],
    "programmes_list_deliveries": [Probe("get", api(PROGRAMME_VIEW), fixed(code="tv-digitisation"))],
    "programmes_record_delivery": [
        Probe(
            "post",
            api(PROGRAMME_WORK, 201),
            fixed(code="tv-digitisation"),
            body=lambda s: {"household": "MX1", "delivered_on": "2019-06-10", "serial": "STB-1", "cable_m": 12},
            prepare=_poor_household,
            json=True,
        )
    ],
    "training_list_courses": [Probe("get", api(TRAINING_VIEW)), Probe("get", api(TRAINING_VIEW), query="?year=2019")],
    "training_create_course": [
        Probe(
            "post",
            api(TRAINING_WORK, 201),
            body=lambda s: {
                "year": 2019,
                "code": "api-moi",
                "title": "Khóa qua API",
                "topic": "other",
                "target_group": "department_staff",
                "starts_on": "2019-07-01",
                "ends_on": "2019-07-01",
                "online": True,
            },
            json=True,
        )
    ],
    "training_enrol_participant": [
        Probe(
            "post",
            api(TRAINING_WORK, 201),
            sample(course_id="course"),
            body=lambda s: {"full_name": "Đặng Văn Tài", "birth_year": 1991, "unit": "18880"},
            json=True,
        ),
        Probe(
            "post",
            api(TRAINING_WORK, 201),
            sample(course_id="course"),
            body=lambda s: {"person": s["person"]},
            json=True,
        ),
    ],
    "training_coverage": [Probe("get", api(TRAINING_VIEW), query="?topic=radio_operation&years=10")],
    "training_verify_certificate": [
        Probe("get", expect(200, EVERYONE, anonymous=200), sample(code="certificate_code")),
        Probe("get", expect(404, EVERYONE, anonymous=404), fixed(code="ABCDEFGH23")),
    ],
    "programmes_progress": [Probe("get", api(PROGRAMME_VIEW), fixed(code="tv-digitisation"), query="?level=province")],
    **_registry_api(),
}


# ---- running it --------------------------------------------------------------------------------------


def _named_routes(resolver: URLResolver, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _named_routes(pattern, inner or namespace, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


EXEMPT_NAMESPACES = ("admin:", "api:")  # Django's own admin; the API is checked through its document


def _html_routes() -> list[str]:
    return sorted({name for name, _path in _named_routes(get_resolver()) if not name.startswith(EXEMPT_NAMESPACES)})


def _operations(client: Client) -> dict[str, tuple[str, str]]:
    document = client.get("/api/v1/openapi.json").json()
    return {
        operation["operationId"]: (method, path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }


SUCCESS = {200, 201, 204, 302}


def _client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def _send(role: str, method: str, url: str, probe: Probe, context: Samples) -> int:
    client = _client(role)
    body = probe.body(context) if probe.body else None
    kwargs: dict[str, Any] = {}
    if probe.files:
        kwargs["data"] = {**(body or {}), **{name: make() for name, make in probe.files.items()}}
    elif probe.json:
        kwargs = {"data": json.dumps(body if body is not None else {}), "content_type": "application/json"}
    elif body is not None:
        kwargs["data"] = body
    response = getattr(client, method)(url + probe.query, **kwargs)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


def _probe(role: str, probe: Probe, samples: Samples, url_for: Callable[[dict[str, Any]], str]) -> int:
    cache.clear()  # page cache and throttles start empty for each probe
    with transaction.atomic():
        context = {**samples, "actor": User.objects.filter(username=role).first()}
        if probe.prepare is not None:
            context |= probe.prepare(context)
        status = _send(role, probe.method, url_for(probe.kwargs(context)), probe, context)
        succeeded = role != "anonymous" and status == probe.expect[role] and status in SUCCESS
        if probe.done is not None and succeeded and not probe.done(context):
            status = -status  # answered as a success, but nothing was written
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(role: str, samples: Samples) -> None:
    from django.urls import reverse

    failures = []
    for name, probes in HTML.items():
        for probe in probes:
            urls: list[str] = []

            def url_for(kwargs: dict[str, Any], name: str = name, urls: list[str] = urls) -> str:
                urls.append(reverse(name, kwargs=kwargs))
                return urls[-1]

            status = _probe(role, probe, samples, url_for)
            if status != probe.expect[role]:
                failures.append(
                    f"{probe.method.upper()} {name} {urls[-1]}{probe.query}: {status} != {probe.expect[role]}"
                )
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_every_api_operation_answers_each_role_as_expected(role: str, samples: Samples) -> None:
    operations = _operations(Client())
    failures = []
    for operation_id, probes in API.items():
        method, path = operations[operation_id]
        for probe in probes:
            assert probe.method == method, operation_id
            status = _probe(role, probe, samples, lambda kwargs, path=path: path.format(**kwargs))
            if status != probe.expect[role]:
                failures.append(f"{method.upper()} {operation_id} {probe.query}: {status} != {probe.expect[role]}")
    assert failures == [], "\n".join(failures)


def test_every_route_and_operation_has_expectations() -> None:
    assert [name for name in _html_routes() if name not in HTML] == []
    assert sorted(set(_operations(Client())) - set(API)) == []
    assert sorted(set(HTML) - set(_html_routes())) == []
    assert sorted(set(API) - set(_operations(Client()))) == []


def test_every_action_of_a_workflow_is_probed() -> None:
    probed_steps = {probe.kwargs({"case_id": 1, "pk": 1})["action"] for probe in HTML["licensing:case_step"]}
    assert probed_steps == set(workflow.STEPS)
    probed_api = {probe.kwargs({"case_id": 1})["action"] for probe in API["licensing_step"]}
    assert probed_api == set(workflow.STEPS)
    probed_articles = {probe.kwargs({"article_id": 1, "pk": 1})["action"] for probe in API["portal_article_action"]}
    document = Client().get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/articles/{article_id}/{action}"]["post"]
    action = next(p for p in operation["parameters"] if p["name"] == "action")
    assert probed_articles == set(action["schema"]["enum"])

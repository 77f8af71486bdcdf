"""The rules of sanctioning, pure: which decree applies, limitation and time limits, the signer's authority and
the competent title, the fine within its range, the late-payment surcharge, instalments, and the decision's
state table. Rows of the law (provisions, authorities, time rules) come in as arguments; no I/O here."""

from __future__ import annotations

import calendar as cal
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.workdays import WorkingCalendar
from ictmis.core.workflow import Step, possible_actions

D = dt.date
DECREES = [  # (in force from, number): the sector decree of a day
    (D(2014, 1, 15), "174/2013/NĐ-CP"),
    (D(2020, 4, 15), "15/2020/NĐ-CP"),
    (D(2026, 7, 1), "174/2026/NĐ-CP"),
]
# constants of the law that need no editing: each names where it comes from
FINE_MIDDLE_CITATION = "khoản 4 Điều 23, 15/2012/QH13"
REPEAT_CITATION = "khoản 5 Điều 2, Điều 7, 15/2012/QH13"
REPEAT_WINDOW_YEARS = 1
# titles from the lowest to the highest: a case beyond one title's authority climbs this list
TITLE_ORDER = (
    "inspector_on_duty",
    "team_head",
    "commune_pc",
    "chief_inspector",
    "district_pc",
    "director",
    "culture_director",
    "provincial_pc",
)


@dataclass(frozen=True)
class Refusal:
    """One rule that refuses a decision: its name, the message and where the rule comes from."""

    rule: str
    message: str
    citation: str
    field: str = ""

    def as_error(self) -> dict[str, str]:
        return {"field": self.field or self.rule, "rule": self.rule, "message": self.message, "citation": self.citation}


class SanctionRefused(DomainError):
    """The law refuses the decision as drafted; `refusals` name every rule that did."""

    def __init__(self, refusals: Sequence[Refusal], *, competent: str = "") -> None:
        self.refusals = list(refusals)
        self.competent = competent
        super().__init__("; ".join(f"{r.message} ({r.citation})" for r in refusals))


class Rule(Protocol):
    value: int

    @property
    def citation(self) -> str: ...


class ProvisionLike(Protocol):
    act_code: str
    sector: str
    min_fine: int
    max_fine: int
    valid_from: dt.date
    valid_to: dt.date | None
    limitation_years: int
    suspends_licence: bool

    @property
    def citation(self) -> str: ...

    def in_force_on(self, day: dt.date) -> bool: ...


class AuthorityLike(Protocol):
    title: str
    sectors: list[str]
    max_fine: int
    may_suspend_licence: bool

    @property
    def citation(self) -> str: ...


@dataclass(frozen=True)
class Act:
    """An act of a decision: its provision and the fine chosen, with any circumstances recorded."""

    provision: Any
    fine: int
    mitigating: str = ""
    aggravating: str = ""


def decree_on(day: dt.date) -> str:
    number = DECREES[0][1]
    for start, candidate in DECREES:
        if day >= start:
            number = candidate
    return number


def judged_on(*, act_ended_on: dt.date | None, detected_on: dt.date) -> dt.date:
    """The day whose law applies (Decree 174/2026 Art. 115): an ended act is judged by the law of its end, a
    continuing one by the law in force when it was detected."""
    return act_ended_on if act_ended_on is not None else detected_on


def fine_range(provision: Any, violator_type: str) -> tuple[int, int]:
    """Provisions state organisation amounts; an individual is fined half."""
    if violator_type == "individual":
        return provision.min_fine // 2, provision.max_fine // 2
    return provision.min_fine, provision.max_fine


def default_fine(provision: Any, violator_type: str) -> int:
    low, high = fine_range(provision, violator_type)
    return (low + high) // 2


def limit_for(authority: Any, violator_type: str) -> int:
    """Signing limits are organisation amounts too: halve them for an individual."""
    return authority.max_fine // 2 if violator_type == "individual" else authority.max_fine


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, cal.monthrange(year, month)[1]))


def limitation_ends(*, act_ended_on: dt.date | None, detected_on: dt.date, years: int) -> dt.date:
    """The last day a decision may be made: the period runs from the end of an ended act, or from the detection
    of a continuing one."""
    start = judged_on(act_ended_on=act_ended_on, detected_on=detected_on)
    return add_years(start, years) - dt.timedelta(days=1)


def decision_due(calendar: WorkingCalendar, *, recorded_on: dt.date, complexity: str, rules: dict[str, Any]) -> dt.date:
    """The last day to decide after the record: working days for the ordinary and transferred cases, months
    for a case that needs an explanation or verification, or a very complex one."""
    if complexity in ("explained", "complex"):
        return add_months(recorded_on, rules[f"decision_{complexity}"].value)
    key = (
        "decision_transferred"
        if complexity == "transferred" and "decision_transferred" in rules
        else ("decision_ordinary")
    )
    return calendar.add_working_days(recorded_on, rules[key].value)


def check_fine(act: Act, violator_type: str) -> list[Refusal]:
    low, high = fine_range(act.provision, violator_type)
    middle = (low + high) // 2
    if not low <= act.fine <= high:
        message = _("The fine %(fine)s đồng is outside the range %(low)s–%(high)s đồng of %(provision)s.") % {
            "fine": f"{act.fine:,}",
            "low": f"{low:,}",
            "high": f"{high:,}",
            "provision": act.provision.citation,
        }
        return [Refusal("fine_range", message, act.provision.citation, "fine")]
    if act.fine < middle and not act.mitigating.strip():
        message = _("A fine below the middle of the range (%(middle)s đồng) needs the mitigating circumstances.") % {
            "middle": f"{middle:,}"
        }
        return [Refusal("fine_middle", message, FINE_MIDDLE_CITATION, "mitigating")]
    if act.fine > middle and not act.aggravating.strip():
        message = _("A fine above the middle of the range (%(middle)s đồng) needs the aggravating circumstances.") % {
            "middle": f"{middle:,}"
        }
        return [Refusal("fine_middle", message, FINE_MIDDLE_CITATION, "aggravating")]
    return []


def check_in_force(act: Act, day: dt.date) -> list[Refusal]:
    if act.provision.in_force_on(day):
        return []
    message = _("%(provision)s is not in force on %(day)s, the date whose law applies to the act.") % {
        "provision": act.provision.citation,
        "day": day.strftime("%d/%m/%Y"),
    }
    return [Refusal("provision_in_force", message, act.provision.citation, "provision")]


def covers(
    authorities: Iterable[Any], title: str, sector: str, amount: int, violator_type: str, *, suspends: bool = False
) -> Any | None:
    """The authority row of `title` that covers an act of `sector` with this amount, or None."""
    for row in authorities:
        fits = row.title == title and sector in row.sectors and amount <= limit_for(row, violator_type)
        if fits and (not suspends or row.may_suspend_licence):
            return row
    return None


def competent_title(
    authorities: Sequence[Any], acts: Sequence[Act], violator_type: str, *, suspends: bool = False
) -> str:
    """The lowest title whose authority on the day covers every act (LHAV Art. 52); '' when none does."""
    titles = sorted({row.title for row in authorities}, key=lambda t: TITLE_ORDER.index(t) if t in TITLE_ORDER else 99)
    for title in titles:
        if all(covers(authorities, title, a.provision.sector, a.fine, violator_type, suspends=suspends) for a in acts):
            return title
    return ""


def check_signer(
    authorities: Sequence[Any],
    title: str,
    acts: Sequence[Act],
    violator_type: str,
    *,
    suspends: bool,
    transfer_citation: str,
    title_label: Any,
) -> tuple[list[Refusal], str]:
    """Every act against the signer's limit on the decision date; if one exceeds it, the whole case goes to the
    competent title, which the refusal names."""
    refusals = []
    for act in acts:
        if covers(authorities, title, act.provision.sector, act.fine, violator_type, suspends=suspends) is None:
            own = [r for r in authorities if r.title == title and act.provision.sector in r.sectors]
            limit = f"{limit_for(own[0], violator_type):,}" if own else "0"
            message = _(
                "%(title)s may fine up to %(limit)s đồng for this act on the decision date; %(fine)s đồng "
                "is beyond that authority."
            ) % {"title": title_label(title), "limit": limit, "fine": f"{act.fine:,}"}
            refusals.append(
                Refusal("signer_authority", message, own[0].citation if own else transfer_citation, "signer_title")
            )
    if not refusals:
        return [], ""
    competent = competent_title(authorities, acts, violator_type, suspends=suspends)
    if competent:
        message = _("The case must be transferred to the %(title)s, who may sign it.") % {
            "title": title_label(competent)
        }
    else:
        message = _("No title holds the authority for these amounts on the decision date.")
    refusals.append(Refusal("transfer", message, transfer_citation, "signer_title"))
    return refusals, competent


def more_lenient(act: Act, later: Iterable[Any], violator_type: str) -> Any | None:
    """A later provision for the same act with a lower maximum (or minimum) than the one of the act's date."""
    low, high = fine_range(act.provision, violator_type)
    best = None
    for candidate in later:
        if candidate.pk == getattr(act.provision, "pk", None) or candidate.act_code != act.provision.act_code:
            continue
        c_low, c_high = fine_range(candidate, violator_type)
        if (c_high, c_low) < (high, low) and (best is None or (c_high, c_low) < fine_range(best, violator_type)[::-1]):
            best = candidate
    return best


def payment_due(*, decided_on: dt.date, delivered_on: dt.date | None, days: int, no_receipt_day: int) -> dt.date:
    """Pay within `days` of receipt; with no proof of receipt the surcharge runs from the `no_receipt_day`-th day
    after the decision, so the deadline is the day before it."""
    if delivered_on is not None:
        return delivered_on + dt.timedelta(days=days)
    return decided_on + dt.timedelta(days=no_receipt_day - 1)


def surcharge(
    *,
    schedule: Sequence[tuple[dt.date, int]],
    payments: Sequence[tuple[dt.date, int]],
    until: dt.date,
    per_ten_thousand: int = 5,
) -> int:
    """The late-payment surcharge, day by day: `per_ten_thousand`/10,000 of what is overdue and unpaid on each
    calendar day from the day after a deadline to the day before `until` (the payment day, or today)."""
    if not schedule:
        return 0
    first = min(due for due, _amount in schedule) + dt.timedelta(days=1)
    if until <= first:
        return 0
    # the amount overdue and unpaid changes only the day after a deadline or on a payment day: sum by stretches
    changes = {due + dt.timedelta(days=1) for due, _amount in schedule} | {paid_on for paid_on, _a in payments}
    points = sorted({first, until} | {day for day in changes if first < day < until})
    total = 0
    for start, end in itertools.pairwise(points):
        overdue = sum(amount for due, amount in schedule if due < start)
        paid = sum(amount for paid_on, amount in payments if paid_on <= start)
        total += max(0, overdue - paid) * (end - start).days
    return total * per_ten_thousand // 10_000


def check_instalments(
    plan: Sequence[tuple[dt.date, int]], *, total: int, decided_on: dt.date, rules: dict[str, Any]
) -> list[Refusal]:
    """At most three instalments within six months, the first at least 40 % of the fine."""
    count, months, first = rules["instalments"], rules["instalment_months"], rules["first_instalment"]
    problems = []
    if not plan or len(plan) > count.value:
        problems.append(
            Refusal("instalments", _("Give at most %(n)s instalments.") % {"n": count.value}, count.citation)
        )
    elif sum(amount for _d, amount in plan) != total:
        problems.append(Refusal("instalments", _("The instalments must add up to the fine."), count.citation))
    else:
        if max(day for day, _a in plan) > add_months(decided_on, months.value):
            problems.append(
                Refusal(
                    "instalments",
                    _("The instalments must end within %(n)s months.") % {"n": months.value},
                    months.citation,
                )
            )
        if sorted(plan)[0][1] * 100 < total * first.value:
            problems.append(
                Refusal(
                    "instalments",
                    _("The first instalment must be at least %(n)s %% of the fine.") % {"n": first.value},
                    first.citation,
                )
            )
    return problems


def check_postponement(
    *,
    violator_type: str,
    total: int,
    paid: int,
    decided_on: dt.date,
    until: dt.date,
    has_instalments: bool,
    reason: str,
    rules: dict[str, Any],
) -> list[Refusal]:
    """Postponement of a fine: only for an individual, only from the amount and within the months the rows of
    the decision's date give, with the hardship written down; never beside instalments or after a payment."""
    months, minimum = rules.get("postponement_months"), rules.get("postponement_min")
    if months is None or minimum is None:
        return [Refusal("postponement", _("No rule in force allows a postponement for this decision."), "")]
    problems = []
    if violator_type != "individual":
        message = _("Only the fine of an individual may be postponed.")
        problems.append(Refusal("postponement", message, minimum.citation, "violator_type"))
    elif total < minimum.value:
        message = _("Only a fine from %(amount)s đồng may be postponed.") % {"amount": f"{minimum.value:,}"}
        problems.append(Refusal("postponement", message, minimum.citation, "until"))
    if until <= decided_on or until > add_months(decided_on, months.value):
        message = _("A payment may be postponed for at most %(n)s months from the decision.") % {"n": months.value}
        problems.append(Refusal("postponement", message, months.citation, "until"))
    if has_instalments or paid:
        message = _("A fine paid in part or in instalments is not postponed.")
        problems.append(Refusal("postponement", message, months.citation, "until"))
    if not reason.strip():
        problems.append(Refusal("postponement", _("Write the hardship that justifies it."), months.citation, "reason"))
    return problems


def check_on_the_spot(
    *,
    acts: Sequence[Act],
    violator_type: str,
    rules: dict[str, Any],
    additional_sanctions: str = "",
    remedial_measures: str = "",
    suspends: bool = False,
    decided_on: dt.date | None = None,
    act_on: dt.date | None = None,
    act_in_future: bool = False,
    today: dt.date | None = None,
) -> list[Refusal]:
    """A decision without a record (LHAV Art. 56): issued on the spot, so dated the day of the act, which has
    already happened, and not after today; a fine whose total stays within the ceiling of the decision's date for
    the violator's type, and no other sanction or measure; beyond it a violation record must be made."""
    key = "spot_individual" if violator_type == "individual" else "spot_organisation"
    ceiling = rules.get(key)
    if ceiling is None:
        message = _("No rule in force on the decision date allows a decision without a record: make a record.")
        return [Refusal("on_the_spot", message, "", "decided_on")]
    problems = []
    if act_in_future:
        message = _("A decision on the spot is about an act that has already taken place: the time is in the future.")
        problems.append(Refusal("on_the_spot_date", message, ceiling.citation, "act_at"))
    if decided_on is not None and act_on is not None and decided_on != act_on:
        message = _(
            "A decision without a record is issued on the spot: it is dated the day of the act (%(day)s); "
            "later, a violation record must be made."
        ) % {"day": f"{act_on:%d/%m/%Y}"}
        problems.append(Refusal("on_the_spot_date", message, ceiling.citation, "decided_on"))
    if decided_on is not None and today is not None and decided_on > today:
        message = _("A decision cannot be dated after today (%(day)s).") % {"day": f"{today:%d/%m/%Y}"}
        problems.append(Refusal("on_the_spot_date", message, ceiling.citation, "decided_on"))
    total = sum(a.fine for a in acts)
    if total > ceiling.value:
        message = _(
            "A decision without a record may fine %(who)s at most %(ceiling)s đồng on the decision date; "
            "%(total)s đồng needs a violation record."
        ) % {
            "who": _("an individual") if violator_type == "individual" else _("an organisation"),
            "ceiling": f"{ceiling.value:,}",
            "total": f"{total:,}",
        }
        problems.append(Refusal("on_the_spot_ceiling", message, ceiling.citation, "fine"))
    offending = [
        name
        for name, given in (
            ("additional_sanctions", bool(additional_sanctions.strip())),
            ("remedial_measures", bool(remedial_measures.strip())),
            ("licence", suspends),
        )
        if given
    ]
    if offending:
        message = _(
            "A decision without a record imposes only a warning or a fine: additional sanctions, remedial "
            "measures and licence suspension need a violation record."
        )
        problems.append(Refusal("on_the_spot_sanctions", message, ceiling.citation, offending[0]))
    return problems


def coercion_amount(*, total: int, paid: int, surcharge_due: int) -> tuple[int, int, int]:
    """What a coercion decision collects: the fine still unpaid and the surcharge still owed on its date."""
    unpaid, owed = max(0, total - paid), max(0, surcharge_due)
    return unpaid, owed, unpaid + owed


def is_repeat(*, earlier_decided_on: dt.date, now_on: dt.date) -> bool:
    return earlier_decided_on <= now_on <= add_years(earlier_decided_on, REPEAT_WINDOW_YEARS)


# the decision's states and the steps between them, with the permission each step needs
DRAFT, SIGNED, DELIVERED, PAID, ENFORCED, CLOSED = "draft", "signed", "delivered", "paid", "enforced", "closed"


STEPS = {
    step.action: step
    for step in (
        Step("sign", gettext_lazy("Sign"), frozenset({DRAFT}), SIGNED, "enforcement.sign_sanctiondecision"),
        Step(
            "deliver",
            gettext_lazy("Record delivery"),
            frozenset({SIGNED}),
            DELIVERED,
            "enforcement.change_sanctiondecision",
        ),
        Step(
            "enforce",
            gettext_lazy("Order enforcement"),
            frozenset({SIGNED, DELIVERED}),
            ENFORCED,
            "enforcement.sign_sanctiondecision",
        ),
        Step(
            "close",
            gettext_lazy("Close the case"),
            frozenset({PAID, ENFORCED}),
            CLOSED,
            "enforcement.change_sanctiondecision",
        ),
    )
}
PAYABLE = frozenset({SIGNED, DELIVERED, ENFORCED})


class DecisionStateError(DomainError):
    """A step out of order."""


def allowed_actions(status: str) -> list[str]:
    return possible_actions(STEPS, status)


def ensure_allowed(status: str, action: str) -> Step:
    step = STEPS.get(action)
    if step is None or status not in step.sources:
        possible = ", ".join(str(STEPS[a].label) for a in allowed_actions(status)) or "—"
        raise DecisionStateError(
            _("This step is not possible for the decision now. Possible steps: %(steps)s.") % {"steps": possible}
        )
    return step


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "enforcement.record.made": gettext_lazy("Violation record made"),
    "enforcement.record.transferred": gettext_lazy("Record transferred"),
    "enforcement.decision.drafted": gettext_lazy("Decision drafted"),
    "enforcement.decision.signed": gettext_lazy("Decision signed"),
    "enforcement.decision.delivered": gettext_lazy("Decision delivered"),
    "enforcement.decision.enforced": gettext_lazy("Coercive enforcement"),
    "enforcement.decision.drafted_without_record": gettext_lazy("Decision without a record drafted"),
    "enforcement.decision.closed": gettext_lazy("Case closed"),
    "enforcement.decision.instalments": gettext_lazy("Payment in instalments granted"),
    "enforcement.decision.paid": gettext_lazy("Fine paid"),
    "enforcement.decision.appealed": gettext_lazy("Appeal lodged"),
    "enforcement.decision.refused": gettext_lazy("Decision refused"),
    "enforcement.plan.created": gettext_lazy("Inspection plan created"),
    "enforcement.plan.approved": gettext_lazy("Inspection plan approved"),
    "enforcement.inspection.opened": gettext_lazy("Inspection opened"),
    "enforcement.inspection.concluded": gettext_lazy("Inspection concluded"),
    "enforcement.inspection.remedied": gettext_lazy("Remedial measure of the inspection done"),
    "enforcement.decision.postponed": gettext_lazy("Payment postponed"),
    "enforcement.decision.published": gettext_lazy("Decision published on the portal"),
    "enforcement.decision.unpublished": gettext_lazy("Decision taken off the portal"),
    "enforcement.decision.remedied": gettext_lazy("Remedial measures done"),
    "enforcement.decision.annulled": gettext_lazy("Decision annulled on appeal"),
    "enforcement.appeal.resolved": gettext_lazy("Outcome of the appeal recorded"),
}

"""Who may do what to which case or licence: pure functions of the actor's permissions and scope and the object.

The services enforce them (raising `NotAllowedError`); the views and the API only turn the refusal into a 403
(or show or hide a button by asking the same function). What an actor may *see* at all is the selectors' job:
a case outside the actor's scope is a 404 before any policy is asked.
"""

from __future__ import annotations

from typing import Any

from ictmis.core.access import scope_of
from ictmis.core.errors import NotAllowedError
from ictmis.licensing import workflow
from ictmis.licensing.models import Case, Licence

PROCESS = "licensing.change_case"  # the specialists who receive and process dossiers (counter entry)
APPLY = "licensing.add_case"
DECIDE = "licensing.decide_case"
PAY = "licensing.add_payment"
CHANGE_LICENCE_STATUS = "licensing.revoke_licence"
VIEW_LICENCE = "licensing.view_licence"


def processes_cases(actor: Any) -> bool:
    return bool(actor.has_perm(PROCESS))


def is_applicant(actor: Any, case: Case) -> bool:
    """The actor is a user of the enterprise that applied (its own organisation scope)."""
    organisation = scope_of(actor).organisation_id
    return organisation is not None and organisation == case.applicant_id


def can_apply_for(actor: Any, applicant: Any) -> bool:
    """A specialist records a dossier for any organisation; an enterprise user applies for its own only."""
    if processes_cases(actor):
        return True
    organisation = scope_of(actor).organisation_id
    return bool(actor.has_perm(APPLY)) and organisation is not None and organisation == applicant.pk


def may_apply_online(actor: Any) -> bool:
    """Whether the actor can open an application at all: an enterprise user for its own organisation, or a
    specialist recording a dossier."""
    return processes_cases(actor) or (bool(actor.has_perm(APPLY)) and scope_of(actor).organisation_id is not None)


def can_enter_at_counter(actor: Any) -> bool:
    """Counter entry (and its date of receipt, possibly in the past) is the specialists' work."""
    return processes_cases(actor)


def can_upload(actor: Any, case: Case) -> bool:
    """Files go into an open dossier from the specialists who process it, or from the applicant itself while
    the workflow waits for its documents. Inspectors, leaders and other enterprises never add files."""
    if not case.is_open:
        return False
    if processes_cases(actor):
        return True
    return is_applicant(actor, case) and case.status in workflow.APPLICANT_SUPPLIES


def can_act(actor: Any, case: Case, action: str) -> bool:
    step = workflow.STEPS.get(action)
    return step is not None and case.status in step.sources and bool(actor.has_perm(step.permission))


def allowed_actions(actor: Any, case: Case) -> list[str]:
    """The steps possible for the case now that this actor may take (the buttons a page shows)."""
    return [action for action in workflow.allowed_actions(case.status) if can_act(actor, case, action)]


def can_assign(actor: Any, case: Case, assignee: Any | None) -> bool:
    """A leader (who decides cases) hands an open case to a specialist or takes it back; a specialist takes an
    open case nobody holds for himself, or gives back his own. Nobody assigns a finished case."""
    if not case.is_open:
        return False
    if actor.has_perm(DECIDE):
        return True
    if not processes_cases(actor):
        return False
    if assignee is None:
        return case.assignee_id is not None and case.assignee_id == actor.pk
    return assignee.pk == actor.pk and case.assignee_id in (None, actor.pk)


def may_assign_others(actor: Any) -> bool:
    """Whether the actor may hand cases to someone else (the list's bulk bar offers the specialists then)."""
    return bool(actor.has_perm(DECIDE))


def may_hold_cases(user: Any) -> bool:
    """Who a case can be assigned to: an active user who processes cases."""
    return bool(user.is_active) and processes_cases(user)


def awaited_statuses(actor: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The statuses in which a case waits for the actor: first those where the specialists' processing step is
    next (the case waits for its assignee, or for every specialist while nobody holds it), then the others (a
    leader's decision, an applicant's supplement of its own dossier)."""
    held: set[str] = set()
    anyone: set[str] = set()
    for status in Case.Status.values:
        for step in workflow.awaited_steps(status):
            if actor.has_perm(step.permission):
                (held if step.permission == PROCESS else anyone).add(status)
    if not processes_cases(actor) and bool(actor.has_perm(APPLY)) and scope_of(actor).organisation_id is not None:
        anyone.add(workflow.SUPPLEMENT)
    return frozenset(held), frozenset(anyone)


def can_assess_fee(actor: Any, case: Case) -> bool:
    return processes_cases(actor)


def can_record_payment(actor: Any, case: Case) -> bool:
    return bool(actor.has_perm(PAY))


def can_write_apology(actor: Any, case: Case) -> bool:
    return processes_cases(actor)


def can_record_licence(actor: Any) -> bool:
    """Entering a paper-era licence into the register."""
    return processes_cases(actor)


def can_change_licence_status(actor: Any) -> bool:
    """Suspend, reinstate or revoke a licence: the leaders who sign such decisions."""
    return bool(actor.has_perm(CHANGE_LICENCE_STATUS))


def sees_particulars(actor: Any, record: Case | Licence) -> bool:
    """Who sees a licence's (or a dossier's) particulars and history beyond the public register's line:
    province-wide staff for every one, an enterprise for its own, nobody else."""
    if not actor.has_perm(VIEW_LICENCE if isinstance(record, Licence) else "licensing.view_case"):
        return False
    scope = scope_of(actor)
    if scope.whole_province:
        return True
    owner = record.holder_id if isinstance(record, Licence) else record.applicant_id
    return scope.organisation_id is not None and owner == scope.organisation_id


def ensure(allowed: bool, message: str | None = None, *, field: str | None = None) -> None:
    """Raise the refusal the views and the API turn into a 403."""
    if not allowed:
        raise NotAllowedError(message, field=field)

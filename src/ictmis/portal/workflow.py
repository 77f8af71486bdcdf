"""The editorial workflow of articles: a pure table of steps (source states, target, permission), no I/O.

`portal.articles` enforces it inside its services; the newsroom pages and the API show `allowed_actions` from
the same table, so a button appears exactly when the service would accept the step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError, NotAllowedError

DRAFT, REVIEW, PUBLISHED, RETURNED, UNPUBLISHED = "draft", "review", "published", "returned", "unpublished"
# A published article whose edits await approval: readers see the live text, the edits wait for a leader.
WITH_EDITS = "published_with_edits"

WRITE = "portal.change_article"
PUBLISH = "portal.publish_article"  # leaders (and editors given the right): publish, return, unpublish


@dataclass(frozen=True)
class Step:
    action: str
    label: Any
    targets: Mapping[str, str]  # source state -> the article's status after the step
    permission: str
    edits_author_may: bool = False  # the author of the pending edits may take it without the permission

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(self.targets)


STEPS: dict[str, Step] = {
    step.action: step
    for step in (
        Step(
            "submit",
            gettext_lazy("Submit for review"),
            {DRAFT: REVIEW, RETURNED: REVIEW, UNPUBLISHED: REVIEW},
            WRITE,
        ),
        Step("publish", gettext_lazy("Publish"), {REVIEW: PUBLISHED, WITH_EDITS: PUBLISHED}, PUBLISH),
        Step("return", gettext_lazy("Return"), {REVIEW: RETURNED, WITH_EDITS: PUBLISHED}, PUBLISH),
        Step(
            "discard",
            gettext_lazy("Discard the pending edits"),
            {WITH_EDITS: PUBLISHED},
            PUBLISH,
            edits_author_may=True,
        ),
        Step("unpublish", gettext_lazy("Unpublish"), {PUBLISHED: UNPUBLISHED, WITH_EDITS: UNPUBLISHED}, PUBLISH),
    )
}


def state_of(status: str, has_pending_edits: bool) -> str:
    return WITH_EDITS if status == PUBLISHED and has_pending_edits else status


def possible_actions(state: str) -> list[str]:
    """The steps the state allows, whoever asks."""
    return [name for name, step in STEPS.items() if state in step.sources]


def may_take(step: Step, actor: Any, *, edits_author_id: int | None) -> bool:
    """Whether the actor may take the step at all: the permission it names, or being the edits' author where the
    step allows that (an editor withdraws their own pending edits, never a colleague's)."""
    if actor.has_perm(step.permission):
        return True
    actor_id = getattr(actor, "pk", None)
    return step.edits_author_may and actor_id is not None and actor_id == edits_author_id


def ensure_may_edit(state: str, actor: Any, *, edits_author_id: int | None) -> None:
    """Editing needs the right to write; edits already awaiting approval belong to their author until a leader
    decides (changing them would replace, that is discard, a colleague's work)."""
    if not actor.has_perm(WRITE):
        raise NotAllowedError()
    if state == WITH_EDITS and not may_take(STEPS["discard"], actor, edits_author_id=edits_author_id):
        raise NotAllowedError(
            _("A colleague's edits to this article await approval: only their author or a leader may change them.")
        )


def allowed_actions(state: str, actor: Any, *, edits_author_id: int | None) -> list[str]:
    """The steps possible now that this actor may take: the buttons a page shows."""
    return [name for name in possible_actions(state) if may_take(STEPS[name], actor, edits_author_id=edits_author_id)]


def ensure_allowed(state: str, action: str, actor: Any, *, edits_author_id: int | None) -> Step:
    """The step, or a refusal: `NotAllowedError` when the actor may not take it, `DomainError` naming the
    possible steps when the article is not in a state for it."""
    step = STEPS.get(action)
    if step is None:
        raise DomainError(_("No such step: %(action)s.") % {"action": action})
    if not may_take(step, actor, edits_author_id=edits_author_id):
        if step.edits_author_may:
            raise NotAllowedError(_("Only the author of the pending edits or a leader may discard them."))
        if step.permission == PUBLISH:
            raise NotAllowedError(_("Only an editor with the right to publish, or a leader, may do this."))
        raise NotAllowedError()
    if state not in step.sources:
        allowed = ", ".join(possible_actions(state)) or "—"
        raise DomainError(_("This step is not possible now. Possible steps: %(allowed)s.") % {"allowed": allowed})
    return step


# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "portal.article.created": gettext_lazy("Article created"),
    "portal.article.edited": gettext_lazy("Article edited"),
    "portal.article.submitted": gettext_lazy("Submitted for review"),
    "portal.article.published": gettext_lazy("Article published"),
    "portal.article.returned": gettext_lazy("Article returned"),
    "portal.feedback.received": gettext_lazy("Message received"),
    "portal.feedback.status_changed": gettext_lazy("Handling status changed"),
    "portal.image.uploaded": gettext_lazy("Picture uploaded"),
}

# What the confirmation says once a step is done.
DONE_MESSAGES = {
    "submit": gettext_lazy("The article was sent for review."),
    "publish": gettext_lazy("The article was published."),
    "return": gettext_lazy("The article was returned to its author."),
    "discard": gettext_lazy("The pending edits were discarded."),
    "unpublish": gettext_lazy("The article was taken off the portal."),
}

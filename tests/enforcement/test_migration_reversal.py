"""Reversing the migrations of decisions without a record and of coercion keeps the data: 0005 refuses with a
clear message while a decision without a record exists, 0006 keeps the document kind its documents reference."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps

from ictmis.documents.public import documents_of
from ictmis.enforcement import coercion
from ictmis.enforcement.models import SanctionProvision
from tests.enforcement.conftest import at
from tests.enforcement.test_coercion import ENFORCED, overdue_decision
from tests.enforcement.test_onspot import issue, small_act

pytestmark = pytest.mark.django_db
WITHOUT_RECORD = importlib.import_module("ictmis.enforcement.migrations.0005_decision_without_record_and_coercion")
COERCION_KIND = importlib.import_module("ictmis.enforcement.migrations.0006_coercion_document_kind")
__all__ = ["small_act"]


def test_0005_reverses_while_no_decision_is_without_record_and_refuses_clearly_once_one_is(inspector, small_act):
    WITHOUT_RECORD.refuse_to_drop_decisions_without_record(apps, None)
    issue(inspector, small_act, fine=200_000, day=dt.date(2025, 9, 10))

    with pytest.raises(RuntimeError, match="without a violation record"):
        WITHOUT_RECORD.refuse_to_drop_decisions_without_record(apps, None)


def test_0006_keeps_the_coercion_kind_while_a_document_references_it(inspector: Any, leader: Any) -> None:
    kinds = apps.get_model("documents", "DocumentKind").objects
    decision = overdue_decision(inspector, leader)
    ordered = coercion.order_enforcement(actor=leader, now=at(ENFORCED), decision=decision, measure="account")
    assert ordered.document is not None

    COERCION_KIND.backwards(apps, None)

    assert kinds.filter(code="coercion_decision").exists()
    assert documents_of(f"enforcement.coercion:{ordered.pk}") or ordered.document.kind.code == "coercion_decision"


def test_0006_removes_the_coercion_kind_nothing_references(db: Any) -> None:
    kinds = apps.get_model("documents", "DocumentKind").objects
    assert kinds.filter(code="coercion_decision").exists()
    COERCION_KIND.backwards(apps, None)
    assert not kinds.filter(code="coercion_decision").exists()
    assert SanctionProvision.objects.exists()

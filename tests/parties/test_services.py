import pytest
from django.core.exceptions import ValidationError

from ictmis.core.errors import StaleRecordError
from ictmis.core.models import Event
from ictmis.parties import selectors, services
from ictmis.parties.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def make_enterprise(actor, now, name="Công ty TNHH Bưu chính Lệ Thủy", tax_code="4703456788"):
    return services.create_organisation(
        actor=actor, now=now, values={"name": name, "kind": OrganisationKind.ENTERPRISE, "tax_code": tax_code}
    )


def test_creating_an_organisation_records_history_and_an_event(specialist, now) -> None:
    organisation = make_enterprise(specialist, now)

    assert organisation.version == 1
    assert organisation.created_by == specialist
    assert organisation.search_text.startswith("cong ty tnhh buu chinh le thuy")
    assert organisation.history.count() == 1
    assert Event.objects.filter(verb="parties.organisation.created", object_id=str(organisation.pk)).exists()


def test_an_enterprise_needs_a_valid_tax_code(specialist, now) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_organisation(actor=specialist, now=now, values={"name": "X", "kind": "enterprise"})
    assert "tax_code" in caught.value.message_dict
    with pytest.raises(ValidationError):
        make_enterprise(specialist, now, tax_code="4703456789")
    assert not Organisation.objects.filter(name="X").exists()


def test_update_with_the_current_version_saves_and_bumps_it(specialist, now) -> None:
    organisation = make_enterprise(specialist, now)

    updated = services.update_organisation(
        organisation=organisation,
        actor=specialist,
        now=now,
        expected_version=1,
        changes={"phone": "0232 3822 222"},
    )

    assert updated.version == 2
    assert updated.history.count() == 2
    event = Event.objects.get(verb="parties.organisation.updated", object_id=str(organisation.pk))
    assert event.data["changes"]["phone"] == {"from": "", "to": "0232 3822 222"}


def test_update_from_a_stale_version_is_refused_and_nothing_is_overwritten(specialist, administrator, now) -> None:
    organisation = make_enterprise(specialist, now)
    services.update_organisation(
        organisation=organisation,
        actor=administrator,
        now=now,
        expected_version=1,
        changes={"address": "Đồng Hới"},
    )

    with pytest.raises(StaleRecordError) as caught:
        services.update_organisation(
            organisation=organisation,
            actor=specialist,
            now=now,
            expected_version=1,
            changes={"address": "Ba Đồn"},
        )

    assert "Bản ghi đã được người khác cập nhật" in caught.value.message
    assert Organisation.objects.get(pk=organisation.pk).address == "Đồng Hới"


def test_soft_delete_hides_the_record_and_restore_brings_it_back(specialist, now) -> None:
    organisation = make_enterprise(specialist, now)

    services.delete_organisation(organisation=organisation, actor=specialist, now=now)
    assert not selectors.organisations_for(specialist).filter(pk=organisation.pk).exists()
    assert Organisation.objects.filter(pk=organisation.pk).exists()

    services.restore_organisation(organisation=organisation, actor=specialist, now=now)
    assert selectors.organisations_for(specialist).filter(pk=organisation.pk).exists()


def test_search_ignores_diacritics(specialist, now) -> None:
    make_enterprise(specialist, now)
    found = selectors.search_organisations(specialist, q="buu chinh le thuy")
    assert [o.name for o in found] == ["Công ty TNHH Bưu chính Lệ Thủy"]

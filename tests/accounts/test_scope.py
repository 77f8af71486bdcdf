import pytest

from ictmis.accounts.models import User
from ictmis.core.access import NO_ACCESS, scope_of
from ictmis.parties import selectors, services
from ictmis.parties.models import OrganisationKind
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(specialist, now):
    in_commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=True)
    elsewhere = AdministrativeUnit.objects.filter(level=Level.COMMUNE, code="19009", valid_to__isnull=True).get()
    return {
        "inside": services.create_organisation(
            actor=specialist,
            now=now,
            values={"name": "Bưu điện văn hóa phường", "kind": "other", "unit": in_commune},
        ),
        "outside": services.create_organisation(
            actor=specialist, now=now, values={"name": "Bưu điện Ba Đồn", "kind": "other", "unit": elsewhere}
        ),
        "nowhere": services.create_organisation(
            actor=specialist, now=now, values={"name": "Hội Tin học", "kind": OrganisationKind.OTHER}
        ),
    }


def visible(user: User) -> set[str]:
    return set(selectors.organisations_for(user).values_list("name", flat=True))


def test_specialists_and_leaders_see_the_whole_province(organisations) -> None:
    for username in ("chuyenvien", "lanhdao", "thanhtra", "admin"):
        assert {"Bưu điện văn hóa phường", "Bưu điện Ba Đồn", "Hội Tin học"} <= visible(
            User.objects.get(username=username)
        )


def test_a_commune_officer_sees_only_records_in_their_commune(organisations, commune_officer) -> None:
    seen = visible(commune_officer)
    assert "Bưu điện văn hóa phường" in seen
    assert "Bưu điện Ba Đồn" not in seen
    assert "Hội Tin học" not in seen


def test_an_enterprise_user_sees_only_its_own_organisation(organisations, enterprise_user) -> None:
    assert visible(enterprise_user) == {enterprise_user.organisation.name}


def test_an_inactive_user_sees_nothing(organisations, specialist) -> None:
    specialist.is_active = False
    assert scope_of(specialist) == NO_ACCESS
    assert visible(specialist) == set()


def test_a_user_without_roles_sees_nothing(organisations) -> None:
    nobody = User.objects.create_user(username="norole", password="x-very-long-password")
    assert visible(nobody) == set()

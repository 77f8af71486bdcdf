"""Names sort in Vietnamese dictionary order on every database: "Xã Ái Tử" before "Xã Vĩnh Định"."""

import pytest

from ictmis.parties.models import Organisation, OrganisationKind
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_units_sort_by_their_names_in_vietnamese_order() -> None:
    names = ["Xã Vĩnh Định", "Xã Ái Tử"]
    units = AdministrativeUnit.objects.filter(name__in=names).order_by("sort_key")

    ordered = list(units.values_list("name", flat=True))

    assert ordered == ["Xã Ái Tử", "Xã Vĩnh Định"]


def test_organisations_sort_in_vietnamese_order_and_keep_it_when_renamed() -> None:
    for name in ("Công ty Vĩnh Hưng", "Công ty Ánh Dương", "Công ty An Phát", "Công ty Đông Á", "Công ty Dương Minh"):
        Organisation.objects.create(name=name, kind=OrganisationKind.ENTERPRISE)
    renamed = Organisation.objects.get(name="Công ty Vĩnh Hưng")
    renamed.name = "Công ty Ân Nghĩa"
    renamed.save(update_fields=["name"])

    ours = ["Công ty Ân Nghĩa", "Công ty Ánh Dương", "Công ty An Phát", "Công ty Đông Á", "Công ty Dương Minh"]
    names = list(Organisation.objects.filter(name__in=ours).values_list("name", flat=True))

    assert names == ["Công ty An Phát", "Công ty Ánh Dương", "Công ty Ân Nghĩa", "Công ty Dương Minh", "Công ty Đông Á"]

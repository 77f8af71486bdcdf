from __future__ import annotations

from typing import Any

from django import forms

from ictmis.core.forms import DateInput
from ictmis.core.registry_forms import MultiChoiceJSONField, RegistryForm
from ictmis.parties.public import Organisation, OrganisationKind
from ictmis.telecom.models import BtsStation, Technology
from ictmis.units.public import Level, home_units, unit_label


class BtsStationForm(RegistryForm):
    technologies = MultiChoiceJSONField(choices=Technology.choices, required=False)

    class Meta:
        model = BtsStation
        fields = [
            "operator", "site_code", "name", "unit", "address", "latitude", "longitude", "station_type",
            "mast_height", "technologies", "shared_with", "permit_number", "permit_date", "permit_exemption",
            "plan_conformity", "commissioned_on", "status", "notes",
        ]  # fmt: skip
        widgets = {
            "permit_date": DateInput(),
            "commissioned_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technologies"].label = BtsStation._meta.get_field("technologies").verbose_name
        enterprises = Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, deleted_at__isnull=True)
        for name in ("operator", "shared_with"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = enterprises.order_by("name")
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = home_units(level=Level.COMMUNE)
        unit.label_from_instance = unit_label  # type: ignore[method-assign,assignment]
        self.fields["latitude"].required = True
        self.fields["longitude"].required = True

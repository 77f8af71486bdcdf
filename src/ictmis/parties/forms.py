from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ictmis.core.access import scope_of, scoped
from ictmis.core.forms import HttpUrlField, StyledForm, StyledModelForm, VersionField
from ictmis.parties.models import Organisation, OrganisationKind, Person
from ictmis.parties.selectors import organisations_for
from ictmis.parties.services import REASON_MAX_LENGTH
from ictmis.units.public import home_units, unit_label

FIELDS = ["name", "short_name", "kind", "tax_code", "address", "unit", "phone", "email", "website"]


class OrganisationForm(StyledModelForm):
    version = VersionField(required=False)
    website = HttpUrlField(label=_("website"), required=False)

    class Meta:
        model = Organisation
        fields = FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = home_units()
        unit_field.label_from_instance = unit_label  # type: ignore[method-assign,assignment]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS}


class OrganisationFilter(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices])


PERSON_FIELDS = ["full_name", "birth_year", "gender", "citizen_id", "position", "phone", "email", "unit",
                 "organisation"]  # fmt: skip


class PersonForm(StyledModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = scoped(home_units(level="commune"), actor, unit_path="path")
        unit_field.label_from_instance = unit_label  # type: ignore[method-assign,assignment]
        unit_field.required = not scope_of(actor).whole_province  # a commune officer files under their commune
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = organisations_for(actor).order_by("sort_key", "name")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}


class PersonFilter(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("name, citizen ID or phone"))
    unit = forms.CharField(label=_("Administrative unit code"), required=False, max_length=10)
    deleted = forms.BooleanField(label=_("Deleted"), required=False)


class PersonDeletion(StyledForm):
    reason = forms.CharField(
        label=_("Reason for deleting"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the person's history; the person can be restored later."),
    )

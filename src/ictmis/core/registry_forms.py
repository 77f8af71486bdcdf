"""The base form of every registry record: styled, with the version for optimistic locking."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ictmis.core.forms import StyledModelForm, VersionField


class RegistryForm(StyledModelForm):
    version = VersionField(required=False)

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor  # whose registry scope decides whether the holder of a taken code may be named
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"step": "any", "inputmode": "decimal"})
        self.style_fields(mark_errors=False)

    def validate_unique(self) -> None:
        """A taken code names the record that holds it (and says when that record is deleted and restorable),
        instead of the generic "… with this code already exists"."""
        super().validate_unique()
        for name, errors in list(self.errors.as_data().items()):
            if name not in self.fields or not any(error.code == "unique" for error in errors):
                continue
            value = self.cleaned_data.get(name, self.data.get(name))
            holder = self._meta.model._base_manager.filter(**{name: value}).exclude(pk=self.instance.pk).first()
            if holder is None:
                continue
            if not self._may_name(holder):
                self.errors[name] = self.error_class([_("%(value)s is already in use.") % {"value": value}])
                continue
            message = (
                _("%(value)s is already used by “%(record)s”, a deleted record you can restore.")
                if getattr(holder, "deleted_at", None)
                else _("%(value)s is already used by “%(record)s”.")
            )
            self.errors[name] = self.error_class([message % {"value": value, "record": holder}])

    def _may_name(self, holder: Any) -> bool:
        """The import's rule (core.registry_import.may_change): the holder's unit inside the actor's units,
        or the actor's own organisation's record in a registry with an owning organisation."""
        from ictmis.core import registry
        from ictmis.core.access import scope_of
        from ictmis.core.registry_import import may_change

        scope = scope_of(self.actor)
        if scope.is_empty:
            return False
        spec = next((s for s in registry.all_registries() if s.model is self._meta.model), None)
        if spec is None:
            return scope.whole_province
        owner = getattr(holder, f"{spec.organisation_field}_id", None) if spec.organisation_field else None
        return may_change(scope, spec, getattr(holder, "unit_path", "") or "", owner)

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}


class MultiChoiceJSONField(forms.MultipleChoiceField):
    """A JSON list of choices (e.g. technologies) shown as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value or []


def registry_form(
    model: type[Any],
    fields: list[str],
    *,
    multi: dict[str, Any] | None = None,
    dates: tuple[str, ...] = (),
    organisations: dict[str, str | None] | None = None,
    required: tuple[str, ...] = (),
) -> type[RegistryForm]:
    """A registry's form: its fields, communes of the home province, organisations of a kind, date inputs."""
    from ictmis.core.directory import directory
    from ictmis.core.forms import DateInput

    multi = multi or {}
    organisations = organisations or {}
    attrs: dict[str, Any] = {
        name: MultiChoiceJSONField(choices=choices, required=False) for name, choices in multi.items()
    }
    widgets: dict[str, Any] = {name: DateInput() for name in dates}
    if "notes" in fields:
        widgets["notes"] = forms.Textarea(attrs={"rows": 3})
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": fields, "widgets": widgets})

    def __init__(self: RegistryForm, *args: Any, **kwargs: Any) -> None:
        RegistryForm.__init__(self, *args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = directory.commune_queryset()
        unit.label_from_instance = directory.unit_label  # type: ignore[method-assign,assignment]
        for name, kind in organisations.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = directory.organisation_queryset(kind)
        for name in multi:
            self.fields[name].label = capfirst(model._meta.get_field(name).verbose_name)
        for name in required:
            self.fields[name].required = True

    attrs["__init__"] = __init__
    return type(f"{model.__name__}Form", (RegistryForm,), attrs)

"""Registries: a sector app describes its registry once (`RegistrySpec`) and gets the list, detail,
forms, map, import, export and API that every registry shares.

A fifth registry is a model (subclass of `RegistryRecord`), a form field list, import columns and one
`register(RegistrySpec(...))` call in its AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ictmis.core.registry_models import RegistryRecord


@dataclass(frozen=True)
class Column:
    """One field of a registry as a spreadsheet column: import, export and the template use it."""

    field: str
    header_vi: str
    header_en: str
    kind: str = "str"  # str, text, int, float, date, bool, choice, multi, unit, organisation
    required: bool = False
    choices: Sequence[tuple[str, Any]] = ()
    public: bool = True

    @property
    def headers(self) -> set[str]:
        from ictmis.core.text import normalise

        return {normalise(self.header_vi), normalise(self.header_en), normalise(self.field)}


# What a role may do with a registry's records, by action name (the model permission's prefix). Roles are
# named by their value ("specialist"): accounts owns the roles and reads these tables to build its groups.
ALL = ("view", "add", "change", "delete")
VIEW = ("view",)
KEEP = ("view", "add", "change")

# Commune-kept registries: staff keep them province-wide, commune officers their own commune's records
# (row scope is the selectors' job).
COMMUNE_KEPT: Mapping[str, Sequence[str]] = {
    "administrator": ALL,
    "specialist": ALL,
    "leader": VIEW,
    "inspector": VIEW,
    "commune_officer": KEEP,
}


@dataclass(frozen=True)
class RegistrySpec:
    """Everything about one registry, read by the kernel (lists, API, exports, portal) and by accounts
    (the permissions of each role): nothing about a registry is kept in a table of its own elsewhere."""

    key: str  # URL and CLI name, e.g. "bts-stations"
    model: type[RegistryRecord]
    icon: str
    natural_key: tuple[str, ...]
    columns: Sequence[Column]
    list_fields: Sequence[str]
    filter_fields: Sequence[str] = ()
    form_class: Any = None  # a ModelForm class with a `version` field (see core.registry_forms)
    organisation_field: str | None = None  # enterprise users see records whose field is their organisation
    row_rules: Callable[[dict[str, Any]], dict[str, str]] = lambda values: {}
    select_related: Sequence[str] = ()  # joins beyond the foreign keys among `columns` (those are derived)
    sortable: Sequence[str] = ()  # the fields a list may be sorted by (`?sort=field` or `-field`)
    permissions: Mapping[str, Sequence[str]] = field(default_factory=dict)  # role value -> actions
    order: int = 50
    detail_panel: str | None = None  # a template included on the record's page (e.g. monthly figures)
    public: bool = True  # False: personal data (households) never reaches the portal or open data
    # told, inside an import's transaction, the communes that gained new records and those that records
    # moved out of or into (e.g. to recount tallies kept per commune)
    after_import: Callable[[set[int], set[int]], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> Any:
        """Plural, for titles: the model's verbose_name_plural (a lazy translation)."""
        return self.model._meta.verbose_name_plural

    @property
    def home_url(self) -> str:
        from django.urls import reverse

        return reverse("registry:list", args=[self.key])

    def row_checker(self, actor: Any) -> Callable[[dict[str, Any]], dict[str, str]]:
        return self.row_rules

    @property
    def label_singular(self) -> Any:
        return self.model._meta.verbose_name

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name or ""

    def perm(self, action: str) -> str:
        return f"{self.app_label}.{action}_{self.model_name}"

    def permissions_of(self, role: str) -> list[str]:
        """The model permissions (`app.action_model`) a role holds on this registry."""
        return [self.perm(action) for action in self.permissions.get(role, ())]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    @property
    def related(self) -> tuple[str, ...]:
        """The rows to fetch with each record (`select_related`): its unit and the unit's parent (shown
        beside it), every foreign key among the columns (an operator, a host) and any extra joins named."""
        paths = ["unit", "unit__parent"]
        for column in self.columns:
            model_field = self.model._meta.get_field(column.field)
            if model_field.many_to_one:
                paths.append(column.field)
        paths.extend(self.select_related)
        return tuple(dict.fromkeys(paths))

    def sort_order(self, requested: str | None) -> str | None:
        """`requested` (`field` or `-field`) if the spec allows sorting by that field, else None."""
        name = (requested or "").removeprefix("-")
        return requested if name and name in self.sortable else None


@dataclass(frozen=True)
class Importer:
    """A spreadsheet the import engine reads that is not a registry of records, e.g. a programme's deliveries.

    The engine checks every row through `columns`, the natural key (duplicates inside the file) and the
    checker `row_checker(actor, **parameters)` returns (row rules that may look at the database and at
    earlier rows; its `notes`, if it has any, are hints shown with the check); if no row fails,
    `write(rows, actor=, now=, progress=)` writes them all in the engine's transaction and returns its
    counts. Jobs, progress, the pages under /co-so-du-lieu/<key>/nhap/ and `ictmis import <key>` are the
    registries' own. `parameters`, a form class, holds what the import needs besides the file (the year of a
    list): asked on the upload page, given as `--<field>` options to `ictmis import`, kept with the job.
    """

    key: str
    label: Any  # plural, lazy translation
    columns: Sequence[Column]
    natural_key: tuple[str, ...]
    permission: str
    row_checker: Callable[..., Callable[[dict[str, Any]], dict[str, str]]]
    write: Callable[..., dict[str, int]]
    home_url_name: str
    organisation_field: str | None = None
    checks_scope: bool = True  # the checker itself refuses rows outside the importer's units
    import_note: Any = None  # the import page's last step, when "records with the same key are updated" is wrong
    parameters: Any = None  # a form class whose cleaned data (JSON-serialisable) the row checker receives
    public: bool = True  # False: the rows carry personal data, each import is reported to the security log

    def perm(self, action: str) -> str:
        return self.permission

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    @property
    def home_url(self) -> str:
        from django.urls import reverse

        return reverse(self.home_url_name)


_REGISTRIES: dict[str, RegistrySpec] = {}
_IMPORTERS: dict[str, Importer] = {}


def register_importer(importer: Importer) -> None:
    _IMPORTERS[importer.key] = importer


def source(key: str) -> RegistrySpec | Importer:
    """What `ictmis import <key>` and the import pages read: a registry or another importer."""
    return _REGISTRIES[key] if key in _REGISTRIES else _IMPORTERS[key]


def source_keys() -> list[str]:
    return [*keys(), *sorted(_IMPORTERS)]


def register(spec: RegistrySpec) -> None:
    _REGISTRIES[spec.key] = spec


def setup(spec: RegistrySpec, demo_loader: Any = None) -> None:
    """What a sector app's ready() does: register its registry and, if it has one, its demo loader."""
    register(spec)
    if demo_loader is not None:
        from ictmis.core import demo

        demo.register(spec.app_label, 20 + spec.order // 10, demo_loader)


def get(key: str) -> RegistrySpec:
    return _REGISTRIES[key]


def all_registries() -> list[RegistrySpec]:
    return sorted(_REGISTRIES.values(), key=lambda s: s.order)


def keys() -> list[str]:
    return [spec.key for spec in all_registries()]

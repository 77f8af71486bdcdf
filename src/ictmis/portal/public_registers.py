"""Public registers and open datasets, derived from the registries' specs: a registry whose columns are
marked public appears on the portal without code here. Sensitive columns (public=False) never leave."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from ictmis.core import registry
from ictmis.core.access import SYSTEM
from ictmis.core.registry import Column, RegistrySpec
from ictmis.core.registry_selectors import filtered

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class PublicRegister:
    spec: RegistrySpec

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def columns(self) -> list[Column]:
        return [c for c in self.spec.columns if c.public]

    def records(self, params: Any) -> QuerySet[Any]:
        allowed = {"q": params.get("q", ""), "unit": params.get("unit", "")}
        return filtered(self.spec, SYSTEM, allowed).order_by(*(self.spec.model._meta.ordering or ["pk"]), "pk")


def registers() -> list[PublicRegister]:
    return [PublicRegister(spec) for spec in registry.all_registries() if spec.public]


def get(key: str) -> PublicRegister | None:
    return next((r for r in registers() if r.key == key), None)

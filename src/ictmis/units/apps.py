from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "ictmis.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from ictmis.core.navigation import Module, register

        register(Module("units", _("Administrative units"), "bi-diagram-3", 10, "units:tree"))

        from ictmis.core import demo
        from ictmis.core.directory import provide

        def load_units(now: Any, progress: Any) -> object:
            from ictmis.units.loading import load_all  # the provinces package: only when the demo loads

            return load_all(progress)  # with every unit's point

        demo.register("units", 0, load_units)
        from ictmis.units import directory

        provide(
            unit_paths=directory.unit_paths,
            unit_choices=directory.unit_choices,
            unit_for_import=directory.unit_for_import,
            commune_queryset=directory.commune_queryset,
            unit_label=directory.unit_label,
            unit_resolver=directory.unit_resolver,
            current_equivalents=directory.current_equivalents,
            former_units=directory.former_units,
            shared_unit_codes=directory.shared_unit_codes,
        )

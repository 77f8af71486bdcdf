from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "ictmis.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from ictmis.core.navigation import Module, register

        register(Module("units", _("Administrative units"), "bi-diagram-3", 10, "units:tree"))

        from ictmis.core.directory import provide
        from ictmis.units import directory

        provide(
            unit_paths=directory.unit_paths,
            unit_choices=directory.unit_choices,
            unit_for_import=directory.unit_for_import,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "ictmis.units"
    label = "units"
    verbose_name = _("Administrative units")

    def ready(self) -> None:
        from ictmis.core.navigation import Module, register

        register(Module("units", _("Administrative units"), "bi-diagram-3", 10, "units:tree"))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "ictmis.licensing"
    label = "licensing"
    verbose_name = _("Licensing")

    def ready(self) -> None:
        from ictmis.core.navigation import Module, register

        register(
            Module("licensing", _("Licensing"), "bi-file-earmark-check", 30, "licensing:cases", "licensing.view_case")
        )

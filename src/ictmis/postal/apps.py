from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "ictmis.postal"
    label = "postal"
    verbose_name = _("Postal services")

    def ready(self) -> None:
        from ictmis.core.registry import setup
        from ictmis.postal.registry import SPEC

        setup(SPEC, "ictmis.postal.demo.load")

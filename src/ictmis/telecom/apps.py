from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelecomConfig(AppConfig):
    name = "ictmis.telecom"
    label = "telecom"
    verbose_name = _("Telecommunications")

    def ready(self) -> None:
        from ictmis.core.registry import setup
        from ictmis.telecom.registry import SPEC

        setup(SPEC, "ictmis.telecom.demo.load")

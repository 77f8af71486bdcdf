from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelecomConfig(AppConfig):
    name = "ictmis.telecom"
    label = "telecom"
    verbose_name = _("Telecommunications")

    def ready(self) -> None:
        from ictmis.core import registry
        from ictmis.telecom.registry import SPEC

        registry.register(SPEC)

        from ictmis.core import demo
        from ictmis.telecom import demo as telecom_demo

        demo.register("telecom", 22, telecom_demo.load)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternetConfig(AppConfig):
    name = "ictmis.internet"
    label = "internet"
    verbose_name = _("Internet")

    def ready(self) -> None:
        from ictmis.core import registry
        from ictmis.internet.registry import SPEC

        registry.register(SPEC)

        from ictmis.core import demo
        from ictmis.internet import demo as internet_demo

        demo.register("internet", 23, internet_demo.load)

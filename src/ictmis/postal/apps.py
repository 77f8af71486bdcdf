from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "ictmis.postal"
    label = "postal"
    verbose_name = _("Postal services")

    def ready(self) -> None:
        from ictmis.core import registry
        from ictmis.postal.registry import SPEC

        registry.register(SPEC)

        from ictmis.core import demo
        from ictmis.postal import demo as postal_demo

        demo.register("postal", 20, postal_demo.load)

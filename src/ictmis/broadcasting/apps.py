from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastingConfig(AppConfig):
    name = "ictmis.broadcasting"
    label = "broadcasting"
    verbose_name = _("Grassroots broadcasting")

    def ready(self) -> None:
        from ictmis.broadcasting.registry import SPEC
        from ictmis.core import registry

        registry.register(SPEC)

        from ictmis.broadcasting import demo as broadcasting_demo
        from ictmis.core import demo

        demo.register("broadcasting", 21, broadcasting_demo.load)

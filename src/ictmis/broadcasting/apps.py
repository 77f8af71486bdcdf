from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastingConfig(AppConfig):
    name = "ictmis.broadcasting"
    label = "broadcasting"
    verbose_name = _("Grassroots broadcasting")

    def ready(self) -> None:
        from ictmis.broadcasting.registry import SPEC
        from ictmis.core.registry import setup

        setup(SPEC, "ictmis.broadcasting.demo.load")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternetConfig(AppConfig):
    name = "ictmis.internet"
    label = "internet"
    verbose_name = _("Internet")

    def ready(self) -> None:
        from ictmis.core.registry import setup
        from ictmis.internet import demo
        from ictmis.internet.registry import SPEC

        setup(SPEC, demo.load)

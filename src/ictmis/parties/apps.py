from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "ictmis.parties"
    label = "parties"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from ictmis.core.navigation import Module, register

        register(
            Module(
                "organisations",
                _("Organisations"),
                "bi-building",
                15,
                "parties:list",
                "parties.view_organisation",
            )
        )

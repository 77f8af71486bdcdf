from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "ictmis.programmes"
    label = "programmes"
    verbose_name = _("Beneficiary programmes")

    def ready(self) -> None:
        from ictmis.core.registry import setup
        from ictmis.programmes import demo
        from ictmis.programmes.registry import SPEC

        setup(SPEC, demo.load)

        from ictmis.programmes import tallies

        tallies.connect()

        from ictmis.core.registry import register_importer
        from ictmis.programmes.imports import DELIVERIES
        from ictmis.programmes.list_import import POVERTY_LIST

        register_importer(DELIVERIES)
        register_importer(POVERTY_LIST)

        from ictmis.core.navigation import Module, register

        register(Module("programmes", _("Programmes"), "bi-people", 40, "programmes:list", "programmes.view_programme"))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The app's events as the history names them (registered with core.events when the app is ready).
EVENT_LABELS = {
    "programmes.delivery.recorded": _("Delivery recorded"),
    "programmes.household.merged": _("Household merged"),
    "programmes.household.merged_in": _("Duplicate household merged in"),
    "programmes.household.poverty_status": _("Poverty status changed"),
    "programmes.poverty_list.imported": _("Poverty list imported"),
    "programmes.press.delivered": _("Press delivered"),
}


class ProgrammesConfig(AppConfig):
    name = "ictmis.programmes"
    label = "programmes"
    verbose_name = _("Beneficiary programmes")

    def ready(self) -> None:
        from ictmis.core.events import register_labels

        register_labels(EVENT_LABELS)
        from ictmis.core.registry import setup
        from ictmis.programmes.registry import SPEC

        setup(SPEC, "ictmis.programmes.demo.load")

        from ictmis.programmes import tallies

        tallies.connect()

        from ictmis.core.registry import register_importer
        from ictmis.programmes.imports import DELIVERIES
        from ictmis.programmes.list_import import POVERTY_LIST

        register_importer(DELIVERIES)
        register_importer(POVERTY_LIST)

        from ictmis.core.navigation import Module, register

        register(Module("programmes", _("Programmes"), "bi-people", 40, "programmes:list", "programmes.view_programme"))

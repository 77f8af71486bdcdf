from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfosecConfig(AppConfig):
    name = "ictmis.infosec"
    label = "infosec"
    verbose_name = _("Information security")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.infosec import workflow

        register_labels(workflow.EVENT_LABELS)
        from ictmis.core import demo as demo_data
        from ictmis.core.navigation import Module, register
        from ictmis.core.registry import register_importer
        from ictmis.infosec import levels, notifications  # noqa: F401  (kinds register on import)
        from ictmis.infosec.importers import INFORMATION_SYSTEMS

        register(
            Module("infosec", _("Information security"), "bi-shield-lock", 45, "infosec:system_list",
                   "infosec.view_informationsystem")
        )  # fmt: skip
        levels.register()
        register_importer(INFORMATION_SYSTEMS)
        demo_data.register("infosec", 60, "ictmis.infosec.demo.load")

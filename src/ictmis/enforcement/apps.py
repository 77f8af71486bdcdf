from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "ictmis.enforcement"
    label = "enforcement"
    verbose_name = _("Inspections and sanctions")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.enforcement import workflow

        register_labels(workflow.EVENT_LABELS)
        from ictmis.core.demo import register as register_demo
        from ictmis.core.navigation import Module, register
        from ictmis.enforcement import notifications  # noqa: F401  (registers the notification kinds)

        register_demo("enforcement", 80, "ictmis.enforcement.demo.load")
        register(
            Module(
                "inspections",
                _("Inspections"),
                "bi-shield-check",
                50,
                "enforcement:decisions",
                "enforcement.view_sanctiondecision",
            )
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ictmis.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.portal import workflow

        steps = {f"portal.article.{action}": step.label for action, step in workflow.STEPS.items()}
        register_labels(workflow.EVENT_LABELS | steps)
        from ictmis.core.navigation import Module, register

        register(Module("portal", _("Portal"), "bi-globe", 70, "portal:editor_list", "portal.view_article"))

        from ictmis.core import demo

        demo.register("portal", 30, "ictmis.portal.demo.load")

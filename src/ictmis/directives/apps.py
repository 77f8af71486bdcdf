from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "ictmis.directives"
    label = "directives"
    verbose_name = _("Directives")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.directives import workflow

        steps = {f"directives.task.{action}": step.label for action, step in workflow.STEPS.items()}
        register_labels(workflow.EVENT_LABELS | steps)
        from ictmis.core import demo as demo_data
        from ictmis.core.navigation import Module, register
        from ictmis.directives import notifications  # noqa: F401 (registers the notification kinds)

        register(
            Module("directives", _("Directives"), "bi-list-check", 45, "directives:dashboard", "directives.view_task")
        )
        demo_data.register("directives", 60, "ictmis.directives.demo.load")

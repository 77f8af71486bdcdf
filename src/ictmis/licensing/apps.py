from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "ictmis.licensing"
    label = "licensing"
    verbose_name = _("Licensing")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.core.navigation import Module, register
        from ictmis.licensing import workflow
        from ictmis.licensing.models import LicenceChange

        register(
            Module("licensing", _("Licensing"), "bi-file-earmark-check", 30, "licensing:cases", "licensing.view_case")
        )
        register_labels(
            {f"licensing.case.{action}": step.label for action, step in workflow.STEPS.items()}
            | {f"licensing.case.{action}": label for action, label in workflow.EVENT_LABELS.items()}
            | {f"licensing.licence.{kind}": label for kind, label in LicenceChange.Kind.choices}
        )

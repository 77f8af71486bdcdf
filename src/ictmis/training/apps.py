from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ictmis.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.training import workflow

        register_labels(workflow.EVENT_LABELS)
        from ictmis.core import demo as core_demo
        from ictmis.core.navigation import Module, register
        from ictmis.core.registry import register_importer
        from ictmis.training.importers import PARTICIPANTS

        register_importer(PARTICIPANTS)
        from ictmis.parties.public import PersonSection, register_person_section
        from ictmis.training.selectors import person_trainings

        register_person_section(
            PersonSection("training", _("Trainings"), "training/_person_trainings.html", person_trainings)
        )
        core_demo.register("training", 60, "ictmis.training.demo.load")
        register(Module("training", _("Training"), "bi-mortarboard", 45, "training:courses", "training.view_course"))

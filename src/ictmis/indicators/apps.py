from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ictmis.indicators"
    label = "indicators"
    verbose_name = _("Indicators and reports")

    def ready(self) -> None:
        from ictmis.core.events import register_labels
        from ictmis.indicators import workflow

        register_labels(workflow.EVENT_LABELS)
        from ictmis.core import demo
        from ictmis.core.navigation import Module, register
        from ictmis.indicators import notifications  # noqa: F401 - registers the kinds

        demo.register("indicators", 90, "ictmis.indicators.demo_data.load")
        register(Module("reports", _("Reports"), "bi-bar-chart", 60, "indicators:reports", "indicators.view_report"))
        register(
            Module(
                "criterion8",
                _("New-rural criterion 8"),
                "bi-check2-square",
                61,
                "indicators:scorecards",
                "indicators.view_report",
            )
        )

from typing import Any

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
        self._keep_scorecards_fresh()
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

    @staticmethod
    def _keep_scorecards_fresh() -> None:
        """Every write to a fact a stored criterion-8 scorecard reads marks the rows it changes stale."""
        from django.db.models.signals import post_delete, post_save

        from ictmis.broadcasting.public import on_stations_changed as on_radio_stations_changed
        from ictmis.indicators import scorecards
        from ictmis.indicators.models import ScorecardOverride
        from ictmis.postal.public import on_points_changed
        from ictmis.telecom.public import on_stations_changed as on_bts_stations_changed
        from ictmis.units.public import on_structure_change

        uid = "ictmis.indicators.scorecards"
        on_points_changed(scorecards.facts_changed, uid=f"{uid}.postal")
        on_radio_stations_changed(scorecards.facts_changed, uid=f"{uid}.broadcasting")
        on_bts_stations_changed(scorecards.facts_changed, uid=f"{uid}.telecom")
        on_structure_change(scorecards.structure_changed, uid=f"{uid}.units")

        def decided(sender: Any, instance: ScorecardOverride, **kwargs: Any) -> None:
            scorecards.commune_changed(instance.unit_id, instance.year)

        post_save.connect(decided, sender=ScorecardOverride, weak=False, dispatch_uid=f"{uid}.override.saved")
        post_delete.connect(decided, sender=ScorecardOverride, weak=False, dispatch_uid=f"{uid}.override.deleted")

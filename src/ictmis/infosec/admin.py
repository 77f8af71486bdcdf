"""The level and incident rules are data: when the law changes, an administrator closes a version (its end
date) and adds the next, with history kept."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ictmis.infosec.models import IncidentRule, LevelRule


@admin.register(LevelRule)
class LevelRuleAdmin(SimpleHistoryAdmin):
    list_display = ["level", "procedure_code", "valid_from", "valid_to", "appraisal_days", "approval_working_days"]
    list_filter = ["level"]


@admin.register(IncidentRule)
class IncidentRuleAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "valid_to", "notify_days", "end_report_days", "legal_basis"]

"""Rules are data: an administrator corrects a time limit, fee or citation here, with history kept."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ictmis.licensing.models import Procedure, RuleVersion


class RuleVersionInline(admin.TabularInline):
    model = RuleVersion
    extra = 0
    fields = [
        "valid_from",
        "valid_to",
        "time_limit_days",
        "legal_basis",
        "article",
        "fee",
        "fee_basis",
        "fee_article",
        "unconfirmed",
    ]


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "handling_unit", "action", "online"]
    inlines = [RuleVersionInline]


@admin.register(RuleVersion)
class RuleVersionAdmin(SimpleHistoryAdmin):
    list_display = [
        "procedure",
        "valid_from",
        "valid_to",
        "time_limit_days",
        "fee",
        "legal_basis",
        "article",
        "unconfirmed",
    ]
    list_filter = ["procedure", "unconfirmed"]

"""The law tables in the admin: a specialist enters provisions, signing limits and time rules with their
citation; a row stays flagged unconfirmed until someone checks it against the text."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ictmis.enforcement.models import SanctioningAuthority, SanctionProvision, TimeRule


@admin.register(SanctionProvision)
class SanctionProvisionAdmin(SimpleHistoryAdmin):
    list_display = ["article", "legal_basis", "act", "sector", "min_fine", "max_fine", "valid_from", "valid_to",
                    "unconfirmed"]  # fmt: skip
    list_filter = ["sector", "legal_basis", "unconfirmed"]
    search_fields = ["search_text", "article"]


@admin.register(SanctioningAuthority)
class SanctioningAuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "max_fine", "valid_from", "valid_to", "legal_basis", "article", "unconfirmed"]
    list_filter = ["title", "unconfirmed"]


@admin.register(TimeRule)
class TimeRuleAdmin(SimpleHistoryAdmin):
    list_display = ["key", "value", "valid_from", "valid_to", "legal_basis", "article", "unconfirmed"]
    list_filter = ["key", "unconfirmed"]

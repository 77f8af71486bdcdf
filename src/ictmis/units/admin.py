from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ictmis.units.models import AdministrativeUnit, Lineage


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "type", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "type", "valid_to"]
    search_fields = ["search_text", "code"]
    raw_id_fields = ["parent"]


@admin.register(Lineage)
class LineageAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "kind", "successor", "effective"]
    raw_id_fields = ["predecessor", "successor"]

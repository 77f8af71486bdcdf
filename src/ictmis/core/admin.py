from django.contrib import admin

from ictmis.core.models import CalendarOverride, Event


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working_day", "reason", "legal_basis"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "verb", "object_type", "object_id", "actor"]
    list_filter = ["verb"]
    search_fields = ["verb", "object_id"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

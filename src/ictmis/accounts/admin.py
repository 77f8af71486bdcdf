from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ictmis.accounts.models import ApiToken, User


@admin.register(User)
class IctmisUserAdmin(UserAdmin):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("ictmis", {"fields": ("organisation", "position", "phone", "scope_units")}),
    )
    filter_horizontal = ("groups", "user_permissions", "scope_units")
    raw_id_fields = ("organisation",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix", "created_at", "last_used_at"]

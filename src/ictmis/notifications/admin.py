from django.contrib import admin

from ictmis.notifications.models import EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """For the administrator following a mail problem: what was sent to whom, and how the e-mail went."""

    list_display = ["title", "recipient", "address", "kind", "created_at", "read_at", "mail"]
    list_filter = ["kind", "mail"]
    search_fields = ["title", "recipient__username", "address"]
    raw_id_fields = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    raw_id_fields = ["user"]

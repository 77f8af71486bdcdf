from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ictmis.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from ictmis.notifications import imports

        imports.connect()
        # the sending apps declare their kinds in their own `notifications.py`; the engine never names them
        autodiscover_modules("notifications")

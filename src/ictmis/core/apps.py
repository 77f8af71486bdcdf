from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ictmis.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from ictmis.core import registry
        from ictmis.core.navigation import Module, register

        register(Module("calendar", _("Working days"), "bi-calendar3", 85, "calendar:working_calendar"))
        register(
            Module(
                "registries",
                _("Registries"),
                "bi-geo-alt",
                20,
                "registry:index",
                check=lambda user: any(user.has_perm(spec.perm("view")) for spec in registry.all_registries()),
            )
        )

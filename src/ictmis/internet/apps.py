from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternetConfig(AppConfig):
    name = "ictmis.internet"
    label = "internet"
    verbose_name = _("Internet")

    def ready(self) -> None:
        from ictmis.core.registry import setup
        from ictmis.internet.registry import SPEC

        setup(SPEC, "ictmis.internet.demo.load")

        from ictmis.core import demo as demo_data
        from ictmis.internet import websites
        from ictmis.licensing.public import Family, register_family

        register_family(
            Family(
                key="website",
                label=str(_("general website")),
                licence_title="Giấy phép thiết lập trang thông tin điện tử tổng hợp",
                clean=websites.clean,
                subject=websites.subject,
                describe=websites.describe,
                on_change=websites.sync,
            )
        )
        demo_data.register("website-licences", 40, "ictmis.internet.demo_websites.load")

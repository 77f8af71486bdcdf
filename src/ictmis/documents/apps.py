from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ictmis.documents"
    label = "documents"
    verbose_name = _("Outgoing documents")

    def ready(self) -> None:
        from ictmis.core import demo

        demo.register("documents", 11, "ictmis.documents.demo.load_demo")

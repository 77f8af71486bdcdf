from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "ictmis.parties"
    label = "parties"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from ictmis.core.directory import provide
        from ictmis.core.events import register_labels
        from ictmis.core.navigation import Module, register
        from ictmis.parties import directory

        provide(
            organisation_for_import=directory.organisation_for_import,
            organisation_choices=directory.organisation_choices,
            organisation_queryset=directory.organisation_queryset,
            organisation_resolver=directory.organisation_resolver,
        )
        register(
            Module(
                "organisations",
                _("Organisations"),
                "bi-building",
                15,
                "parties:list",
                "parties.view_organisation",
            )
        )
        register(Module("persons", _("Persons"), "bi-person-vcard", 16, "parties:persons", "parties.view_person"))
        register_labels(
            {
                "parties.person.created": _("Person recorded"),
                "parties.person.updated": _("Person's details changed"),
                "parties.person.deleted": _("Person deleted"),
                "parties.person.restored": _("Person restored"),
            }
        )

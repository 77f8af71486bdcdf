from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ictmis.parties.models import Contact, Organisation, Person


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "tax_code", "unit", "deleted_at"]
    list_filter = ["kind"]
    search_fields = ["search_text", "tax_code"]
    raw_id_fields = ["unit"]
    inlines = [ContactInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "birth_year", "citizen_id", "position", "unit", "organisation", "deleted_at"]
    list_filter = ["gender"]
    search_fields = ["search_text", "citizen_id"]
    raw_id_fields = ["unit", "organisation"]
    readonly_fields = ["unit_path"]

from django.contrib import admin

from ictmis.documents.models import DocumentKind, IssuingBody, Signatory


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "symbol", "numbered"]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ["full_name", "position", "is_head", "user", "valid_from", "valid_to"]
    raw_id_fields = ["user"]


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "governing_body", "function", "abbreviation", "place", "valid_from", "valid_to"]
    list_filter = ["unconfirmed", "function"]
    inlines = [SignatoryInline]

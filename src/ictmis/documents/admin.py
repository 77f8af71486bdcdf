from django.contrib import admin

from ictmis.documents.models import DocumentKind


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "symbol", "numbered"]

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from ictmis.core.forms import HttpUrlField
from ictmis.legal.models import LegalDocument


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["number", "doc_type", "issuer", "issued_on", "effective_from", "effective_to", "unconfirmed"]
    list_filter = ["doc_type", "unconfirmed"]
    search_fields = ["search_text", "number"]
    filter_horizontal = ["replaces", "amends"]
    formfield_overrides = {models.URLField: {"form_class": HttpUrlField}}

import datetime as dt

from django import template

from ictmis.legal.models import LegalDocument

register = template.Library()


@register.filter
def in_force(document: LegalDocument, day: dt.date) -> bool:
    return document.in_force_on(day)

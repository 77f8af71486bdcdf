import datetime as dt

from django import template

from ictmis.licensing.models import Licence

register = template.Library()


@register.filter
def status_today(licence: Licence, today: dt.date) -> str:
    return licence.status_on(today)

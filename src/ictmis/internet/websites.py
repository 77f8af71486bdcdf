"""General websites (trang thông tin điện tử tổng hợp) as a licence family of the licensing engine."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError
from ictmis.internet.models import Website

# A host name of labels (letters, digits, hyphens inside), with a top-level label of letters; punycode allowed.
DOMAIN = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$")
ACTIVE = ("active", "suspended")


def normalise_domain(value: str) -> str:
    text = value.strip().lower().removeprefix("http://").removeprefix("https://").split("/")[0].removeprefix("www.")
    try:
        return text.encode("idna").decode("ascii") if text and not text.isascii() else text
    except UnicodeError:
        return text


def clean(particulars: dict[str, Any], licence: Any, today: dt.date) -> dict[str, Any]:
    """Check what a website case asks for; every problem is refused with the field it concerns."""
    raw = particulars.get("domains") or []
    if isinstance(raw, str):
        raw = re.split(r"[\s,;]+", raw)
    domains = [normalise_domain(d) for d in raw if d and d.strip()]
    if not domains:
        raise DomainError(_("Give at least one domain name."), field="domains")
    for domain in domains:
        if not DOMAIN.match(domain):
            raise DomainError(_("%(domain)s is not a valid domain name.") % {"domain": domain}, field="domains")
    if len(set(domains)) != len(domains):
        raise DomainError(_("A domain name is given twice."), field="domains")
    taken = Website.objects.filter(domain__in=domains, status__in=ACTIVE)
    if licence is not None:
        taken = taken.exclude(licence=licence)
    clash = taken.first()
    if clash is not None:
        raise DomainError(
            _("%(domain)s already has an active licence (%(number)s).")
            % {"domain": clash.domain, "number": clash.licence.number},
            field="domains",
        )
    server = str(particulars.get("server_location") or "").strip()
    if not server:
        raise DomainError(_("Give the address of the server in Viet Nam."), field="server_location")
    person = str(particulars.get("responsible_person") or "").strip()
    if not person:
        raise DomainError(_("Name the person responsible for the content."), field="responsible_person")
    sources = particulars.get("sources") or []
    if isinstance(sources, str):
        sources = [s.strip() for s in re.split(r"[\n;]+", sources) if s.strip()]
    years = particulars.get("years")
    if years not in (None, ""):
        try:
            years = int(years)
        except (TypeError, ValueError):
            raise DomainError(_("The term must be a number of years."), field="years") from None
        if not 1 <= years <= 10:
            raise DomainError(_("The term must be from 1 to 10 years."), field="years")
    return {
        "name": str(particulars.get("name") or "").strip(),
        "domains": domains,
        "server_location": server,
        "responsible_person": person,
        "sources": list(sources),
        **({"years": years} if years not in (None, "") else {}),
    }


def subject(particulars: dict[str, Any]) -> str:
    return ", ".join(particulars.get("domains") or [])


def describe(particulars: dict[str, Any]) -> list[tuple[str, str]]:
    """Label and value of each particular, in the active language (documents are rendered in Vietnamese)."""
    rows = [
        (_("Website name"), particulars.get("name", "")),
        (_("Domain names"), ", ".join(particulars.get("domains") or [])),
        (_("Server address in Viet Nam"), particulars.get("server_location", "")),
        (_("Person responsible for the content"), particulars.get("responsible_person", "")),
        (_("Official sources quoted"), "; ".join(particulars.get("sources") or [])),
    ]
    if particulars.get("years"):
        rows.append((_("Term asked (years)"), str(particulars["years"])))
    return rows


def sync(licence: Any) -> None:
    """One website row per domain of the licence, with the licence's status; dropped domains go."""
    domains = licence.particulars.get("domains") or []
    Website.objects.filter(licence=licence).exclude(domain__in=domains).delete()
    for domain in domains:
        Website.objects.update_or_create(
            domain=domain,
            defaults={
                "licence": licence,
                "name": licence.particulars.get("name", ""),
                "holder_name": licence.holder_name,
                "server_location": licence.particulars.get("server_location", ""),
                "responsible_person": licence.particulars.get("responsible_person", ""),
                "status": licence.status,
            },
        )

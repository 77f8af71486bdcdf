"""Small request helpers shared by views: htmx detection and the client's address."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (it then wants a fragment, not the whole page)."""
    return bool(getattr(request, "htmx", False))


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def parse_networks(entries: Sequence[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks (`10.0.0.0/8`, `::1`); a malformed entry raises ValueError."""
    return _networks(tuple(entries))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`, for throttles and the security log.

    `REMOTE_ADDR`, unless that peer is one of `settings.TRUSTED_PROXIES`: then the right-most address of
    `X-Forwarded-For` that is not a trusted proxy. Entries to its left were written by the client and are
    never believed, so a spoofed header from an untrusted peer changes nothing.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    networks = parse_networks(getattr(settings, "TRUSTED_PROXIES", ()))
    peer = _address(remote)
    if peer is None or not networks or not _trusted(peer, networks):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
    nearest = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a proxy we trust would not write garbage: what is left of it came from the client
        if not _trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)


def bad_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """The 400 page naming each query parameter that could not be used and why."""
    problems = [
        (name, message)
        for name, messages in (error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)])
        for message in messages
    ]
    return render(request, "400.html", {"problems": problems}, status=400)


class RefuseNulInQueryMiddleware:
    """A NUL character in the query string (`?q=%00`) is refused with a 400: PostgreSQL cannot compare text
    holding one, and no real search or filter needs it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        names = [name for name, values in request.GET.lists() if any("\x00" in v for v in [name, *values])]
        if names:
            message = _("The address holds a NUL character.")
            if request.path.startswith("/api/"):
                errors = [{"field": name, "message": message} for name in names]
                return JsonResponse({"detail": message, "errors": errors}, status=400)
            return render(request, "400.html", {"problems": [(name, message) for name in names]}, status=400)
        return self.get_response(request)

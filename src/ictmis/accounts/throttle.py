"""Throttles kept in the Django cache, so that several application nodes share them through Redis.

Log-in: failures are counted per user name and, separately, per client address. Once a counter passes
its free allowance, every further attempt on it must wait 2, 4, 8 … seconds (at most
`settings.LOGIN_MAX_DELAY`); an attempt made while waiting is refused unchecked and counts nothing, so
the delay never becomes a lock an attacker can hold. A browser that has logged in to the account before
carries a signed device cookie and is counted on its own, so strangers' failures never slow its owner.

Password-reset e-mails: at most a few per hour from one address and to one account.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

DEVICE_COOKIE = "ictmis_device"
DEVICE_COOKIE_AGE = 180 * 86400
_DEVICE_SALT = "ictmis.accounts.device"
FAILURE_MEMORY = 86400  # a counter is forgotten a day after its first failure
RESET_WINDOW = 3600


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"ictmis:throttle:{parts[0]}:{digest}"


@dataclass(frozen=True)
class Bucket:
    key: str
    free_failures: int


def new_device_cookie(username: str) -> str:
    """The value of the device cookie given to a browser on a successful log-in."""
    return signing.dumps({"u": username.casefold(), "d": secrets.token_urlsafe(12)}, salt=_DEVICE_SALT)


def _device_of(cookie: str | None, username: str) -> str | None:
    if not cookie:
        return None
    try:
        data = signing.loads(cookie, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != username.casefold():
        return None
    return str(data.get("d") or "") or None


def login_buckets(*, username: str, address: str, device_cookie: str | None = None) -> list[Bucket]:
    """The counters one attempt is measured against: the user name (or this known device) and the address."""
    name = username.strip().casefold()
    device = _device_of(device_cookie, name)
    who = _key("device", name, device) if device else _key("user", name)
    return [
        Bucket(who, settings.LOGIN_FREE_FAILURES),
        Bucket(_key("address", address), settings.LOGIN_ADDRESS_FREE_FAILURES),
    ]


def delay_after(failures: int, free_failures: int) -> int:
    """Seconds to wait after `failures` failures: none within the allowance, then 2, 4, 8 … capped."""
    if failures < free_failures:
        return 0
    exponent = min(failures - free_failures + 1, 30)
    return int(min(2**exponent, settings.LOGIN_MAX_DELAY))


def seconds_to_wait(buckets: list[Bucket], *, now: float) -> int:
    """How long the attempt must wait (0: it may be checked now)."""
    waits = [cache.get(f"{bucket.key}:until", 0.0) - now for bucket in buckets]
    return max(0, math.ceil(max(waits, default=0.0)))


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def record_failure(buckets: list[Bucket], *, now: float) -> int:
    """Count a failed attempt; returns the delay it imposes on the next one."""
    longest = 0
    for bucket in buckets:
        delay = delay_after(_count(f"{bucket.key}:failures", FAILURE_MEMORY), bucket.free_failures)
        if delay:
            cache.set(f"{bucket.key}:until", now + delay, timeout=delay + 60)
            longest = max(longest, delay)
    return longest


def record_success(buckets: list[Bucket]) -> None:
    """A right password clears the counter of the user name (or device), never the address's."""
    who = buckets[0]
    cache.delete_many([f"{who.key}:failures", f"{who.key}:until"])


def allow_reset_mail(*, address: str, account_id: int | None = None) -> bool:
    """Count one password-reset e-mail from `address` (and to `account_id`); False once over the limit."""
    if account_id is None:
        return _count(_key("reset-address", address), RESET_WINDOW) <= settings.PASSWORD_RESET_MAILS_PER_ADDRESS
    return _count(_key("reset-account", str(account_id)), RESET_WINDOW) <= settings.PASSWORD_RESET_MAILS_PER_ACCOUNT

import pytest
from django.test import RequestFactory, override_settings

from ictmis.core.http import client_address

factory = RequestFactory()


def _request(remote: str, forwarded: str | None = None) -> object:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **extra)


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_spoofed_forwarded_header_from_an_untrusted_peer_is_ignored() -> None:
    assert client_address(_request("203.0.113.7", "198.51.100.1, 10.0.0.5")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "192.0.2.10"])
def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop() -> None:
    assert client_address(_request("10.0.0.2", "198.51.100.23")) == "198.51.100.23"
    # the client wrote "1.2.3.4" itself; the proxies appended its real address and their own
    assert client_address(_request("10.0.0.2", "1.2.3.4, 198.51.100.23, 192.0.2.10")) == "198.51.100.23"


@override_settings(TRUSTED_PROXIES=["10.0.0.2"])
def test_a_trusted_proxy_without_the_header_is_itself_the_client() -> None:
    assert client_address(_request("10.0.0.2")) == "10.0.0.2"
    assert client_address(_request("10.0.0.2", "not-an-address")) == "10.0.0.2"


@override_settings(TRUSTED_PROXIES=["::1", "fd00::/8"])
def test_ipv6_proxies_and_clients() -> None:
    assert client_address(_request("::1", "2001:db8::5, fd00::1")) == "2001:db8::5"


def test_a_malformed_trusted_proxy_setting_stops_the_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from ictmis.env import InvalidSettingError, env_networks

    monkeypatch.setenv("ICTMIS_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")
    with pytest.raises(InvalidSettingError):
        env_networks("ICTMIS_TRUSTED_PROXIES")

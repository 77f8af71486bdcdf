"""Every map page carries the base layer's settings: the offline layer by default, a tile server's tiles when
ICTMIS_MAP_TILE_URL is set, with the Content-Security-Policy allowing that host and no other."""

from __future__ import annotations

import json
import re
import runpy
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client, override_settings

import ictmis.settings
from ictmis.env import InvalidSettingError, tile_sources
from tests.conftest import logged_in

TILES = "https://{s}.tiles.example.vn/{z}/{x}/{y}.png"
ATTRIBUTION = "&copy; Bản đồ nền Việt Nam"
PUBLIC_MAP = "/cong-thong-tin/so-lieu/bts-stations/ban-do/"
STAFF_MAP = "/co-so-du-lieu/bts-stations/ban-do/"


def base_config(html: str) -> dict[str, Any]:
    found = re.search(r'<script id="map-base-config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no base layer settings on the page"
    return json.loads(found.group(1))


def img_sources(response: Any) -> list[str]:
    policy = response["Content-Security-Policy"]
    (directive,) = [d.strip() for d in policy.split(";") if d.strip().startswith("img-src")]
    return directive.split()[1:]


def test_a_tile_url_template_gives_its_host_to_the_policy() -> None:
    assert tile_sources("") == []
    assert tile_sources(TILES) == ["https://*.tiles.example.vn"]
    assert tile_sources("https://tiles.example.vn:8443/{z}/{x}/{y}.png") == ["https://tiles.example.vn:8443"]
    for wrong in ("javascript:alert(1)", "tiles.example.vn/{z}/{x}/{y}.png", "https://{z}.example.vn/{x}.png"):
        with pytest.raises(InvalidSettingError):
            tile_sources(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("path", [PUBLIC_MAP, STAFF_MAP])
def test_by_default_a_map_draws_the_offline_layer_shipped_with_the_app(path: str) -> None:
    client = Client() if path == PUBLIC_MAP else logged_in("lanhdao")
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    config = base_config(html)
    assert config["tileUrl"] == ""
    assert config["attribution"] == "Nền bản đồ: Natural Earth"
    assert config["dataUrl"].endswith(".json") and finders.find("ictmis/basemap/vietnam.json")
    # the shared module loads after Leaflet and before the page's own map script
    assert html.index("vendor/leaflet/leaflet.js") < html.index("ictmis/map-base.js") < html.index("registry-map.js")
    assert img_sources(response) == ["'self'", "data:"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [PUBLIC_MAP, STAFF_MAP])
def test_a_tile_server_setting_switches_maps_to_its_tiles_and_the_policy_allows_its_host(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ICTMIS_MAP_TILE_URL", TILES)
    monkeypatch.setenv("ICTMIS_MAP_TILE_ATTRIBUTION", ATTRIBUTION)
    configured = runpy.run_path(ictmis.settings.__file__)  # the settings as a deployment with these would read them
    with override_settings(
        MAP_TILE_URL=configured["MAP_TILE_URL"],
        MAP_TILE_ATTRIBUTION=configured["MAP_TILE_ATTRIBUTION"],
        CONTENT_SECURITY_POLICY=configured["CONTENT_SECURITY_POLICY"],
    ):
        client = Client() if path == PUBLIC_MAP else logged_in("lanhdao")
        response = client.get(path)
    config = base_config(response.content.decode())
    assert config["tileUrl"] == TILES
    assert config["tileAttribution"] == ATTRIBUTION
    assert img_sources(response) == ["'self'", "data:", "https://*.tiles.example.vn"]

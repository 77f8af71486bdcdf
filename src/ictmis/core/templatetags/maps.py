"""`{% map_base %}`: the base layer's settings and script for a map page (after Leaflet, before the page's
own map script, which calls `ictmisMapBase.addTo(map)`)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def map_base() -> SafeString:
    config = {
        "dataUrl": static("ictmis/basemap/vietnam.json"),
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "attribution": gettext("Base map: Natural Earth"),
    }
    return format_html(
        '{}<script src="{}"></script>', json_script(config, "map-base-config"), static("ictmis/map-base.js")
    )

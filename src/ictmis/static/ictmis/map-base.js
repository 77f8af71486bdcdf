// The base layer under every map: ictmisMapBase.addTo(map). By default the offline outline of Viet Nam and its
// neighbours with the Hoàng Sa and Trường Sa archipelagos, the East Sea and the province seats (a static GeoJSON
// built by tools/build_basemap.py); a deployment's tile server instead when ICTMIS_MAP_TILE_URL is set. The
// settings arrive in the JSON script element #map-base-config written by the {% map_base %} template tag.
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  var source = document.getElementById("map-base-config");
  var config = source ? JSON.parse(source.textContent) : {};
  var FAR = 7;  // below this zoom the province seats are drawn without their names
  var shapes = {
    vietnam: { color: "#868e96", weight: 1, fillColor: "#fffaf0", fillOpacity: 1 },
    abroad: { color: "#ced4da", weight: 0.8, fillColor: "#f1f3f5", fillOpacity: 1 }
  };
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(config.dataUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("base layer: HTTP " + response.status); }
          return response.json();
        });
    }
    return loading;
  }

  function pane(map, name, zIndex) {
    if (!map.getPane(name)) {
      var element = map.createPane(name);
      element.style.zIndex = zIndex;
      element.style.pointerEvents = "none";
    }
    return name;
  }

  function label(feature, latlng) {
    var p = feature.properties;
    var box = document.createElement("div");
    var dot = document.createElement("span");
    dot.className = "map-base-dot";
    var name = document.createElement("span");
    name.className = "map-base-name";
    name.textContent = p.name;
    if (p.kind === "capital" || p.kind === "seat") { box.append(dot); }
    box.append(name);
    if (p.part_of) {
      var part = document.createElement("span");
      part.className = "map-base-part";
      part.textContent = "(" + p.part_of + ")";
      box.append(part);
    }
    return L.marker(latlng, {
      pane: "mapBaseLabels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "map-base-label map-base-" + p.kind, html: box, iconSize: null })
    });
  }

  function isShape(feature) { return feature.geometry.type !== "Point"; }

  function addTo(map) {
    var element = map.getContainer();
    pane(map, "mapBase", 250);
    pane(map, "mapBaseLabels", 350);
    function distance() { element.classList.toggle("map-base-far", map.getZoom() < FAR); }
    map.on("zoomend", distance);
    map.whenReady(distance);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution || "" }).addTo(map);
      element.dataset.baseLayer = "tiles";
    } else {
      element.classList.add("map-base-offline");
      if (config.attribution) { map.attributionControl.addAttribution(config.attribution); }
    }
    return load().then(function (data) {
      if (!config.tileUrl) {
        L.geoJSON(data, {
          pane: "mapBase", interactive: false, filter: isShape,
          style: function (feature) { return feature.properties.iso === "704" ? shapes.vietnam : shapes.abroad; }
        }).addTo(map);
      }
      // On a deployment's tiles too: the archipelagos are named as Vietnamese whatever the tiles show.
      L.geoJSON(data, {
        filter: function (feature) {
          return !isShape(feature) && (!config.tileUrl || feature.properties.kind === "archipelago");
        },
        pointToLayer: label
      }).addTo(map);
      if (!config.tileUrl) { element.dataset.baseLayer = "vector"; }
    }).catch(function () { element.dataset.baseLayer = "failed"; });
  }

  window.ictmisMapBase = { addTo: addTo };
})();

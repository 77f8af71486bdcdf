// Registry map: points and server-side clusters for the current view, reloaded as the map moves.
(function () {
  "use strict";
  var element = document.getElementById("registry-map");
  if (!element || typeof L === "undefined") { return; }
  var config = JSON.parse(element.dataset.config);
  var status = document.getElementById("map-status");
  var map = L.map(element).setView([16.5, 106.5], 6);
  if (window.ictmisMapBase) { window.ictmisMapBase.addTo(map); }
  var layer = L.layerGroup().addTo(map);
  var fitted = false;
  var pending = null;

  function clusterIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 54;
    return L.divIcon({
      html: "<span>" + count.toLocaleString("vi-VN") + "</span>",
      className: "map-cluster",
      iconSize: [size, size]
    });
  }

  function draw(data) {
    layer.clearLayers();
    var points = 0, clusters = 0;
    data.features.forEach(function (feature) {
      var c = feature.geometry.coordinates, p = feature.properties;
      var at = [c[1], c[0]];
      if (p.cluster) {
        clusters += 1;
        var marker = L.marker(at, { icon: clusterIcon(p.count), title: String(p.count) });
        marker.on("click", function () {
          // Zoom in on the cluster's cell: two levels deeper shows it split into smaller ones or points.
          map.setView(at, Math.min(map.getZoom() + 2, 18));
        });
        marker.addTo(layer);
      } else {
        points += 1;
        var dot = L.circleMarker(at, { radius: 6, weight: 1, color: "#0a58ca", fillOpacity: 0.8 });
        var card = document.createElement("div");
        var link = document.createElement(config.detailUrl ? "a" : "strong");
        if (config.detailUrl) { link.href = config.detailUrl.replace("{id}", p.id); }
        link.textContent = p.title;
        link.className = "fw-semibold";
        var unit = document.createElement("div");
        unit.className = "small text-muted";
        unit.textContent = p.unit || "";
        var coordinates = document.createElement("div");
        coordinates.className = "small";
        coordinates.textContent = c[1].toFixed(5) + ", " + c[0].toFixed(5);
        card.append(link, unit, coordinates);
        dot.bindPopup(card);
        dot.addTo(layer);
      }
    });
    element.dataset.points = points;
    element.dataset.clusters = clusters;
    if (status) { status.textContent = element.dataset.statusTemplate || ""; }
    if (!fitted && data.bounds) {
      fitted = true;
      var b = data.bounds;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [20, 20] });
    }
  }

  function load() {
    var bounds = map.getBounds();
    var bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map(function (v) { return v.toFixed(5); }).join(",");
    var url = config.dataUrl + "?bbox=" + bbox + "&zoom=" + map.getZoom() + (fitted ? "" : "&with_bounds=1") +
      (config.query ? "&" + config.query : "");
    if (pending) { pending.abort(); }
    pending = new AbortController();
    element.dataset.loading = "1";
    fetch(url, { credentials: "same-origin", signal: pending.signal, headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { draw(data); element.dataset.loading = "0"; })
      .catch(function () { element.dataset.loading = "0"; });
  }

  map.on("moveend", load);
  load();
})();

// Communes where someone was trained: one point per commune (data in a JSON script element).
(function () {
  "use strict";
  var element = document.getElementById("coverage-map");
  var source = document.getElementById("coverage-points");
  if (!element || !source || typeof L === "undefined") { return; }
  var points = JSON.parse(source.textContent);
  var labels = JSON.parse(document.getElementById("coverage-labels").textContent);
  var map = L.map(element);
  if (window.ictmisMapBase) { window.ictmisMapBase.addTo(map); }
  var bounds = [];
  points.forEach(function (p) {
    var dot = L.circleMarker([p.lat, p.lon], {
      radius: 6 + Math.min(p.trained, 10), weight: 1, color: "#212529", fillColor: "#198754", fillOpacity: 0.8
    });
    var card = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name + " (" + p.code + ")";
    var figures = document.createElement("div");
    figures.className = "small";
    figures.textContent = labels.trained + ": " + p.trained + " · " + labels.last + ": " + p.last_on;
    card.append(title, figures);
    dot.bindPopup(card);
    dot.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 11); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
  element.dataset.points = points.length;
})();

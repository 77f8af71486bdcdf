// Communes coloured by their criterion-8 result (data in a JSON script element).
(function () {
  "use strict";
  var element = document.getElementById("criterion-map");
  var source = document.getElementById("criterion-map-points");
  if (!element || !source || typeof L === "undefined") { return; }
  var points = JSON.parse(source.textContent);
  var colours = { done: "#198754", behind: "#dc3545" };
  var map = L.map(element);
  if (window.ictmisMapBase) { window.ictmisMapBase.addTo(map); }
  var bounds = [];
  points.forEach(function (p) {
    var dot = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 1, color: "#212529", fillColor: colours[p.state], fillOpacity: 0.85
    });
    var card = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name + " (" + p.code + ")";
    var figures = document.createElement("div");
    figures.className = "small";
    figures.textContent = p.met + " / " + p.of;
    card.append(title, figures);
    dot.bindPopup(card);
    dot.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 11); } else if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); }
  element.dataset.points = points.length;
})();

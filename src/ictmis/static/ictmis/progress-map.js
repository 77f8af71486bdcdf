// A programme's completion by commune: one coloured point per commune (data in a JSON script element).
(function () {
  "use strict";
  var element = document.getElementById("progress-map");
  var source = document.getElementById("progress-map-points");
  if (!element || !source || typeof L === "undefined") { return; }
  var points = JSON.parse(source.textContent);
  var labels = JSON.parse(document.getElementById("progress-map-labels").textContent);
  var colours = { done: "#198754", on_pace: "#0d6efd", behind: "#dc3545", none: "#adb5bd" };
  var map = L.map(element);
  if (window.ictmisMapBase) { window.ictmisMapBase.addTo(map); }
  var bounds = [];
  var counts = { done: 0, on_pace: 0, behind: 0, none: 0 };
  points.forEach(function (p) {
    counts[p.state] += 1;
    var dot = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 1, color: "#212529", fillColor: colours[p.state], fillOpacity: 0.85
    });
    var card = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name + " (" + p.code + ")";
    var figures = document.createElement("div");
    figures.className = "small";
    figures.textContent = p.target
      ? labels.delivered + ": " + p.delivered.toLocaleString("vi-VN") + " / " + labels.target + ": " +
        p.target.toLocaleString("vi-VN") + " (" + String(p.percent).replace(".", ",") + "%)"
      : labels.delivered + ": " + p.delivered.toLocaleString("vi-VN") + " (" + labels.none + ")";
    var waiting = document.createElement("div");
    waiting.className = "small";
    waiting.textContent = labels.waiting + ": " + p.waiting.toLocaleString("vi-VN");
    card.append(title, figures, waiting);
    dot.bindPopup(card);
    dot.addTo(map);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length === 1) { map.setView(bounds[0], 11); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
  Object.keys(counts).forEach(function (state) { element.dataset[state] = counts[state]; });
  element.dataset.points = points.length;
})();

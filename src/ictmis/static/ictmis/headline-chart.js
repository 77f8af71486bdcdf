// Headline indicators over the last periods as lines; the data sits in a JSON script element (CSP).
(function () {
  "use strict";
  var source = document.getElementById("headline-data");
  var canvas = document.getElementById("headline-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var series = JSON.parse(source.textContent);
  if (!series.length) return;
  var colours = ["#0d6efd", "#198754", "#dc3545", "#fd7e14"];
  new Chart(canvas, {
    type: "line",
    data: {
      labels: series[0].periods,
      datasets: series.map(function (s, i) {
        return { label: s.code + " – " + s.name, data: s.values, borderColor: colours[i % colours.length],
                 backgroundColor: colours[i % colours.length], spanGaps: true };
      })
    },
    options: { responsive: true, animation: false, scales: { y: { beginAtZero: true } } }
  });
  canvas.dataset.series = series.length;
})();

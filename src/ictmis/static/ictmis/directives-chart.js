// The rate "completed / due" by month of the deadline; data from a JSON script element (CSP: no inline script).
(function () {
  "use strict";
  var source = document.getElementById("directives-trend");
  var canvas = document.getElementById("directives-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [{ label: canvas.getAttribute("data-label"), data: data.rates, borderColor: "#0d6efd",
                   backgroundColor: "#0d6efd", spanGaps: true }]
    },
    options: { responsive: true, animation: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, max: 100 } } }
  });
})();

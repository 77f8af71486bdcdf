// Deliveries per month as a bar chart; the data sits in a JSON script element (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("deliveries-by-month");
  var canvas = document.getElementById("deliveries-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: canvas.getAttribute("data-label"), data: data.values, backgroundColor: "#0d6efd" }]
    },
    options: { responsive: true, animation: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

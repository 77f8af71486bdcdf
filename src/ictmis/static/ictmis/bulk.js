// Bulk actions on a list: "select all" on the page and the count of ticked rows. The form works without this
// script (each row's checkbox belongs to the bulk form); no inline handlers, the CSP forbids them.
document.querySelectorAll("[data-bulk-form]").forEach(function (form) {
  var id = form.id;
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-bulk-row="' + id + '"]'));
  var all = document.querySelector('[data-bulk-all="' + id + '"]');
  var counter = form.querySelector("[data-bulk-count]");
  function update() {
    var ticked = rows.filter(function (row) { return row.checked; }).length;
    if (counter) {
      counter.textContent = counter.getAttribute("data-count-template").replace("__n__", String(ticked));
    }
    if (all) {
      all.checked = ticked > 0 && ticked === rows.length;
      all.indeterminate = ticked > 0 && ticked < rows.length;
    }
  }
  rows.forEach(function (row) { row.addEventListener("change", update); });
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      rows.forEach(function (row) { row.checked = all.checked; });
      update();
    });
  }
  update();
});

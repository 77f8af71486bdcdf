// Public pages are cached for every reader; what is personal is added here, from cookies.
(function () {
  "use strict";
  function rated() {
    var match = document.cookie.match(/(?:^|;\s*)ictmis_rated=([^;]*)/);
    var result = {};
    if (!match) return result;
    decodeURIComponent(match[1]).split("-").forEach(function (pair) {
      var parts = pair.split(".");
      if (parts.length === 2) result[parts[0]] = parseInt(parts[1], 10);
    });
    return result;
  }
  function markRatings() {
    var mine = rated();
    document.querySelectorAll("form[data-rating-article]").forEach(function (form) {
      var stars = mine[form.getAttribute("data-rating-article")];
      if (!stars) return;
      form.querySelectorAll("button[name=stars]").forEach(function (button) {
        var on = parseInt(button.value, 10) <= stars;
        button.classList.toggle("btn-warning", on);
        button.classList.toggle("btn-outline-warning", !on);
        button.setAttribute("aria-pressed", parseInt(button.value, 10) === stars ? "true" : "false");
      });
      var note = form.parentElement.querySelector("[data-testid=my-rating]");
      if (note) {
        note.textContent = note.getAttribute("data-template").replace("{n}", String(stars));
        note.hidden = false;
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markRatings);
  else markRatings();
})();

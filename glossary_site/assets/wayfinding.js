/* Flywheel Glossary way-finding: shows the A–Z filter (tag and level) and applies it.
   Without JavaScript the filter stays hidden and the A–Z is the plain full list. */
(function () {
  "use strict";

  function setup(form) {
    if (form.dataset.fgReady) return;
    form.dataset.fgReady = "1";
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.fg-az-list"));
    var items = Array.prototype.slice.call(document.querySelectorAll("ul.fg-az-list > li"));
    var count = form.querySelector(".fg-az-filter__count");

    function apply() {
      var tag = form.querySelector("select[name=tag]").value,
        level = form.querySelector("select[name=level]").value, shown = 0;
      items.forEach(function (li) {
        var tags = (li.getAttribute("data-tags") || "").split(" ");
        var match = (!tag || tags.indexOf(tag) !== -1) &&
                    (!level || li.getAttribute("data-level") === level);
        li.hidden = !match;
        if (match) shown += 1;
      });
      lists.forEach(function (list) {
        var empty = !list.querySelector("li:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
      });
      count.textContent = (tag || level) ? shown + " of " + items.length + " terms" : "";
    }

    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".fg-az-filter"), setup);
  }

  // The floating "Contents" of a term page: closed after a jump, or by Esc.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".fg-toc-float a");
    if (link) link.closest("details").open = false;
  });
  document.addEventListener("keydown", function (event) {
    var open = document.querySelector("details.fg-toc-float[open]");
    if (event.key !== "Escape" || !open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

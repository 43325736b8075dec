/* Flywheel Glossary way-finding: shows the A–Z filter (tag and level) and applies it;
   adds Copy buttons to a term's ready citations.
   The filter lives in the URL (?tag=…&level=…): shareable, and the same after a reload or
   Back. Letters whose group the filter empties are not links; the count always shows.
   Without JavaScript the filter stays hidden and the A–Z is the plain full list. */
(function () {
  "use strict";

  function setup(form) {
    if (form.dataset.fgReady) return;
    form.dataset.fgReady = "1";
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.fg-az-list"));
    var items = Array.prototype.slice.call(document.querySelectorAll("ul.fg-az-list > li"));
    var count = form.querySelector(".fg-az-filter__count");
    var selects = { tag: form.querySelector("select[name=tag]"),
                    level: form.querySelector("select[name=level]") };
    var letters = Array.prototype.slice.call(
      document.querySelectorAll(".fg-az-letters a[href^='#letter-'], .fg-az-letters [data-href]"));

    function fromUrl() {
      // The URL is the truth (a browser may restore a form's old values on Back).
      var params = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (name) {
        var want = params.get(name) || "";
        var known = Array.prototype.some.call(selects[name].options,
                                              function (o) { return o.value === want; });
        selects[name].value = known ? want : "";
      });
    }

    function toUrl() {
      var params = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (name) {
        if (selects[name].value) params.set(name, selects[name].value);
        else params.delete(name);
      });
      var query = params.toString();
      history.replaceState(history.state, "",
                           location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function apply() {
      var tag = selects.tag.value, level = selects.level.value, shown = 0;
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
      letters.forEach(function (a) {
        var target = a.getAttribute("href") || a.getAttribute("data-href");
        var heading = document.getElementById(target.slice(1));
        var empty = !heading || heading.hidden;
        if (empty && a.hasAttribute("href")) {
          a.setAttribute("data-href", target);
          a.removeAttribute("href");
          a.setAttribute("aria-disabled", "true");
        } else if (!empty && !a.hasAttribute("href")) {
          a.setAttribute("href", target);
          a.removeAttribute("data-href");
          a.removeAttribute("aria-disabled");
        }
      });
      count.textContent = (tag || level) ? shown + " of " + items.length + " terms"
        : items.length + " terms";
    }

    form.addEventListener("change", function () { toUrl(); apply(); });
    window.addEventListener("pageshow", function () { fromUrl(); apply(); });
    form.hidden = false;
    fromUrl();
    apply();
  }

  // "Cite this term": a Copy button beside each ready citation (without JavaScript the
  // text is there to select). The status line says what happened, for screen readers too.
  function citeButtons(box) {
    if (box.dataset.fgReady) return;
    box.dataset.fgReady = "1";
    var status = document.createElement("p");
    status.className = "fg-cite-status";
    status.setAttribute("role", "status");
    box.appendChild(status);
    Array.prototype.forEach.call(box.querySelectorAll("pre"), function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button fg-cite-copy";
      var kind = pre.classList.contains("fg-cite-bibtex") ? "BibTeX" : "plain text";
      button.textContent = "Copy " + kind;
      button.addEventListener("click", function () {
        var text = pre.textContent;
        var done = function () { status.textContent = "Copied the " + kind + " citation."; };
        var fail = function () {
          var range = document.createRange();
          range.selectNodeContents(pre);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          status.textContent = "Selected: press Ctrl+C (or \u2318C) to copy.";
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, fail);
        } else {
          fail();
        }
      });
      pre.insertAdjacentElement("afterend", button);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".fg-az-filter"), setup);
    Array.prototype.forEach.call(document.querySelectorAll(".fg-cite-this"), citeButtons);
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

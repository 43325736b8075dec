/* Flywheel Glossary concept graph: pointing at a term, or focusing it with the keyboard,
   highlights the terms it links to. The graph is plain SVG links without this script. */
(function () {
  "use strict";

  function setup(svg) {
    if (svg.dataset.fgGraphReady) return;
    svg.dataset.fgGraphReady = "1";
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".fg-graph__edge"));
    var nodes = {};
    Array.prototype.forEach.call(svg.querySelectorAll(".fg-graph__node"), function (node) {
      nodes[node.getAttribute("data-slug")] = node;
    });

    function clear() {
      svg.classList.remove("is-focused");
      Array.prototype.forEach.call(svg.querySelectorAll(".is-active, .is-near"), function (el) {
        el.classList.remove("is-active", "is-near");
      });
    }

    function highlight(slug) {
      clear();
      svg.classList.add("is-focused");
      nodes[slug].classList.add("is-active");
      edges.forEach(function (edge) {
        var a = edge.getAttribute("data-a"), b = edge.getAttribute("data-b");
        if (a !== slug && b !== slug) return;
        edge.classList.add("is-near");
        var other = nodes[a === slug ? b : a];
        if (other) other.classList.add("is-near");
      });
    }

    Object.keys(nodes).forEach(function (slug) {
      var node = nodes[slug];
      node.addEventListener("mouseenter", function () { highlight(slug); });
      node.addEventListener("focus", function () { highlight(slug); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("svg[data-fg-graph]"), setup);
  }

  // Material's instant navigation swaps pages without a reload; document$ reports each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Flywheel Glossary charts: turn each static chart figure into the interactive chart.
 *
 * A page with charts holds <figure class="fg-chart" data-spec="…vl.json"> elements whose
 * static SVG images are shown at once (and stay when JavaScript is off). When a figure
 * scrolls into view this script fetches its Vega-Lite spec from the site and renders it
 * with vega-embed (tooltips, the sliders bound in the spec). Any failure leaves the image.
 * Charts follow Material's palette and are re-rendered when the reader toggles it.
 *
 * Needs window.vegaEmbed (the site's own vega-bundle.js, loaded before this file) and
 * window.FG_CHART_THEMES ({light, dark}: {theme, config}), prepended at build time.
 */
(function () {
  "use strict";

  const THEMES = window.FG_CHART_THEMES || { light: {}, dark: {} };
  const live = new Map(); // figure -> {result, spec}

  function palette() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function embedOptions() {
    const theme = THEMES[palette()] || {};
    const options = {
      actions: false, // no menu: its editor link would leave the site
      renderer: "svg",
      config: theme.config || {},
      tooltip: { theme: palette() },
    };
    if (theme.theme) options.theme = theme.theme;
    return options;
  }

  // Values of the spec's bound parameters (the sliders), to keep them across re-renders.
  function boundValues(entry) {
    const values = {};
    for (const param of entry.spec.params || []) {
      if (!param.bind) continue;
      try {
        values[param.name] = entry.result.view.signal(param.name);
      } catch (_) {
        /* not a signal of this view */
      }
    }
    return values;
  }

  async function render(figure, spec, values) {
    const host = document.createElement("div");
    host.className = "fg-chart__live";
    const result = await window.vegaEmbed(host, spec, embedOptions());
    for (const [name, value] of Object.entries(values || {})) {
      result.view.signal(name, value);
    }
    await result.view.runAsync();
    const old = figure.querySelector(".fg-chart__live");
    if (old) old.replaceWith(host);
    else figure.insertBefore(host, figure.querySelector("figcaption"));
    const previous = live.get(figure);
    if (previous) previous.result.finalize();
    live.set(figure, { result, spec });
    figure.classList.add("fg-chart--live");
    const still = figure.querySelector(".fg-chart__static");
    if (still) still.hidden = true; // the live chart replaces the images
  }

  async function activate(figure) {
    try {
      const response = await fetch(figure.dataset.spec, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await render(figure, await response.json());
      figure.dataset.fgState = "live";
    } catch (error) {
      figure.dataset.fgState = "static";
      console.warn(`chart ${figure.id}: kept the static image`, error);
    }
  }

  function rerenderAll() {
    for (const [figure, entry] of live) {
      if (!figure.isConnected) {
        entry.result.finalize(); // left behind by instant navigation
        live.delete(figure);
        continue;
      }
      render(figure, entry.spec, boundValues(entry)).catch((error) =>
        console.warn(`chart ${figure.id}: re-render failed`, error),
      );
    }
  }

  function init() {
    if (typeof window.vegaEmbed !== "function") return;
    const figures = Array.from(document.querySelectorAll("figure.fg-chart[data-spec]"))
      .filter((figure) => !figure.dataset.fgState);
    for (const figure of figures) figure.dataset.fgState = "waiting";
    if (!("IntersectionObserver" in window)) {
      figures.forEach(activate);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          activate(entry.target);
        }
      },
      { rootMargin: "200px 0px" },
    );
    figures.forEach((figure) => observer.observe(figure));
  }

  let scheme = palette();
  new MutationObserver(() => {
    if (palette() === scheme) return;
    scheme = palette();
    rerenderAll();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  // Material's instant navigation swaps pages without reloading: re-scan on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

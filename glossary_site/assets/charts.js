/*
 * Flywheel Glossary charts: turn each static chart figure into the interactive chart.
 *
 * A page with charts holds <figure class="fg-chart" data-spec="…vl.json"> elements whose
 * static SVG images are shown at once (and stay when JavaScript is off). Nothing else
 * happens until a figure comes near the viewport: only then is the Vega bundle (about
 * 880 KB, next to this file as vega-bundle.js) loaded, once, and the figure's Vega-Lite spec
 * fetched and rendered with vega-embed (nearest-point tooltips, the sliders bound in the
 * spec). The live chart fills its container, so its text keeps its size on a phone. Any
 * failure leaves the image. Charts follow Material's palette and are re-rendered when the
 * reader toggles it.
 *
 * Needs window.FG_CHART_THEMES ({light, dark}: {theme, config}), prepended at build time.
 */
(function () {
  "use strict";

  const THEMES = window.FG_CHART_THEMES || { light: {}, dark: {} };
  const live = new Map(); // figure -> {result, spec}
  const here = document.currentScript ? document.currentScript.src : "";
  let bundle = null; // the promise of the loaded Vega bundle

  function loadBundle() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (bundle) return bundle;
    bundle = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = here.replace(/charts\.js(\?.*)?$/, "vega-bundle.js");
      script.async = true;
      script.onload = () =>
        typeof window.vegaEmbed === "function"
          ? resolve()
          : reject(new Error("vega-bundle.js defined no vegaEmbed"));
      script.onerror = () => reject(new Error(`could not load ${script.src}`));
      document.head.appendChild(script);
    });
    bundle.catch(() => {
      bundle = null; // a later figure may try again
    });
    return bundle;
  }

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

  // The spec, made to fill its container's width (the static image keeps its own size).
  function responsive(spec) {
    return Object.assign({}, spec, {
      width: "container",
      autosize: { type: "fit-x", contains: "padding" },
    });
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

  // Sliders: a name a screen reader reads, and the value it announces as it moves.
  function labelSliders(host) {
    for (const input of host.querySelectorAll(".vega-bind input[type=range]")) {
      const bind = input.closest(".vega-bind");
      const name = bind && bind.querySelector(".vega-bind-name");
      const label = name ? name.textContent.trim() : "Chart parameter";
      const announce = () => input.setAttribute("aria-valuetext", `${label} ${input.value}`);
      input.setAttribute("aria-label", label);
      announce();
      input.addEventListener("input", announce);
      const shown = bind && bind.querySelector("output, .vega-bind-name + input + span");
      if (shown) shown.setAttribute("aria-hidden", "true"); // the input announces it
    }
  }

  // The caption says what the static image shows; once live, say what the reader can do.
  function addHint(figure, spec) {
    const caption = figure.querySelector("figcaption");
    if (!caption || caption.querySelector(".fg-chart__hint")) return;
    const sliders = (spec.params || []).filter((p) => p.bind).map((p) => p.bind.name || p.name);
    const hint = document.createElement("span");
    hint.className = "fg-chart__hint";
    const names = sliders.map((name) => `“${String(name).trim()}”`).join(", ");
    hint.textContent = sliders.length
      ? `Interactive: move the ${names} slider to redraw the chart; hover or touch the chart to read values.`
      : "Interactive: hover or touch the chart to read the values at the nearest point.";
    const links = caption.querySelector(".fg-chart__links");
    caption.insertBefore(document.createElement("br"), links);
    caption.insertBefore(hint, links ? links.previousSibling : null);
  }

  async function render(figure, spec, values) {
    await loadBundle();
    const host = document.createElement("div");
    host.className = "fg-chart__live";
    const old = figure.querySelector(".fg-chart__live");
    const still = figure.querySelector(".fg-chart__static");
    // In the layout before rendering, so "container" has a width to fill, but with no
    // height until it is ready: what is on screen does not move in between.
    host.style.height = "0";
    host.style.overflow = "hidden";
    (old || still || figure.firstChild).after(host);
    let result;
    try {
      result = await window.vegaEmbed(host, responsive(spec), embedOptions());
      for (const [name, value] of Object.entries(values || {})) {
        result.view.signal(name, value);
      }
      await result.view.runAsync();
    } catch (error) {
      host.remove();
      throw error;
    }
    if (old) old.remove();
    if (still) still.hidden = true; // the live chart replaces the images
    host.style.height = "";
    host.style.overflow = "";
    const previous = live.get(figure);
    if (previous) previous.result.finalize();
    live.set(figure, { result, spec });
    labelSliders(host);
    figure.classList.add("fg-chart--live");
  }

  async function activate(figure) {
    try {
      const [response] = await Promise.all([
        fetch(figure.dataset.spec, { credentials: "same-origin" }),
        loadBundle(),
      ]);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const spec = await response.json();
      await render(figure, spec);
      addHint(figure, spec);
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
      { rootMargin: "300px 0px" },
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

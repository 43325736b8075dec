/*
 * Flywheel Glossary charts: turn each static chart figure into the interactive chart.
 *
 * A page with charts holds <figure class="fg-chart" data-spec="…vl.json"> elements whose
 * static SVG images are shown at once (and stay when JavaScript is off). Nothing else
 * happens until a figure comes near the viewport: only then is the Vega bundle (about
 * 880 KB, next to this file as vega-bundle.js) loaded, once, and the figure's Vega-Lite spec
 * fetched and rendered with vega-embed (nearest-point tooltips, the sliders bound in the
 * spec). A tap shows the nearest point's tooltip too (touchTooltips). The live chart fills
 * its container, so its text keeps its size on a phone. Any
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

  // Touch. Vega shows a tooltip on pointermove, which a tap never sends, and hides it on
  // mouseout; the nearest-point highlight follows pointerover and ends on the pointerout
  // that ends every touch. So for a finger: touching the chart sends Vega a pointermove
  // there (the nearest point's tooltip shows); a tap keeps it (the pointerout and the
  // emulated mouse events that follow are not passed on) until the next touch elsewhere;
  // a drag along the chart moves it, and lifting the finger after a drag hides it.
  const TAP_SLOP = 10; // px a finger may move in a tap
  let touch = null; // {host, target, start, last, moved, kept}: the finger on a chart
  let lastPointer = "mouse";

  function send(target, type, from) {
    const init = {
      bubbles: true,
      cancelable: true,
      composed: true,
      clientX: from.clientX,
      clientY: from.clientY,
      screenX: from.screenX,
      screenY: from.screenY,
      pointerId: from.pointerId,
      pointerType: "touch",
      isPrimary: true,
    };
    const Event = type === "mouseout" ? MouseEvent : PointerEvent;
    target.dispatchEvent(new Event(type, init));
  }

  // Hide the tooltip and the highlighted points of the last touch.
  function untouch() {
    const done = touch;
    touch = null;
    if (done && done.target.isConnected) {
      send(done.target, "pointerout", done.last);
      send(done.target, "mouseout", done.last);
    }
  }

  // A new touch (its pointerover comes first), a click or a mouse moving anywhere ends a
  // tap's tooltip.
  for (const type of ["pointerover", "pointerdown", "pointermove"]) {
    document.addEventListener(
      type,
      (event) => {
        if (!event.isTrusted) return;
        lastPointer = event.pointerType || "mouse";
        if (touch && touch.kept) untouch();
      },
      true,
    );
  }

  // vega-tooltip sets the tooltip beside the pointer, on a side where it fits, or else
  // above-left of it, off a phone's screen when it is wide. Move it onto the screen, and
  // then off the point it describes: below the pointer, or above it.
  function keepOnScreen(event) {
    const tip = document.getElementById("vg-tooltip-element");
    if (!tip || !tip.classList.contains("visible")) return;
    const box = tip.getBoundingClientRect();
    const margin = 4;
    const gap = 16;
    const height = window.innerHeight;
    const fit = (start, size, room) => Math.max(margin, Math.min(start, room - size - margin));
    const left = fit(box.left, box.width, document.documentElement.clientWidth);
    let top = fit(box.top, box.height, height);
    const { clientX: x, clientY: y } = event;
    if (x >= left && x <= left + box.width && y >= top && y <= top + box.height) {
      if (y + gap + box.height <= height - margin) top = y + gap;
      else if (y - gap - box.height >= margin) top = y - gap - box.height;
    }
    if (left !== box.left) tip.style.left = `${left}px`;
    if (top !== box.top) tip.style.top = `${top}px`;
  }

  function touchTooltips(host) {
    host.addEventListener("pointermove", keepOnScreen); // bubbling: after Vega has placed it
    const on = (type, listener) => host.addEventListener(type, listener, true);
    const finger = (event) => event.isTrusted && event.pointerType === "touch";
    on("pointerdown", (event) => {
      if (!finger(event)) return;
      // Let the finger slide from point to point (a touch otherwise stays on its first target).
      if (event.target.hasPointerCapture && event.target.hasPointerCapture(event.pointerId)) {
        event.target.releasePointerCapture(event.pointerId);
      }
      touch = { host, target: event.target, start: event, last: event, moved: false, kept: false };
      send(event.target, "pointermove", event);
    });
    on("pointermove", (event) => {
      if (!finger(event) || !touch || touch.host !== host) return;
      touch.target = event.target;
      touch.last = event;
      const dx = event.clientX - touch.start.clientX;
      const dy = event.clientY - touch.start.clientY;
      if (Math.hypot(dx, dy) > TAP_SLOP) touch.moved = true;
    });
    const lift = (event) => {
      if (!finger(event) || !touch || touch.host !== host) return;
      if (touch.moved || event.type === "pointercancel") untouch();
      else touch.kept = true;
    };
    on("pointerup", lift);
    on("pointercancel", lift);
    // After a tap, what the browser sends as the finger leaves is not the reader leaving.
    const keep = (event) => {
      const emulated = event.type === "mouseout" && lastPointer === "touch";
      if (event.isTrusted && (finger(event) || emulated) && touch && touch.kept) {
        event.stopPropagation();
      }
    };
    on("pointerout", keep);
    on("pointerleave", keep);
    on("mouseout", keep);
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
    touchTooltips(host);
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

/* Flywheel Glossary concept graph. Without this script each drawing is plain SVG links, and
   the Graph page shows the names the build placed for a phone's or a desktop's width.

   On every drawing, pointing at a term or focusing it highlights the terms it links to.
   On the Graph page (svg[data-fg-overview]) the script also
   - zooms (buttons, + and - keys, Ctrl or Cmd + wheel, two-finger pinch) and pans (drag);
   - names as many terms as fit without overlapping, at every zoom: the same greedy pass as
     graph.py (most linked terms first; right of the dot, left, below or above; no name over
     another name or over the dot of a term placed before), measured with the browser's own
     font, the term pointed at (and its neighbours) placed first;
   - finds a term by name (a search box with suggestions): highlights it and centres it;
   - makes the drawing one Tab stop: the arrow keys move from term to term, Enter opens one;
   - lets the key's tags highlight their terms (buttons that say which tag is shown). */
(function () {
  "use strict";

  var FONT = 12;                      // graph.py LABEL_PX: names are 12 px at every zoom
  var RADII = [4, 5, 6, 7, 8, 9];     // graph.py NODE_RADII, by fg-graph__node--size-N
  var ASCENT = 0.92, DESCENT = 0.23;  // graph_labels.py: a name's box around its baseline
  var CANDIDATES = ["right", "left", "below", "above"];
  var MAX_ZOOM = 16;
  var PAD = 2;                        // pixels kept between two names

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  /* Highlighting, shared by both kinds of drawing: hover, focus, and (Graph page) a pinned
     term or tag. onPaint(boosted) hears which terms to name first. */
  function Highlighter(svg, onPaint) {
    var nodes = {}, links = {}, marked = [];
    each(svg.querySelectorAll(".fg-graph__node"), function (node) {
      nodes[node.getAttribute("data-slug")] = node;
    });
    each(svg.querySelectorAll(".fg-graph__edge"), function (edge) {
      var a = edge.getAttribute("data-a"), b = edge.getAttribute("data-b");
      (links[a] = links[a] || []).push([edge, b]);
      (links[b] = links[b] || []).push([edge, a]);
    });
    var state = { hover: null, focus: null, found: null, tag: null };

    function mark(el, cls) { el.classList.add(cls); marked.push([el, cls]); }

    function paint() {
      marked.forEach(function (m) { m[0].classList.remove(m[1]); });
      marked = [];
      var slug = state.hover || state.focus || state.found;
      var boosted = [];
      if (slug && nodes[slug]) {
        mark(nodes[slug], "is-active");
        boosted.push(slug);
        (links[slug] || []).forEach(function (link) {
          mark(link[0], "is-near");
          if (nodes[link[1]]) { mark(nodes[link[1]], "is-near"); boosted.push(link[1]); }
        });
      } else if (state.tag !== null) {
        Object.keys(nodes).forEach(function (s) {
          if (nodes[s].getAttribute("data-tag") === state.tag) {
            mark(nodes[s], "is-near");
            boosted.push(s);
          }
        });
      }
      if (state.found && nodes[state.found]) mark(nodes[state.found], "is-found");
      svg.classList.toggle("is-focused", boosted.length > 0);
      if (onPaint) onPaint(boosted);
    }

    Object.keys(nodes).forEach(function (slug) {
      var node = nodes[slug];
      node.addEventListener("mouseenter", function () { state.hover = slug; paint(); });
      node.addEventListener("mouseleave", function () { state.hover = null; paint(); });
      // Chromium makes any SVG element with focus listeners a Tab stop: links only.
      if (node.tagName.toLowerCase() !== "a") return;
      node.addEventListener("focus", function () { state.focus = slug; paint(); });
      node.addEventListener("blur", function () { state.focus = null; paint(); });
    });
    return { nodes: nodes, links: links, state: state, paint: paint };
  }

  /* One Tab stop for a drawing's terms (items: {el, x, y}, the first takes the stop):
     the arrow keys move to the nearest term that way, Home to the first; more(e, item)
     may take other keys (true when it did). moved(item, byKey) hears each move. */
  var MOVES = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  function Roving(figure, items, moved, more) {
    var bySlug = {}, current = items[0];
    items.forEach(function (item) {
      bySlug[item.el.getAttribute("data-slug")] = item;
      item.el.setAttribute("tabindex", item === current ? "0" : "-1");
    });
    function take(item) {
      if (item === current) return;
      current.el.setAttribute("tabindex", "-1");
      current = item;
      item.el.setAttribute("tabindex", "0");
    }
    function focus(item) {
      take(item);
      item.el.focus({ preventScroll: true });
      moved(item, true);
    }
    function nearest(from, dx, dy) {
      var best = null, bestScore = Infinity;
      items.forEach(function (item) {
        var vx = item.x - from.x, vy = item.y - from.y;
        var along = vx * dx + vy * dy, across = Math.abs(vx * dy - vy * dx);
        if (item === from || along <= 0 || across > 2 * along) return;
        var score = along + 2 * across;
        if (score < bestScore) { best = item; bestScore = score; }
      });
      return best;
    }
    function itemOf(target) {
      return target && target.getAttribute ? bySlug[target.getAttribute("data-slug")] : null;
    }
    // Heard on the figure: Chromium makes an SVG element with focus listeners a Tab stop.
    figure.addEventListener("keydown", function (e) {
      var item = itemOf(e.target);
      if (!item || e.altKey || e.ctrlKey || e.metaKey) return;
      if (MOVES[e.key]) {
        var next = nearest(item, MOVES[e.key][0], MOVES[e.key][1]);
        if (next) focus(next);
      } else if (e.key === "Home") {
        focus(items[0]);
      } else if (!more || !more(e, item)) {
        return;
      }
      e.preventDefault();
    });
    figure.addEventListener("focusin", function (e) {
      var item = itemOf(e.target);
      if (item) { take(item); moved(item, false); }
    });
    return { focus: focus };
  }

  /* A term's neighbourhood: highlighting, and one Tab stop with the arrow keys. */
  function Local(svg, figure) {
    Highlighter(svg, null);
    var items = [];
    each(svg.querySelectorAll("a.fg-graph__node"), function (el) {
      var circle = el.querySelector("circle");
      items.push({ el: el, x: parseFloat(circle.getAttribute("cx")),
                   y: parseFloat(circle.getAttribute("cy")) });
    });
    if (!items.length || !figure) return;
    Roving(figure, items, function (item, byKey) {
      if (byKey && item.el.scrollIntoView) item.el.scrollIntoView({ block: "nearest" });
    }, null);
    var help = figure.querySelector(".fg-graph__help");
    if (help) help.hidden = false;
  }

  /* The Graph page's drawing. */
  function Overview(svg, figure) {
    var box = svg.viewBox.baseVal;
    var W = box.width, H = box.height;
    var view = { x: 0, y: 0, w: W, h: H };
    var boosted = [];
    var canvas = document.createElement("canvas").getContext("2d");
    var items = [], bySlug = {};
    // The build draws the most linked terms last (on top): walk them first.
    var elements = Array.prototype.slice.call(svg.querySelectorAll("a.fg-graph__node"));
    elements.reverse().forEach(function (el) {
      var circle = el.querySelector("circle"), text = el.querySelector("text");
      var size = /fg-graph__node--size-(\d)/.exec(el.getAttribute("class") || "");
      // The title is the name, and the first tag in brackets when there is one.
      var title = el.querySelector("title"), tag = el.getAttribute("data-tag") || "";
      var named = /^([\s\S]*) \(([^()]*)\)$/.exec(title ? title.textContent : "");
      var item = {
        el: el, slug: el.getAttribute("data-slug"), tag: tag,
        text: text, where: null, labelled: false, widths: {},
        name: tag && named ? named[1] : title ? title.textContent : "",
        tagName: tag && named ? named[2] : "",
        x: parseFloat(circle.getAttribute("cx")), y: parseFloat(circle.getAttribute("cy")),
        r: RADII[size ? +size[1] : 0]
      };
      if (text) {
        text.classList.add("fg-graph__label--live");
        // The build's labels for other widths go: this script places one label per term.
        each(el.querySelectorAll("text"), function (t) { if (t !== text) t.remove(); });
      }
      items.push(item);
      bySlug[item.slug] = item;
    });
    if (!items.length) return;

    function width(item, bold) {
      var key = bold ? "b" : "n";
      if (!(key in item.widths)) {
        var style = getComputedStyle(item.text);
        canvas.font = (bold ? "700 " : "400 ") + FONT + "px " + style.fontFamily;
        item.widths[key] = canvas.measureText(item.text.textContent).width;
      }
      return item.widths[key];
    }

    function scale() {
      var rect = svg.getBoundingClientRect();
      return rect.width ? rect.width / view.w : 0;
    }

    function offsets(where, r) {
      if (where === "right") return [r + 3, (ASCENT - DESCENT) / 2 * FONT, "start"];
      if (where === "left") return [-(r + 3), (ASCENT - DESCENT) / 2 * FONT, "end"];
      if (where === "below") return [0, r + 2 + ASCENT * FONT, "middle"];
      return [0, -(r + 2 + DESCENT * FONT), "middle"];
    }

    function labelBox(x, y, w, where, r) {
      var o = offsets(where, r), ax = x + o[0], base = y + o[1];
      var x0 = o[2] === "start" ? ax : o[2] === "end" ? ax - w : ax - w / 2;
      return [x0, base - ASCENT * FONT, x0 + w, base + DESCENT * FONT];
    }

    function Grid() { this.cells = {}; }
    Grid.prototype.keys = function (b, fn) {
      for (var gx = Math.floor(b[0] / 64); gx <= Math.floor(b[2] / 64); gx++) {
        for (var gy = Math.floor(b[1] / 64); gy <= Math.floor(b[3] / 64); gy++) fn(gx + "," + gy);
      }
    };
    Grid.prototype.add = function (b) {
      var cells = this.cells;
      this.keys(b, function (k) { (cells[k] = cells[k] || []).push(b); });
    };
    Grid.prototype.hits = function (b, pad) {
      var cells = this.cells, hit = false;
      this.keys([b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad], function (k) {
        (cells[k] || []).forEach(function (o) {
          if (b[0] < o[2] + pad && o[0] < b[2] + pad && b[1] < o[3] + pad && o[1] < b[3] + pad) {
            hit = true;
          }
        });
      });
      return hit;
    };

    function setLabel(item, where) {
      if (where && where !== item.where) {
        var o = offsets(where, item.r);
        item.text.setAttribute("dx", (o[0] / FONT).toFixed(3) + "em");
        item.text.setAttribute("dy", (o[1] / FONT).toFixed(3) + "em");
        item.text.setAttribute("text-anchor", o[2]);
        item.where = where;
      }
      if (!!where !== item.labelled) {
        item.el.classList.toggle("is-labelled", !!where);
        item.labelled = !!where;
      }
    }

    // The greedy pass of graph.py's overview_labels, in screen pixels, at this zoom.
    function place() {
      pending = false;
      var k = scale();
      if (!k || !items[0].text) return;
      var cw = view.w * k, ch = view.h * k;
      var kept = new Grid(), dots = new Grid();
      var first = {}, order = [];
      boosted.forEach(function (slug) {
        if (bySlug[slug] && !first[slug]) { first[slug] = true; order.push(bySlug[slug]); }
      });
      items.forEach(function (item) { if (!first[item.slug]) order.push(item); });
      order.forEach(function (item, i) {
        var sx = (item.x - view.x) * k, sy = (item.y - view.y) * k, r = item.r;
        if (sx < -r || sy < -r || sx > cw + r || sy > ch + r) { setLabel(item, null); return; }
        var bold = i === 0 && item.el.classList.contains("is-active");
        var w = width(item, bold), chosen = null, dot = [sx - r, sy - r, sx + r, sy + r];
        // A dot under a name placed before is not named: its name would point at nothing.
        var c = kept.hits(dot, 0) ? CANDIDATES.length : 0;
        for (; c < CANDIDATES.length && !chosen; c++) {
          var b = labelBox(sx, sy, w, CANDIDATES[c], r);
          if (b[0] >= 0 && b[1] >= 0 && b[2] <= cw && b[3] <= ch && !dots.hits(b, 0) &&
              !kept.hits(b, PAD)) {
            kept.add(b);
            chosen = CANDIDATES[c];
          }
        }
        setLabel(item, chosen);
        dots.add(dot);
      });
    }

    var pending = false;
    function schedule() {
      if (!pending) { pending = true; window.requestAnimationFrame(place); }
    }

    function apply() {
      view.w = clamp(view.w, W / MAX_ZOOM, W);
      view.h = view.w * H / W;
      // Zoomed in, a term at the drawing's edge can still be brought to the middle.
      var mx = Math.min(view.w / 2, W - view.w), my = Math.min(view.h / 2, H - view.h);
      view.x = clamp(view.x, -mx, W - view.w + mx);
      view.y = clamp(view.y, -my, H - view.h + my);
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) {
        return +v.toFixed(2);
      }).join(" "));
      var k = scale();
      if (k) svg.style.fontSize = (FONT / k).toFixed(4) + "px";
      svg.classList.toggle("is-zoomed", view.w < W - 0.01);
      schedule();
    }

    function zoomAt(factor, cx, cy) {
      var w = clamp(view.w / factor, W / MAX_ZOOM, W);
      view.x = cx - (cx - view.x) * (w / view.w);
      view.y = cy - (cy - view.y) * (w / view.w);
      view.w = w;
      apply();
    }

    function zoomCentre(factor) { zoomAt(factor, view.x + view.w / 2, view.y + view.h / 2); }

    function toSvg(clientX, clientY) {
      var rect = svg.getBoundingClientRect(), k = scale();
      return { x: view.x + (clientX - rect.left) / k, y: view.y + (clientY - rect.top) / k };
    }

    function show(item, zoom) {
      if (zoom && view.w > W / zoom) view.w = W / zoom;
      var margin = view.w * 0.12;
      if (zoom || item.x < view.x + margin || item.x > view.x + view.w - margin ||
          item.y < view.y + margin || item.y > view.y + view.h - margin) {
        view.x = item.x - view.w / 2;
        view.y = item.y - view.w * H / W / 2;
      }
      apply();
    }

    // --- pointer: drag to pan, pinch to zoom, Ctrl/Cmd + wheel to zoom -------------------
    var pointers = {}, drag = null, pinch = null, dragged = false;
    function count() { return Object.keys(pointers).length; }
    function two() {
      var p = Object.keys(pointers).map(function (id) { return pointers[id]; });
      return { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1,
               x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
    }
    svg.addEventListener("pointerdown", function (e) {
      if (e.pointerType === "mouse" && e.button !== 0) return;
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      if (count() === 1) {
        drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, id: e.pointerId };
        dragged = false;
      } else if (count() === 2) {
        var t = two();
        pinch = { d: t.d, w: view.w, at: toSvg(t.x, t.y) };
        drag = null;
      }
    });
    svg.addEventListener("pointermove", function (e) {
      if (!(e.pointerId in pointers)) return;
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      if (pinch && count() === 2) {
        var t = two();
        var w = clamp(pinch.w * pinch.d / t.d, W / MAX_ZOOM, W);
        var rect = svg.getBoundingClientRect();
        view.w = w;
        view.x = pinch.at.x - (t.x - rect.left) * w / rect.width;
        view.y = pinch.at.y - (t.y - rect.top) * w / rect.width;
        dragged = true;
        apply();
      } else if (drag && e.pointerId === drag.id) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (!dragged && Math.hypot(dx, dy) < 5) return;
        if (!dragged) {
          dragged = true;
          svg.classList.add("is-dragging");
          try { svg.setPointerCapture(e.pointerId); } catch (err) { /* gone already */ }
        }
        var k = scale();
        view.x = drag.vx - dx / k;
        view.y = drag.vy - dy / k;
        apply();
      }
    });
    function release(e) {
      delete pointers[e.pointerId];
      if (count() < 2) pinch = null;
      if (count() === 0) { drag = null; svg.classList.remove("is-dragging"); }
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    // A drag that ends on a term must not open it.
    svg.addEventListener("click", function (e) {
      if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; }
    }, true);
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) return;  // a plain wheel scrolls the page
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoomAt(Math.exp(-clamp(e.deltaY, -100, 100) * 0.01), p.x, p.y);
    }, { passive: false });

    // --- keyboard: one Tab stop, the arrow keys move between terms --------------------
    var keys = Roving(figure, items, function (item) { show(item, 0); },
                      function (e, item) {
      if (e.key === "+" || e.key === "=") zoomAt(1.5, item.x, item.y);
      else if (e.key === "-" || e.key === "_") zoomAt(1 / 1.5, item.x, item.y);
      else if (e.key === "0") { view = { x: 0, y: 0, w: W, h: H }; apply(); }
      else if (e.key === "Escape") { marks.state.found = null; marks.paint(); }
      else return false;
      return true;
    });

    var marks = Highlighter(svg, function (slugs) { boosted = slugs; schedule(); });

    // --- tools: find box, zoom buttons, status ----------------------------------------
    var tools = figure.querySelector(".fg-graph__tools");
    var status = figure.querySelector(".fg-graph__status");
    function say(text) { if (status) status.textContent = text; }
    if (tools) {
      var form = tools.querySelector(".fg-graph__find");
      var input = tools.querySelector("input");
      var list = tools.querySelector("datalist");
      items.slice().sort(function (a, b) { return a.name.localeCompare(b.name); })
        .forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.name;
          list.appendChild(option);
        });
      var match = function (query) {
        var q = query.trim().toLowerCase(), found = null, prefix = null, part = null;
        if (!q) return null;
        items.forEach(function (item) {
          var name = item.name.toLowerCase();
          if (name === q) found = found || item;
          else if (name.indexOf(q) === 0) prefix = prefix || item;
          else if (name.indexOf(q) >= 0) part = part || item;
        });
        return found || prefix || part;
      };
      var select = function (item, moveFocus) {
        marks.state.found = item.slug;
        marks.paint();
        show(item, items.length > 150 ? 4 : 1.5);
        var n = (marks.links[item.slug] || []).length;
        say("Found " + item.name + (item.tagName ? " (" + item.tagName + ")" : "") +
            ", linked with " + n + (n === 1 ? " term." : " terms.") +
            (moveFocus ? " Press Enter to open it." : ""));
        if (moveFocus) keys.focus(item);
      };
      var find = function () {
        var item = match(input.value);
        if (item) select(item, true);
        else say(input.value.trim() ? "No term matches “" + input.value.trim() + "”." : "");
      };
      form.querySelector("button").addEventListener("click", find);
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); find(); }
      });
      input.addEventListener("input", function () {  // a suggestion picked from the list
        var q = input.value.trim().toLowerCase();
        for (var i = 0; i < items.length; i++) {
          if (items[i].name.toLowerCase() === q) { select(items[i], false); return; }
        }
      });
      each(tools.querySelectorAll("[data-zoom]"), function (button) {
        button.addEventListener("click", function () {
          var how = button.getAttribute("data-zoom");
          if (how === "in") zoomCentre(1.5);
          else if (how === "out") zoomCentre(1 / 1.5);
          else { view = { x: 0, y: 0, w: W, h: H }; apply(); }
        });
      });
      tools.hidden = false;
    }
    var help = figure.querySelector(".fg-graph__help");
    if (help) help.hidden = false;

    // --- the key: each tag a button that highlights its terms ---------------------------
    var legend = figure.nextElementSibling;
    if (legend && legend.classList.contains("fg-graph__legend")) {
      var buttons = [];
      each(legend.querySelectorAll("li[data-tag]"), function (li) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "fg-graph__tag";
        button.setAttribute("aria-pressed", "false");
        while (li.firstChild) button.appendChild(li.firstChild);
        li.appendChild(button);
        buttons.push(button);
        button.addEventListener("click", function () {
          var tag = li.getAttribute("data-tag");
          var on = marks.state.tag !== tag;
          marks.state.tag = on ? tag : null;
          buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
          button.setAttribute("aria-pressed", on ? "true" : "false");
          marks.paint();
        });
      });
      legend.classList.add("is-live");
    }

    svg.classList.add("is-live");
    if (window.ResizeObserver) new ResizeObserver(apply).observe(svg);
    apply();
  }

  function setup(svg) {
    if (svg.dataset.fgGraphReady) return;
    svg.dataset.fgGraphReady = "1";
    if (svg.hasAttribute("data-fg-overview")) Overview(svg, svg.closest("figure"));
    else Local(svg, svg.closest("figure"));
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

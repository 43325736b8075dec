/* Flywheel Glossary embed: preview cards for links to glossary terms on other sites.
 *
 * Usage, on any page:  <script src="https://GLOSSARY/embed.js" defer></script>
 * Every link to a term page of that glossary (/terms/<slug>/) then shows a card with the
 * term's name, level and summary and a "Read more" link on hover and keyboard focus; Esc,
 * moving away or leaving the link closes it. The terms come from terms.json beside this
 * script. Its text is treated as untrusted: it is only ever set with textContent, and only
 * http(s) addresses become links. No library, no cookies, nothing else is fetched.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src || !window.fetch || !window.URL) return;
  var dataUrl = new URL("terms.json", script.src);
  var terms = null;           // page key -> term
  var card = null, parts = null, current = null, quiet = null, showTimer = 0, hideTimer = 0;
  var uid = "fg-embed-" + Math.random().toString(36).slice(2, 8);

  function key(href, base) {
    // Origin and path, without query, anchor or index.html, with a trailing slash.
    var u;
    try { u = new URL(href, base); } catch (e) { return null; }
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    var path = u.pathname.replace(/index\.html$/, "");
    if (path.slice(-1) !== "/") path += "/";
    return u.origin + path;
  }

  function text(value, max) {
    return typeof value === "string" ? value.slice(0, max) : "";
  }

  function load(data) {
    var map = new Map();
    var rows = data && Array.isArray(data.terms) ? data.terms : [];
    rows.forEach(function (row) {
      if (!row || typeof row !== "object") return;
      var k = key(text(row.url, 2000) || text(row.path, 2000), dataUrl);
      if (k && /\/terms\/[a-z0-9-]+\/$/.test(k)) {
        map.set(k, {
          href: k,
          term: text(row.term, 200),
          summary: text(row.summary, 400),
          level: text(row.level, 40)
        });
      }
    });
    terms = map;
  }

  var STYLE = [
    ".fg-embed-card{position:absolute;z-index:2147483000;display:block;box-sizing:border-box;",
    "width:max-content;max-width:min(22rem,calc(100vw - 1rem));padding:.75rem .9rem;",
    "border:1px solid #c5c8d4;border-radius:.4rem;background:#fff;color:#1f2330;",
    "box-shadow:0 .3rem 1rem rgba(0,0,0,.18);font:14px/1.45 system-ui,-apple-system,",
    "'Segoe UI',Roboto,sans-serif;text-align:left;white-space:normal}",
    ".fg-embed-card[hidden]{display:none}",
    ".fg-embed-card .fg-embed-name{display:block;font-weight:700;font-size:15px}",
    ".fg-embed-card .fg-embed-level{display:inline-block;margin:.2rem 0 .35rem;padding:0 .4rem;",
    "border-radius:.6rem;background:#e8eaf6;color:#283593;font-size:12px}",
    ".fg-embed-card .fg-embed-summary{display:block;margin:0 0 .4rem}",
    ".fg-embed-card .fg-embed-more{color:#283593;text-decoration:underline}",
    ".fg-embed-card .fg-embed-more:focus-visible{outline:2px solid #283593;outline-offset:2px}",
    "@media (prefers-color-scheme:dark){.fg-embed-card{background:#1f2330;color:#e8eaf0;",
    "border-color:#4a4f63}.fg-embed-card .fg-embed-level{background:#303650;color:#c5cae9}",
    ".fg-embed-card .fg-embed-more{color:#9fa8da}}"
  ].join("");

  function span(cls) {
    var el = document.createElement("span");
    el.className = cls;
    return el;
  }

  function build() {
    try {
      // A constructed stylesheet also works under a Content-Security-Policy without
      // 'unsafe-inline' styles; older browsers get a <style> element.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      document.adoptedStyleSheets = Array.from(document.adoptedStyleSheets).concat([sheet]);
    } catch (e) {
      var style = document.createElement("style");
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    card = span("fg-embed-card");
    card.id = uid;
    card.setAttribute("role", "group");
    card.hidden = true;
    parts = {
      name: span("fg-embed-name"),
      level: span("fg-embed-level"),
      summary: span("fg-embed-summary"),
      more: document.createElement("a")
    };
    parts.summary.id = uid + "-summary";
    parts.more.className = "fg-embed-more";
    parts.more.textContent = "Read more";
    card.appendChild(parts.name);
    card.appendChild(parts.level);
    card.appendChild(parts.summary);
    card.appendChild(parts.more);
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", scheduleHide);
  }

  function place(link) {
    // The card follows the link in the document, so Tab moves from the link to "Read more".
    link.insertAdjacentElement("afterend", card);
    card.style.left = card.style.top = "0px";
    var r = link.getBoundingClientRect();
    var parent = card.offsetParent;
    var left = r.left + window.scrollX, top = r.bottom + window.scrollY + 6;
    if (parent && getComputedStyle(parent).position !== "static") {
      var p = parent.getBoundingClientRect();
      left = r.left - p.left + parent.scrollLeft - parent.clientLeft;
      top = r.bottom - p.top + parent.scrollTop - parent.clientTop + 6;
    }
    var overflow = r.left + card.offsetWidth - (document.documentElement.clientWidth - 8);
    if (overflow > 0) left -= Math.min(overflow, r.left - 8);
    card.style.left = left + "px";
    card.style.top = top + "px";
  }

  function show(link, term) {
    clearTimeout(hideTimer);
    if (!card) build();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    parts.name.textContent = term.term;
    parts.level.textContent = term.level ? term.level.charAt(0).toUpperCase() +
      term.level.slice(1) : "";
    parts.level.hidden = !term.level;
    parts.summary.textContent = term.summary;
    parts.more.href = term.href;
    parts.more.setAttribute("aria-label", "Read more about " + term.term);
    card.setAttribute("aria-label", "Preview: " + term.term);
    card.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", parts.summary.id);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function termLink(target) {
    if (!terms || !target || !target.closest) return null;
    var link = target.closest("a[href]");
    if (!link || (card && card.contains(link))) return null;
    var term = terms.get(key(link.href, document.baseURI));
    return term ? { link: link, term: term } : null;
  }

  function inside(node) {
    return !!node && ((card && card.contains(node)) || (current && current.contains(node)));
  }

  document.addEventListener("mouseover", function (event) {
    var hit = termLink(event.target);
    if (!hit) return;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (hit.link === current && !card.hidden) return;
    showTimer = setTimeout(function () { show(hit.link, hit.term); }, 120);
  });
  document.addEventListener("mouseout", function (event) {
    var hit = termLink(event.target);
    if (hit && !inside(event.relatedTarget) && document.activeElement !== hit.link) {
      scheduleHide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var hit = termLink(event.target);
    if (hit) { if (hit.link !== quiet) show(hit.link, hit.term); }
    else if (!inside(event.target)) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (current && !inside(event.relatedTarget)) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !card || card.hidden) return;
    var back = card.contains(document.activeElement) ? current : null;
    hide();
    if (back) { quiet = back; back.focus(); quiet = null; }
  });

  fetch(dataUrl.href, { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(load)
    .catch(function () { terms = new Map(); });
})();

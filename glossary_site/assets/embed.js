/* Flywheel Glossary preview cards, for the glossary site itself and for other sites.
 *
 * Usage, on any page:  <script src="https://GLOSSARY/embed.js" defer></script>
 * Every link to a term page of that glossary (/terms/<slug>/) then shows a card with the
 * term's name, level and summary and a "Read more" link on hover and keyboard focus; Esc,
 * moving away or leaving the link closes it. No card for a link to the page itself, nor
 * where the term's summary is printed beside the link; an open card adds no Tab stop. The terms come from terms.json beside this
 * script. A citation on a term page (a link to its own #source-<key>) previews that source
 * the same way: its title, and a link to it. Its text is treated as untrusted: it is only ever set with textContent, and only
 * http(s) addresses become links. No library, no cookies, nothing else is fetched.
 *
 * The glossary's own pages load this same script. On a Material for MkDocs page only links
 * in the page content (.md-content) get a card, not the navigation, and the card takes its
 * colours and font from Material's palette (--md-* custom properties, light or dark); a page
 * without them gets the defaults below. The card is absolutely positioned: nothing moves.
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

  var TERM = /\/terms\/[a-z0-9-]+\/$/;

  function load(data) {
    var map = new Map();
    var rows = data && Array.isArray(data.terms) ? data.terms : [];
    rows.forEach(function (row) {
      if (!row || typeof row !== "object") return;
      // The published url (with site_url set) and the path beside this script: the same
      // term whether the links use the public address or the one the site is served from.
      // A url that is there but not http(s) spoils the row.
      var url = row.url ? key(text(row.url, 2000), dataUrl) : null;
      var path = row.path ? key(text(row.path, 2000), dataUrl) : null;
      var href = row.url ? url : path;
      if (!href || !TERM.test(href)) return;
      var term = {
        href: href,
        term: text(row.term, 200),
        summary: text(row.summary, 400),
        level: text(row.level, 40)
      };
      [url, path].forEach(function (k) { if (k && TERM.test(k) && !map.has(k)) map.set(k, term); });
    });
    terms = map;
  }

  // Material's custom properties when the page has them (the glossary site, light or dark),
  // else the defaults after the comma.
  var STYLE = [
    ".fg-embed-card{position:absolute;z-index:2147483000;display:block;box-sizing:border-box;",
    "width:max-content;max-width:min(22rem,calc(100vw - 1rem));padding:.75rem .9rem;",
    "border:1px solid var(--md-default-fg-color--lighter,#c5c8d4);border-radius:.4rem;",
    "background:var(--md-default-bg-color,#fff);color:var(--md-default-fg-color,#1f2330);",
    "box-shadow:var(--md-shadow-z2,0 .3rem 1rem rgba(0,0,0,.18));",
    "font:14px/1.45 var(--md-text-font-family,system-ui,-apple-system,'Segoe UI',Roboto,",
    "sans-serif);text-align:left;white-space:normal;text-transform:none;letter-spacing:normal}",
    ".fg-embed-card[hidden]{display:none}",
    ".fg-embed-card .fg-embed-name{display:block;font-weight:700;font-size:15px}",
    ".fg-embed-card .fg-embed-level{display:inline-block;margin:.2rem 0 .35rem;padding:0 .4rem;",
    "border-radius:.6rem;background:var(--md-default-fg-color--lightest,#e8eaf6);",
    "color:var(--md-default-fg-color,#283593);font-size:12px}",
    ".fg-embed-card .fg-embed-summary{display:block;margin:0 0 .4rem}",
    ".fg-embed-card .fg-embed-more{color:var(--md-typeset-a-color,#283593);",
    "text-decoration:underline}",
    ".fg-embed-card .fg-embed-more:focus-visible{outline:2px solid ",
    "var(--md-typeset-a-color,#283593);outline-offset:2px}",
    "@media (prefers-color-scheme:dark){.fg-embed-card{",
    "background:var(--md-default-bg-color,#1f2330);color:var(--md-default-fg-color,#e8eaf0);",
    "border-color:var(--md-default-fg-color--lighter,#4a4f63)}",
    ".fg-embed-card .fg-embed-level{background:var(--md-default-fg-color--lightest,#303650);",
    "color:var(--md-default-fg-color,#c5cae9)}",
    ".fg-embed-card .fg-embed-more{color:var(--md-typeset-a-color,#9fa8da)}}"
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
    parts.more.tabIndex = -1;  // the link itself goes there: an open card adds no Tab stop
    card.appendChild(parts.name);
    card.appendChild(parts.level);
    card.appendChild(parts.summary);
    card.appendChild(parts.more);
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", scheduleHide);
  }

  function place(link) {
    // The card follows the link in the document (Tab still goes on to the next link).
    link.insertAdjacentElement("afterend", card);
    card.style.left = card.style.top = "0px";
    var r = link.getBoundingClientRect(), height = card.offsetHeight;
    // Below the link, or above it when only there the card fits in the window.
    var y = r.bottom + 6 + height > window.innerHeight && r.top - height - 6 > 0
      ? r.top - height - 6 : r.bottom + 6;
    var parent = card.offsetParent;
    var left = r.left + window.scrollX, top = y + window.scrollY;
    if (parent && getComputedStyle(parent).position !== "static") {
      var p = parent.getBoundingClientRect();
      left = r.left - p.left + parent.scrollLeft - parent.clientLeft;
      top = y - p.top + parent.scrollTop - parent.clientTop;
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
    parts.more.textContent = term.more || "Read more";
    parts.more.setAttribute("aria-label", term.more ? term.more + ": " + term.summary
                                                    : "Read more about " + term.term);
    card.setAttribute("aria-label", "Preview: " + (term.more ? term.summary : term.term));
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

  function sourceCard(link) {
    // A citation: the entry of this page's Sources list that it points at.
    var id = (link.getAttribute("href") || "").slice(1);
    var entry = id.indexOf("source-") === 0 ? document.getElementById(id) : null;
    var anchor = entry && entry.tagName === "LI" ? entry.querySelector("a[href]") : null;
    if (!anchor || !/^https?:$/.test(anchor.protocol)) return null;
    return { link: link, term: { term: "Source", level: "", summary: anchor.textContent,
                                 href: anchor.href, more: "Open at " + anchor.hostname } };
  }

  function termLink(target) {
    if (!target || !target.closest) return null;
    var link = target.closest("a[href]");
    if (!link || (card && card.contains(link))) return null;
    // On a Material page (the glossary itself): links in the content, not the navigation.
    if (!link.closest(".md-content") && document.querySelector(".md-content")) return null;
    if ((link.getAttribute("href") || "").indexOf("#source-") === 0) return sourceCard(link);
    if (!terms) return null;
    var where = key(link.href, document.baseURI);
    var term = terms.get(where);
    // No card for the page the reader is on (its title, its section anchors), nor where
    // the summary is printed beside the link already (the A–Z, a lesson's list).
    if (!term || where === key(location.href, location.href)) return null;
    var item = link.closest("li, p, td, dd");
    var beside = item ? item.textContent : "";
    if (card && item && item.contains(card)) beside = beside.replace(card.textContent, "");
    if (term.summary && beside.indexOf(term.summary.slice(0, 80)) >= 0) return null;
    return { link: link, term: term };
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
    .then(function (data) {
      load(data);
      // A link focused or hovered before the terms arrived gets its card now.
      var hit = termLink(document.activeElement) ||
        termLink(document.querySelector("a[href]:hover"));
      if (hit) show(hit.link, hit.term);
    })
    .catch(function () { terms = new Map(); });
})();

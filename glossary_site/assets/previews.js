/*
 * Flywheel Glossary previews: hovering or focusing a link to a term shows a card with the
 * term's name, summary and level, read from the site's own terms.json (fetched once, on the
 * first hover or focus). Links in the page content only: the text, related and mentions
 * lists, the A–Z, tag and lesson pages.
 *
 * The card is one absolutely positioned element (no layout shift), filled with textContent
 * only, tied to the link with aria-describedby; Esc closes it. Without JavaScript, or if
 * terms.json cannot be read, links simply work as links.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script) return;
  // This file is served from <root>/assets/javascripts/: the site root is two levels up.
  const root = new URL("../../", script.src);
  const termsRoot = root.pathname + "terms/";
  let index = null; // Promise<Map<pathname, row>>
  let current = null; // the link the card describes

  function load() {
    if (!index) {
      index = fetch(new URL("terms.json", root))
        .then((response) => (response.ok ? response.json() : { terms: [] }))
        .then((data) => new Map((data.terms || []).map((row) => [new URL(row.path, root).pathname, row])))
        .catch(() => new Map());
    }
    return index;
  }

  const card = document.createElement("div");
  card.className = "fg-preview";
  card.id = "fg-preview";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  const nameEl = document.createElement("strong");
  nameEl.className = "fg-preview__name";
  const summaryEl = document.createElement("span");
  summaryEl.className = "fg-preview__summary";
  const levelEl = document.createElement("span");
  levelEl.className = "fg-preview__level";
  card.append(nameEl, summaryEl, levelEl);

  function termLink(target) {
    const link = target && target.closest ? target.closest("a[href]") : null;
    if (!link || !link.closest(".md-content") || card.contains(link)) return null;
    const url = new URL(link.href, location.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(termsRoot)) return null;
    return link;
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = card.offsetWidth;
    const height = card.offsetHeight;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    const below = box.bottom + 8;
    const top = below + height > window.innerHeight && box.top - height - 8 > 0
      ? box.top - height - 8
      : below;
    card.style.left = `${left + window.scrollX}px`;
    card.style.top = `${top + window.scrollY}px`;
  }

  async function show(link) {
    current = link;
    const terms = await load();
    if (current !== link) return;
    const row = terms.get(new URL(link.href, location.href).pathname);
    if (!row) return;
    nameEl.textContent = row.term;
    summaryEl.textContent = row.summary;
    levelEl.textContent = row.level ? `Level: ${row.level}` : "";
    if (!card.isConnected) document.body.append(card);
    card.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", card.id);
  }

  function hide() {
    card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  document.addEventListener("mouseover", (event) => {
    const link = termLink(event.target);
    if (link && link !== current) show(link);
  });
  document.addEventListener("mouseout", (event) => {
    const link = termLink(event.target);
    if (link && link === current && !link.contains(event.relatedTarget)
        && document.activeElement !== link) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = termLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", (event) => {
    if (termLink(event.target) === current) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !card.hidden) hide();
  });
  window.addEventListener("resize", () => { if (current && !card.hidden) place(current); });
})();

/*
 * Flywheel Glossary search: a term ranks first for its name; a one-letter typo still finds it;
 * what the reader sees speaks only of the words they typed.
 *
 * Material's search box sends each query to its search worker as {type: 2, data: query}
 * (SearchMessageType.QUERY in Material 9.x). This adds lunr's fuzzy form (word~1: one edit
 * away) of each plain word of five letters or more. Material still adds its prefix wildcard
 * to the words as typed, so exact and prefix matches keep ranking first. Queries that use
 * lunr's own syntax are left alone. A multi-word query also gets its words joined into one
 * token ("network_effects"), which only a term page's "names" field holds, so the term
 * named exactly so ranks first.
 *
 * The worker answers {type: 3, data: {items}}; each item's "terms" maps every query term to
 * whether the item matched it, and Material prints the unmatched ones as "Missing: …" and
 * puts the matched ones in the result's link (?h=…, for highlighting on the page). Before
 * Material reads an answer, its terms are put back into the reader's words: the added
 * tokens go, a word counts as found when its joined token or its fuzzy form matched, and a
 * word found by its fuzzy form is highlighted as the page spells it ("flywhel" → "flywheel").
 *
 * On a page opened from a result, Material marks the ?h= words wherever they occur, even
 * inside other words ("ai" in "training"). Marks that do not start a word are removed, and
 * so are marks of short words (under four letters) that end inside a longer word, except
 * before a plural "s" (LLMs).
 */
(function () {
  "use strict";

  const QUERY = 2;
  const RESULT = 3;
  const FUZZY_MIN = 5; // letters a word needs for its fuzzy form
  const FUZZY_WORD = /^\p{L}{5,}$/u;
  const PREFIX_MIN = 4; // letters a mark needs to stay as the start of a longer word
  const post = Worker.prototype.postMessage;
  const pending = new WeakMap(); // worker → the queries it has yet to answer, in order

  function words(query) {
    return query.trim().split(/[\s\-]+/).filter(Boolean);
  }

  function expand(query) {
    if (/[~^:*"]/.test(query)) return { data: query, extra: null };
    const typed = words(query);
    const extra = typed
      .filter((word) => FUZZY_WORD.test(word))
      .map((word) => `${word}~1`);
    // A multi-word query also looks for a term named exactly so: its page's "names" field
    // holds each name as one token (glossary_site/emit/search.py).
    let joined = null;
    if (typed.length > 1) {
      joined = typed.join("_").toLowerCase();
      extra.push(joined, `${joined}~1`);
    }
    if (!extra.length) return { data: query, extra: null };
    return { data: `${query} ${extra.join(" ")}`, extra: { joined } };
  }

  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      const { data, extra } = expand(message.data);
      if (!pending.has(this)) pending.set(this, []);
      pending.get(this).push(extra);
      message = { ...message, data };
    }
    return post.call(this, message, ...rest);
  };

  /* One edit (insert, delete or change a letter) or none from a to b. */
  function near(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length || i === b.length) return true;
    return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) ||
      a.slice(i + 1) === b.slice(i);
  }

  /* The words the worker marked in an item (title, text, tags, names), lowercased. */
  function marked(item) {
    const found = [];
    for (const value of Object.values(item)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        if (typeof text !== "string" || !text.includes("<mark>")) continue;
        for (const [, inner] of text.matchAll(/<mark>(.*?)<\/mark>/g)) {
          found.push(inner.replace(/<[^>]*>/g, "").toLowerCase());
        }
      }
    }
    return found;
  }

  /* The spelling on the page of a word found only by its fuzzy form, or null. */
  function spelled(word, item) {
    if (word.length < FUZZY_MIN) return null;
    for (const mark of marked(item)) {
      for (const size of [word.length + 1, word.length, word.length - 1]) {
        if (mark.length >= size && near(word, mark.slice(0, size))) return mark.slice(0, size);
      }
    }
    return null;
  }

  /* An item's terms in the reader's words. */
  function readerTerms(terms, extra, item) {
    const joined = extra.joined;
    const all = joined !== null && terms[joined] === true;
    const result = {};
    for (const [term, found] of Object.entries(terms)) {
      if (term === joined) continue;
      if (found || all) {
        result[term] = true;
        continue;
      }
      const spelling = spelled(term, item);
      if (spelling === null) result[term] = false;
      else result[spelling] = true;
    }
    return result;
  }

  function rewrite(data, extra) {
    if (!extra || !data || !Array.isArray(data.items)) return;
    for (const group of data.items) {
      for (const item of group) {
        if (item && item.terms) item.terms = readerTerms(item.terms, extra, item);
      }
    }
  }

  // Material reads the worker's answers from its "message" events: rewrite each answer the
  // first time it is read (Material's listener was added before this script ran).
  const dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data");
  const seen = new WeakSet(); // events whose answer was rewritten
  if (dataOf && dataOf.get && dataOf.configurable) {
    Object.defineProperty(MessageEvent.prototype, "data", {
      ...dataOf,
      get() {
        const data = dataOf.get.call(this);
        const queue = this.target instanceof Worker ? pending.get(this.target) : undefined;
        if (queue && data && typeof data === "object" && data.type === RESULT &&
            !seen.has(this)) {
          seen.add(this);
          rewrite(data.data, queue.shift());
        }
        return data;
      },
    });
  }

  /* Highlighting on a page opened from a result. */
  const WORD = /[\p{L}\p{N}]/u;

  function edge(node, before) {
    const sibling = before ? node.previousSibling : node.nextSibling;
    const text = sibling ? sibling.textContent || "" : "";
    return before ? text.slice(-1) : text;
  }

  function wanted(mark) {
    if (WORD.test(edge(mark, true))) return false; // it starts inside a word
    const rest = edge(mark, false).match(/^[\p{L}\p{N}]*/u)[0];
    if (!rest) return true; // a whole word
    const last = (mark.textContent || "").split(/[^\p{L}\p{N}]+/u).pop();
    return last.length >= PREFIX_MIN || rest.toLowerCase() === "s";
  }

  function unmark(mark) {
    mark.replaceWith(document.createTextNode(mark.textContent || ""));
  }

  function tidy(nodes) {
    for (const node of nodes) {
      if (node.nodeName === "MARK" && node.hasAttribute("data-md-highlight") &&
          !wanted(node)) unmark(node);
    }
  }

  if (new URLSearchParams(location.search).has("h")) {
    tidy(document.querySelectorAll("mark[data-md-highlight]"));
    new MutationObserver((records) => {
      for (const record of records) tidy(record.addedNodes);
    }).observe(document.documentElement, { childList: true, subtree: true });
  }
})();

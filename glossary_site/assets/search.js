/*
 * Flywheel Glossary search: a term ranks first for its name; a one-letter typo still finds it.
 *
 * Material's search box sends each query to its search worker as {type: 2, data: query}
 * (SearchMessageType.QUERY in Material 9.x). This adds lunr's fuzzy form (word~1: one edit
 * away) of each plain word of five letters or more. Material still adds its prefix wildcard
 * to the words as typed, so exact and prefix matches keep ranking first. Queries that use
 * lunr's own syntax are left alone. A multi-word query also gets its words joined into one
 * token ("network_effects"), which only a term page's "names" field holds, so the term
 * named exactly so ranks first.
 */
(function () {
  "use strict";

  const QUERY = 2;
  const post = Worker.prototype.postMessage;

  function expand(query) {
    if (/[~^:*"]/.test(query)) return query;
    const words = query.trim().split(/[\s\-]+/).filter(Boolean);
    const extra = words
      .filter((word) => /^\p{L}{5,}$/u.test(word))
      .map((word) => `${word}~1`);
    // A multi-word query also looks for a term named exactly so: its page's "names" field
    // holds each name as one token (glossary_site/search.py).
    if (words.length > 1) {
      const joined = words.join("_").toLowerCase();
      extra.push(joined, `${joined}~1`);
    }
    return extra.length ? `${query} ${extra.join(" ")}` : query;
  }

  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { ...message, data: expand(message.data) };
    }
    return post.call(this, message, ...rest);
  };
})();

"""``terms.json``: every term's slug, name, summary, aliases, path, URL, lessons, tags and
dates (added, last reviewed, next review due), and where the Atom feed is."""

from __future__ import annotations

import json

from glossary_site.build.urls import term_url
from glossary_site.content.resolve import Glossary
from glossary_site.content.review import review_due
from glossary_site.emit import EmitOptions, Files
from glossary_site.emit.feed import PATH as FEED_PATH

PATH = "terms.json"


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """The machine-readable list of terms, A–Z (URLs absolute when ``site_url`` is set)."""
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""
    rows = []
    for slug in glossary.slugs_by_name():
        term = glossary.terms[slug]
        path = term_url(slug)
        rows.append({"slug": slug, "term": term.term, "summary": term.summary,
                     "level": term.level.value,
                     "aliases": term.aliases, "path": path, "url": base + path,
                     "lessons": term.lessons, "tags": term.tags,
                     "added": term.added.isoformat(), "reviewed": term.reviewed.isoformat(),
                     "review_due": (due.isoformat() if (due := review_due(
                         term.reviewed, term.review_every_months)) else None)})
    data = {"version": 1, "feed": base + FEED_PATH, "terms": rows}
    return {PATH: json.dumps(data, ensure_ascii=False, indent=1) + "\n"}

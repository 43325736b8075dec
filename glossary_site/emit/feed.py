"""``feed.xml``: an Atom feed of new and revised terms, newest first.

Each entry is a term: its name, summary, page and dates (``published``: added;
``updated``: last reviewed). Written with ElementTree, so every value is escaped XML (the
loader has already refused the control characters XML cannot hold). Entry ids are the
terms' absolute URLs when ``site_url`` is set, otherwise ``tag:`` URIs that never change;
either way the feed needs no clock, so builds stay the same.
"""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from glossary_site.build.urls import term_url
from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files

PATH = "feed.xml"
TITLE_SUFFIX = "new and revised terms"
_ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """The Atom feed (absolute links when ``site_url`` is set, else relative to the site)."""
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""
    name = options.site_name or "Glossary"
    # The namespace as a plain attribute: ET.register_namespace would change how every
    # other ElementTree user in the process (the MathML renderer) writes XML.
    feed = ET.Element("feed", xmlns=_ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        element.text = text
        return element

    slugs = sorted(glossary.terms, key=lambda s: (-glossary.terms[s].reviewed.toordinal(),
                                                  glossary.terms[s].term.casefold(), s))
    sub(feed, "title", f"{name}: {TITLE_SUFFIX}")
    sub(feed, "id", base + PATH if base else "tag:flywheel-glossary,2026:feed")
    sub(feed, "link", rel="alternate", href=base or "./")
    if base:
        sub(feed, "link", rel="self", href=base + PATH)
    latest = max((glossary.terms[s].reviewed for s in slugs), default=date(2026, 1, 1))
    sub(feed, "updated", _stamp(latest))
    sub(sub(feed, "author"), "name", name)
    for slug in slugs:
        term = glossary.terms[slug]
        entry = sub(feed, "entry")
        sub(entry, "title", term.term)
        url = base + term_url(slug)
        sub(entry, "id", url if base else f"tag:flywheel-glossary,2026:terms/{slug}")
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "published", _stamp(term.added))
        sub(entry, "updated", _stamp(term.reviewed))
        sub(entry, "summary", term.summary)
        for tag in term.tags:
            sub(entry, "category", term=tag)
    ET.indent(feed)
    xml = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return {PATH: f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'}

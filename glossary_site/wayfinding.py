"""Way-finding: the level of a term, the A–Z filter, and a table of contents for phones.

Term pages are not in the navigation, so on a phone Material's drawer shows no table of
contents. :func:`insert_phone_toc` replaces the marker the term template leaves below the
summary with a list of the page's sections (shown on small screens only, by CSS), built
from the page's own table of contents so every section is in it. The A–Z filter is a
hidden form in the A–Z that ``wayfinding.js`` shows and drives; without JavaScript the
A–Z stays a plain full list.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, StrictUndefined

from .graph import term_href
from .model import Level, slugify
from .resolve import Glossary

PHONE_TOC_MARKER = "<!-- glossary:phone-toc -->"
"""Left by the term template where the phone table of contents goes."""
SCRIPT_PATH = "assets/javascripts/wayfinding.js"
STYLE_PATH = "assets/stylesheets/wayfinding.css"
_ASSETS = Path(__file__).with_name("assets")

_ENV = Environment(loader=PackageLoader("glossary_site", "templates"), autoescape=True,
                   trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
                   auto_reload=False)  # package files: no stat per page


class TocItem(Protocol):
    """What the phone table of contents reads from a table-of-contents entry."""

    @property
    def title(self) -> str: ...  # noqa: D102

    @property
    def id(self) -> str: ...  # noqa: D102

    @property
    def level(self) -> int: ...  # noqa: D102

    @property
    def children(self) -> Iterable[TocItem]: ...  # noqa: D102


def _sections(toc: Iterable[TocItem]) -> list[tuple[str, str]]:
    """(anchor, title) of every level-2 heading, in page order."""
    found: list[tuple[str, str]] = []
    for item in toc:
        if item.level == 2:
            # Python-Markdown gives titles HTML-escaped; unescape once, Jinja escapes again.
            found.append((item.id, html.unescape(item.title)))
        else:
            found.extend(_sections(item.children))
    return found


def phone_toc(toc: Iterable[TocItem]) -> str:
    """The "On this page" list for small screens, or ``""`` when there are no sections."""
    sections = tuple(_sections(toc))
    return _render_phone_toc(sections) if sections else ""


@lru_cache(maxsize=256)
def _render_phone_toc(sections: tuple[tuple[str, str], ...]) -> str:
    """Rendered once per distinct list of sections: most term pages share theirs."""
    return _ENV.get_template("phone-toc.html.j2").render(sections=sections)


def insert_phone_toc(page_html: str, toc: Iterable[TocItem]) -> str:
    """Replace :data:`PHONE_TOC_MARKER` in a page's HTML with its phone table of contents."""
    at = page_html.find(PHONE_TOC_MARKER)
    if at < 0:
        return page_html
    return page_html[:at] + phone_toc(toc) + page_html[at + len(PHONE_TOC_MARKER):]


def az_letter(name: str) -> str:
    """The A–Z group of a name: its first letter without accents, upper case ("Über" → U,
    "ßeta" → S); "#" for names that start with anything else. One group per letter, so
    each letter heading (and its id ``letter-…``) appears once."""
    first = unicodedata.normalize("NFKD", name[:1])[:1].upper()[:1]
    return first if first.isalpha() else "#"


def az_context(glossary: Glossary, root: str = "",
               directory_urls: bool = True) -> dict[str, Any]:
    """What ``az.md.j2`` needs: items grouped by letter, with level and tag data; the tags."""
    items = []
    for slug in glossary.slugs_by_name():
        term = glossary.terms[slug]
        items.append({"slug": slug, "term": term.term, "summary": term.summary,
                      "level": term.level.value, "href": term_href(slug, root, directory_urls),
                      "tag_values": sorted({slugify(t) or "tag" for t in term.tags})})

    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(az_letter(str(item["term"])), []).append(item)
    tags = {slugify(tag) or "tag": tag for tag in glossary.tags()}
    return {"groups": sorted(groups.items(), key=lambda kv: (kv[0] != "#", kv[0])),
            "tags": sorted(tags.items(), key=lambda kv: kv[1].casefold()),
            "levels": [level.value for level in Level]}


def asset_files() -> dict[str, str]:
    """Site path → text of the way-finding script and stylesheet."""
    return {SCRIPT_PATH: (_ASSETS / "wayfinding.js").read_text(encoding="utf-8"),
            STYLE_PATH: (_ASSETS / "wayfinding.css").read_text(encoding="utf-8")}

"""Way-finding: the level of a term, the A–Z filter, and a table of contents for phones.

Term pages are not in the navigation, so on a phone Material's drawer shows no table of
contents. :func:`phone_toc` is the list of the page's sections that the term page carries
below its summary (shown on small screens only, by CSS). The A–Z filter is a
hidden form in the A–Z that ``wayfinding.js`` shows and drives; without JavaScript the
A–Z stays a plain full list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from glossary_site.build.urls import term_href
from glossary_site.content.model import Level, slugify
from glossary_site.content.resolve import Glossary
from glossary_site.render.templating import HTML

SCRIPT_PATH = "assets/javascripts/wayfinding.js"
_ASSETS = Path(__file__).parent.parent / "assets"

def phone_toc(sections: Iterable[tuple[str, str]]) -> Markup:
    """The "On this page" list for small screens (anchor, title of each section), or
    nothing when there are no sections."""
    found = tuple(sections)
    return _render_phone_toc(found) if found else Markup("")


@lru_cache(maxsize=256)
def _render_phone_toc(sections: tuple[tuple[str, str], ...]) -> Markup:
    """Rendered once per distinct list of sections: many term pages share theirs."""
    return Markup(HTML.get_template("phone-toc.html.j2").render(sections=sections).strip())


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
    """Site path → text of the way-finding script (its styles are in the readers' stylesheet)."""
    return {SCRIPT_PATH: (_ASSETS / "wayfinding.js").read_text(encoding="utf-8")}

"""Way-finding: the A–Z's letter groups and filter data, and the way-finding script.

The A–Z filter is a hidden form in the A–Z that ``wayfinding.js`` shows and drives; without
JavaScript the A–Z stays a plain full list. Term pages are not in the navigation, so on a
phone Material's drawer shows no table of contents: ``overrides/main.html`` draws a
floating "Contents" list from the page's own headings instead, which ``wayfinding.js``
closes after a jump or on Esc.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from glossary_site.build.urls import term_href
from glossary_site.content.model import Level, slugify
from glossary_site.content.resolve import Glossary

SCRIPT_PATH = "assets/javascripts/wayfinding.js"
_ASSETS = Path(__file__).parent.parent / "assets"


def az_letter(name: str) -> str:
    """The A–Z group of a name: its first letter without accents, upper case ("Über" → U,
    "ßeta" → S); "#" for names that start with anything else. One group per letter, so
    each letter heading (and its id ``letter-…``) appears once."""
    first = unicodedata.normalize("NFKD", name[:1])[:1].upper()[:1]
    return first if first.isalpha() else "#"


def az_context(glossary: Glossary, root: str = "",
               directory_urls: bool = True) -> dict[str, Any]:
    """What ``az.md.j2`` needs: items grouped by letter, with level and tag data; the tags."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for slug in glossary.slugs_by_name():
        term = glossary.terms[slug]
        groups.setdefault(az_letter(term.term), []).append({
            "slug": slug, "term": term.term, "summary": term.summary, "level": term.level.value,
            "href": term_href(slug, root, directory_urls),
            "tag_values": sorted({slugify(t) or "tag" for t in term.tags})})
    tags = {slugify(tag) or "tag": tag for tag in glossary.tags()}
    return {"groups": sorted(groups.items(), key=lambda kv: (kv[0] != "#", kv[0])),
            "tags": sorted(tags.items(), key=lambda kv: kv[1].casefold()),
            "levels": [level.value for level in Level]}


def asset_files() -> dict[str, str]:
    """Site path → text of the way-finding script (its styles are in the readers' stylesheet)."""
    return {SCRIPT_PATH: (_ASSETS / "wayfinding.js").read_text(encoding="utf-8")}

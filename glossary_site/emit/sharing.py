"""Structured data and sharing: JSON-LD ``DefinedTerm``/``DefinedTermSet``, Open Graph images.

The plugin stores :func:`page_share`'s result in ``page.meta["fg_share"]``; the theme
override ``overrides/main.html`` prints it in ``{% block extrahead %}``: Open Graph and
Twitter card tags (escaped there) and the JSON-LD, which :func:`jsonld_script_text` has made
safe to place inside ``<script>``. Share images are PNGs rendered at build time with
vl-convert: a term's first chart, or a site card for terms without one, cached by content
in the ``social`` namespace of :mod:`glossary_site.build.cache` (a damaged image is made again).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from glossary_site.build.cache import Cache, Namespace, key
from glossary_site.build.urls import term_url
from glossary_site.content.resolve import Glossary

IMAGE_DIR = "assets/social"
"""Where share images are published, relative to the site root."""
SITE_CARD = f"{IMAGE_DIR}/site.png"
CARD_SIZE = (1200, 630)
NAMESPACE = "social"
"""The cache namespace of the rendered PNGs, keyed by the digest of spec and scale."""


def jsonld_script_text(data: Any) -> str:
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (still the same JSON),
    so no content can close the script element or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def term_jsonld(glossary: Glossary, slug: str, page_url: str, term_set: dict[str, Any]
                ) -> dict[str, Any]:
    """The JSON-LD ``DefinedTerm`` of one term page."""
    term = glossary.terms[slug]
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "DefinedTerm",
                            "name": term.term, "description": term.summary, "url": page_url,
                            "termCode": slug, "inDefinedTermSet": term_set}
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return data


def home_jsonld(glossary: Glossary, term_set: dict[str, Any], description: str,
                term_url: Mapping[str, str]) -> dict[str, Any]:
    """The JSON-LD ``DefinedTermSet`` of the home page, listing every term."""
    return {"@context": "https://schema.org", **term_set, "description": description,
            "hasDefinedTerm": [{"@type": "DefinedTerm", "name": glossary.terms[s].term,
                                "description": glossary.terms[s].summary,
                                "url": term_url[s], "termCode": s}
                               for s in glossary.slugs_by_name()]}


def first_chart(glossary: Glossary, slug: str) -> str | None:
    """The id of the term's first chart, if any."""
    return next((s.chart for s in glossary.terms[slug].sections if s.chart), None)


def chart_image_path(chart_id: str) -> str:
    """Site path of a chart's share image."""
    return f"{IMAGE_DIR}/{chart_id}.png"


# --- rendering the PNGs (vl-convert is imported only when an image must be rendered) -----

def _site_card_spec(name: str, description: str) -> dict[str, Any]:
    width, height = CARD_SIZE
    words, lines, line = description.split(), [], ""
    for word in words:
        if len(line) + len(word) > 52 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    rows = [{"text": text, "y": 330 + 52 * i} for i, text in enumerate(lines[:4])]
    mark = {"type": "text", "align": "left", "baseline": "middle", "color": "white",
            "font": "Liberation Sans, Arial, sans-serif"}
    encoding = {"text": {"field": "text"}, "x": {"value": 90},
                "y": {"field": "y", "type": "quantitative", "scale": None}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width, "height": height, "padding": 0, "background": "#283593",
        "config": {"view": {"stroke": None}},
        "layer": [
            {"data": {"values": [{"text": name, "y": 220}]}, "encoding": encoding,
             "mark": {**mark, "fontSize": 72, "fontWeight": "bold"}},
            {"data": {"values": rows}, "encoding": encoding, "mark": {**mark, "fontSize": 36}},
        ],
    }


def _render(spec: dict[str, Any], space: Namespace, scale: float) -> bytes:
    digest = key(json.dumps([spec, scale], sort_keys=True))
    cached = space.get_file(digest)
    if cached is not None:
        return cached
    import vl_convert

    png: bytes = vl_convert.vegalite_to_png(spec, scale=scale)
    space.put_file(digest, png)
    return png


def share_images(chart_specs: Mapping[str, str], site_name: str, site_description: str,
                 cache: Cache) -> dict[str, bytes]:
    """Site path → PNG: one per chart (from its Vega-Lite spec JSON) and the site card,
    kept in the build's ``cache`` (saved by its owner)."""
    space = cache.namespace(NAMESPACE)
    images = {SITE_CARD: _render(_site_card_spec(site_name, site_description), space, 1)}
    for chart_id, spec_json in sorted(chart_specs.items()):
        spec = json.loads(spec_json)
        spec["background"] = "white"
        images[chart_image_path(chart_id)] = _render(spec, space, 2)
    return images


def page_share(glossary: Glossary, *, slug: str | None, is_home: bool, title: str,
               description: str, page_url: str, site_url: str, site_name: str,
               site_description: str, chart_images: bool) -> dict[str, Any]:
    """Everything ``overrides/main.html`` prints for one page.

    ``page_url`` is the page's URL relative to the site root (MkDocs' ``page.url``). URLs
    are absolute when ``site_url`` is set, otherwise relative to the page.
    """
    root = site_url.rstrip("/") + "/" if site_url else "../" * page_url.count("/")

    def url(path: str) -> str:
        return root + path if (root or path) else "./"

    term_set = {"@type": "DefinedTermSet", "name": site_name, "url": url("")}
    image, alt = url(SITE_CARD), f"{site_name}: {site_description}"
    jsonld: dict[str, Any] | None = None
    kind = "website"
    if slug is not None and slug in glossary.terms:
        term = glossary.terms[slug]
        title, description, kind = term.term, term.summary, "article"
        jsonld = term_jsonld(glossary, slug, url(page_url), term_set)
        chart = first_chart(glossary, slug)
        if chart is not None and chart_images:
            image, alt = url(chart_image_path(chart)), f"Chart from the entry {term.term}"
    elif is_home:
        title, description = site_name, site_description
        jsonld = home_jsonld(glossary, term_set, site_description,
                             {s: url(term_url(s)) for s in glossary.terms})
    return {"type": kind, "title": title, "description": description, "url": url(page_url),
            "image": image, "image_alt": alt, "site_name": site_name,
            "jsonld": jsonld_script_text(jsonld) if jsonld is not None else ""}

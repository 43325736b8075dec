"""The A–Z index: HTML lists the plugin puts where a hand-written page (``docs/index.md``)
holds ``<!-- glossary:a-z -->``, before MkDocs renders that page.

Each item carries its level and tags (``data-level``, ``data-tags``) for the filter that
``wayfinding.js`` shows; without JavaScript it is the plain full list.
"""

from __future__ import annotations

from glossary_site.content.resolve import Glossary
from glossary_site.emit.wayfinding import az_context
from glossary_site.render.templating import HTML, MARKDOWN

MARKER = "<!-- glossary:a-z -->"


def render_az(glossary: Glossary, root: str = "", directory_urls: bool = True) -> str:
    """Render the A–Z index for a page at ``root`` (the relative URL to the site root).

    Every value in it is escaped plain text (names, summaries, tags, levels)."""
    context = az_context(glossary, root, directory_urls)
    form = HTML.get_template("az-filter.html.j2").render(
        tags=context["tags"], levels=context["levels"]).strip()
    return MARKDOWN.get_template("az.md.j2").render(filter_form=form, **context)

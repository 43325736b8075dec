"""The indexes of hand-written pages: the A–Z, which the plugin puts where a page
(``docs/index.md``) holds ``<!-- glossary:a-z -->``, and the index of tags with their counts
(``<!-- glossary:tag-index -->``, ``docs/tags.md``), before MkDocs renders the page.

Each item carries its level and tags (``data-level``, ``data-tags``) for the filter that
``wayfinding.js`` shows; without JavaScript it is the plain full list.
"""

from __future__ import annotations

from glossary_site.content.resolve import Glossary
from glossary_site.content.slugs import slugify
from glossary_site.emit.wayfinding import az_context
from glossary_site.render.templating import HTML, MARKDOWN

MARKER = "<!-- glossary:a-z -->"
TAG_INDEX_MARKER = "<!-- glossary:tag-index -->"


def render_az(glossary: Glossary, root: str = "", directory_urls: bool = True) -> str:
    """Render the A–Z index for a page at ``root`` (the relative URL to the site root).

    Every value in it is escaped plain text (names, summaries, tags, levels)."""
    context = az_context(glossary, root, directory_urls)
    form = HTML.get_template("az-filter.html.j2").render(
        tags=context["tags"], levels=context["levels"]).strip()
    return MARKDOWN.get_template("az.md.j2").render(filter_form=form, **context)


def render_tag_index(glossary: Glossary) -> str:
    """The tags A–Z with their counts, each a link to its section of Material's tags page
    (``#tag:<slug>``)."""
    tags = [(tag, slugify(tag) or "tag", len(slugs)) for tag, slugs in glossary.tags().items()]
    tags.sort(key=lambda t: t[0].casefold())
    return MARKDOWN.get_template("tag-index.md.j2").render(tags=tags)

"""The A–Z index: HTML lists the plugin puts where a page holds ``<!-- glossary:a-z -->``.

Each item carries its level and tags (``data-level``, ``data-tags``) for the filter that
``wayfinding.js`` shows; without JavaScript it is the plain full list.
"""

from __future__ import annotations

from collections.abc import Callable

from ..resolve import Glossary
from ..templating import HTML, MARKDOWN
from ..wayfinding import az_context

MARKER = "<!-- glossary:a-z -->"


def render_az(glossary: Glossary, root: str = "", directory_urls: bool = True,
              keep: Callable[[str], str] = str) -> str:
    """Render the A–Z index for a page at ``root`` (the relative URL to the site root).

    ``keep`` hands the engine's filter form past the sanitiser (``EngineHtml.hold``).
    """
    context = az_context(glossary, root, directory_urls)
    form = HTML.get_template("az-filter.html.j2").render(
        tags=context["tags"], levels=context["levels"]).strip()
    return MARKDOWN.get_template("az.md.j2").render(filter_form=keep(form), **context)

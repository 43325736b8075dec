"""The A–Z index: Markdown the plugin puts where a page holds ``<!-- glossary:a-z -->``."""

from __future__ import annotations

from itertools import groupby

from ..resolve import Glossary
from ..templating import MARKDOWN
from . import item

MARKER = "<!-- glossary:a-z -->"


def render_az(glossary: Glossary) -> str:
    """Render the A–Z index (Markdown linking ``terms/<slug>.md`` from the site root)."""
    items = [item(glossary, s) for s in glossary.slugs_by_name()]

    def letter(entry: dict[str, str]) -> str:
        first = entry["term"][:1].upper()
        return first if first.isalpha() else "#"

    groups = [(k, list(g)) for k, g in groupby(items, key=letter)]
    return MARKDOWN.get_template("az.md.j2").render(groups=groups)

"""The preview cards: ``embed.js`` at the site root, beside ``terms.json``.

A page elsewhere (the course) adds ``<script src="…/embed.js" defer>``; every link on it to
one of our term pages then shows a preview card. The site loads the same script on every
page (the plugin adds it to ``extra_javascript``), so the course and the site show one card.
The script reads ``terms.json`` from its own folder, so it works wherever the site is
published. It is a static asset of this package (``assets/embed.js``), emitted as one more
generated file.

Material's own instant previews were not used: they need ``site_url`` set and the page
served from that very host and port (they check links against ``sitemap.xml``), they show
the whole first section of the target page, and Esc does not close them.
"""

from __future__ import annotations

from importlib.resources import files

from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files

EMBED_PATH = "embed.js"
"""Where the script is published, relative to the site root (a URL contract)."""


def embed_script() -> str:
    """Return the text of ``embed.js``."""
    return files("glossary_site").joinpath("assets", "embed.js").read_text(encoding="utf-8")


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Emitter: ``embed.js`` (the same for every glossary)."""
    return {EMBED_PATH: embed_script()}

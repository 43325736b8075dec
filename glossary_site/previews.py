"""Preview cards for links to terms: the script and stylesheet the site serves.

``assets/previews.js`` reads ``terms.json`` and shows a term's name, summary and level when
a link to it is hovered or focused. Material's own instant previews were not used: they
need ``site_url`` set and the page served from that very host and port (they check links
against ``sitemap.xml``, which is empty without ``site_url``), they show the whole first
section of the target page, and Esc does not close them.
"""

from __future__ import annotations

from pathlib import Path

SCRIPT_PATH = "assets/javascripts/glossary-previews.js"
STYLE_PATH = "assets/stylesheets/glossary-previews.css"
_ASSETS = Path(__file__).with_name("assets")


def asset_files() -> dict[str, str]:
    """Site-relative path → text of the preview script and stylesheet."""
    return {SCRIPT_PATH: (_ASSETS / "previews.js").read_text(encoding="utf-8"),
            STYLE_PATH: (_ASSETS / "previews.css").read_text(encoding="utf-8")}

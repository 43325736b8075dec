"""The two Jinja environments of the engine, both loading ``glossary_site/templates``.

- :data:`MARKDOWN` renders the Markdown page templates (``*.md.j2``). Markdown is not HTML,
  so it does not autoescape: each template escapes what it prints. Its comments are
  ``{## … ##}`` because Markdown heading ids are written ``{#id}``.
- :data:`HTML` renders the HTML the engine adds itself (``*.html.j2``: chart figures, script
  tags, redirect pages, the problem list) with autoescaping on, so no value can leave its
  text or attribute.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from glossary_site.render.escape import JINJA_FILTERS
from glossary_site.render.finished_html import CLOSE, OPEN

_LOADER = PackageLoader("glossary_site", "templates")

# auto_reload=False: the templates ship with the package, so Jinja need not stat them on
# every get_template (a thousand term pages asked a thousand times).
MARKDOWN = Environment(loader=_LOADER, autoescape=False, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, undefined=StrictUndefined, auto_reload=False,
                       comment_start_string="{##", comment_end_string="##}")
MARKDOWN.filters.update(JINJA_FILTERS)  # md_text / md_url: plain text and URLs in Markdown
# Lines around the engine's finished HTML in a page (glossary_site.render.finished_html).
MARKDOWN.globals.update(html_open=OPEN, html_close=CLOSE)

HTML = Environment(loader=_LOADER, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                   undefined=StrictUndefined, auto_reload=False)

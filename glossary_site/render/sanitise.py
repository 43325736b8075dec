"""nh3, with the allow-list of what rendered term Markdown may hold.

Every field's HTML passes :func:`sanitise` after :mod:`.html` renders it: only these tags
and attributes, and ``http``/``https``/``mailto``/relative URLs, survive. The renderer
writes nothing outside the list, so for text that ``glossary check`` accepts, cleaning
removes nothing (a property test shows it); for anything else it is the last line.
"""

from __future__ import annotations

import nh3

from glossary_site.render.mathml import MATHML_ATTRIBUTES, MATHML_TAGS
from glossary_site.render.rules import LINK_SCHEMES

TAGS = frozenset({"a", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
                  "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "s", "strong",
                  "table", "tbody", "td", "th", "thead", "tr", "ul", *MATHML_TAGS})
ATTRIBUTES = {"a": {"href", "title"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"},
              "h6": {"id"}, "th": {"style"}, "td": {"style"}, "ol": {"start"},
              "code": {"class"}, "div": {"class"},
              **{t: MATHML_ATTRIBUTES for t in MATHML_TAGS}}

_CLEANER = nh3.Cleaner(tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                       url_schemes=set(LINK_SCHEMES), link_rel=None, strip_comments=True,
                       filter_style_properties={"text-align"})
"""Built once: building the allow-lists per call costs four times the cleaning."""


def sanitise(fragment: str) -> str:
    """Clean HTML rendered from term content: only the allow-listed tags, attributes and
    URL schemes survive; script, handlers, styles other than alignment, frames go."""
    return _CLEANER.clean(fragment)

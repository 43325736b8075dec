"""One slug function for the whole site: pymdownx's, configured as Material configures it.

Material's tags plugin slugifies with ``pymdownx.slugs.slugify(case="lower")``; section
anchors and name collisions use the same function, so a title, a tag and a name that look
alike get the same slug everywhere.
"""

from __future__ import annotations

from functools import lru_cache

from pymdownx.slugs import slugify as _factory

_SLUGIFY = _factory(case="lower")


@lru_cache(maxsize=8192)  # anchors are asked for again and again while validating and rendering
def slugify(text: str, separator: str = "-") -> str:
    """Return the slug of ``text`` (lowercase, words joined by ``separator``)."""
    slug: str = _SLUGIFY(text, separator)
    return slug

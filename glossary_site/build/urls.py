"""The site's URLs, made in one place: a term's page, a lesson's page, the root.

A URL is a contract (``/terms/<slug>/``): every link the engine writes comes from here.
"""

from __future__ import annotations


def term_path(slug: str) -> str:
    """Source path of a term page (its URL is ``terms/<slug>/``)."""
    return f"terms/{slug}.md"


def term_url(slug: str) -> str:
    """A term page's URL from the site root, with directory URLs (the contract)."""
    return f"terms/{slug}/"


def redirect_path(old_slug: str) -> str:
    """The file that keeps a former slug's URL working (``terms/<old>/``)."""
    return f"{term_url(old_slug)}index.html"


def is_term_source(src_uri: str) -> bool:
    """Whether a site source path is a term page's (``terms/<slug>.md``)."""
    return src_uri.startswith("terms/") and src_uri.endswith(".md")


def term_href(slug: str, root: str, directory_urls: bool = True) -> str:
    """URL of a term page from a page whose way back to the site root is ``root``."""
    return f"{root}terms/{slug}/" if directory_urls else f"{root}terms/{slug}.html"


def root_from_term(directory_urls: bool = True) -> str:
    """The way from a term page (``terms/<slug>/`` or ``terms/<slug>.html``) to the root."""
    return "../../" if directory_urls else "../"


def term_to_term(slug: str, directory_urls: bool = True) -> str:
    """URL of a term page from another term page."""
    return f"../{slug}/" if directory_urls else f"{slug}.html"

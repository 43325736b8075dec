"""MkDocs hooks for the notebook pages: one shared Jupyter stylesheet, and the page cache.

Executed notebook pages are kept in the build's cache (:class:`glossary_site.notebooks.
NotebookCache`), not in mkdocs-jupyter's: ``on_pre_build`` turns its cache off and opens
ours, ``on_pre_page`` (after mkdocs-jupyter's, as hooks run after plugins) makes a notebook
page read it, ``on_post_build`` saves it.

mkdocs-jupyter inlines its whole Jupyter stylesheet (about 590 KB) into every notebook page,
in the light theme only. These hooks (``hooks:`` in ``mkdocs.yml``) move the ``<style>``
blocks that precede the notebook (``<div class="jupyter-wrapper">``) into one stylesheet,
named by the SHA-256 of its text and written once under ``assets/stylesheets/``, and link it
instead; pages whose styles are identical share the file. The stylesheet also carries
mkdocs-jupyter's dark theme, scoped to Material's slate palette, and a few fixes (contrast
of prompts and comments, code that wraps instead of scrolling).

Pure text functions; MkDocs is imported only inside a hook (the hook functions take MkDocs'
objects untyped).
"""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from glossary_site.notebooks import CACHE

__all__ = ["extract_styles", "on_post_build", "on_post_page", "on_pre_build", "on_pre_page",
           "stylesheet"]

WRAPPER = '<div class="jupyter-wrapper">'
STYLE = re.compile(r'<style type="text/css">(.*?)</style>\s*', re.S)
OUT_DIR = "assets/stylesheets/"
SLATE = '[data-md-color-scheme="slate"] .jupyter-wrapper'

# Site additions, after mkdocs-jupyter's own rules.
EXTRA_CSS = "\n" + (Path(__file__).parent / "assets" / "notebook.css").read_text(
    encoding="utf-8")

_pages: dict[str, str] = {}  # stylesheet path -> text, for this build


def _dark_theme() -> str:
    """mkdocs-jupyter's dark theme variables, scoped to Material's slate palette."""
    try:
        css = (files("mkdocs_jupyter") / "templates/mkdocs_html/assets/theme-dark.css"
               ).read_text(encoding="utf-8")
    except (ImportError, OSError):
        return ""
    return css.replace(".jupyter-wrapper", SLATE)


def extract_styles(page_html: str) -> tuple[str, str]:
    """Split a notebook page: (the page without its leading style blocks, their CSS).

    Only the ``<style>`` blocks between the start of the content and the notebook wrapper
    move (mkdocs-jupyter's stylesheet); small styles inside outputs stay where they are.
    A page without a notebook is returned unchanged with empty CSS.
    """
    end = page_html.find(WRAPPER)
    if end < 0:
        return page_html, ""
    start = page_html.rfind("<article", 0, end)
    if start < 0:
        return page_html, ""
    head = page_html[start:end]
    css = "\n".join(match.group(1).strip() for match in STYLE.finditer(head))
    if not css:
        return page_html, ""
    return page_html[:start] + STYLE.sub("", head) + page_html[end:], css


def stylesheet(css: str) -> tuple[str, str]:
    """(site-relative path, text) of the shared stylesheet for a page's extracted CSS."""
    text = css + "\n" + _dark_theme() + EXTRA_CSS
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{OUT_DIR}jupyter-{digest}.css", text


def _root(url: str) -> str:
    """Relative URL from a page (e.g. ``notebooks/flywheel/``) to the site root."""
    depth = url.count("/") if url and not url.startswith("/") else 0
    return "../" * depth


def on_pre_build(config: Any) -> None:
    """Forget the stylesheets of a previous build (``mkdocs serve`` rebuilds in-process);
    open the notebook page cache."""
    _pages.clear()
    CACHE.start(config)


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """Make a notebook page's render read the page cache first."""
    from mkdocs.structure.toc import get_toc

    CACHE.wrap(page, config, get_toc)
    return page


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Replace a notebook page's inlined Jupyter CSS with a link to the shared stylesheet."""
    html, css = extract_styles(output)
    if not css:
        return output
    path, text = stylesheet(css)
    _pages[path] = text
    link = f'<link rel="stylesheet" href="{_root(getattr(page, "url", ""))}{path}">'
    start = html.rfind("<article", 0, html.find(WRAPPER))
    close = html.find(">", start) + 1
    return html[:close] + link + html[close:]


def on_post_build(config: Any) -> None:
    """Write the shared stylesheets into the site; save the notebook page cache."""
    CACHE.save()
    site = Path(config["site_dir"])
    for path, text in sorted(_pages.items()):
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

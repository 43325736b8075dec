"""Term Markdown to HTML: markdown-it-py's renderer with the engine's rules for what term
text may not place on a page.

- raw HTML (refused by the check) is written as text, never as markup;
- images (refused) are written as their alt text;
- maths becomes MathML (:func:`~.mathml.to_mathml`), with no links inside;
- headings inside a field start at ``<h3>`` under the page's section headings, with ids
  the engine makes from safe characters (prefix, then ``[a-z0-9-]``), and never reach the
  theme's table of contents;
- link URLs are normalised; ``[[slug]]`` links left unresolved are written as their text;
- citations link the term's Sources entry (``#source-<key>``) with text made from it.

:func:`render_field` then cleans the HTML with nh3 (:mod:`.sanitise`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from glossary_site.render.mathml import to_mathml
from glossary_site.render.parser import CITE, MD, WIKILINK
from glossary_site.render.rules import url_problem
from glossary_site.render.sanitise import sanitise

FIRST_HEADING = 3
"""Level of a ``#`` heading inside a field: fields sit under the page's ``<h2>`` sections."""


def heading_id(text: str, prefix: str) -> str:
    """A heading id from ``[a-z0-9-]`` only: ``prefix``, ``--``, the text slugified."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return f"{prefix}--{slug or 'part'}"


class FieldRenderer(RendererHTML):
    """markdown-it-py's HTML renderer with the engine's rules (see the module docstring)."""

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: MutableMapping[str, Any]) -> str:
        """Raw HTML is text."""
        return f"<p>{escapeHtml(tokens[idx].content.strip())}</p>\n"

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: MutableMapping[str, Any]) -> str:
        """Raw inline HTML is text (``a<b and c>d``)."""
        return escapeHtml(tokens[idx].content)

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
              env: MutableMapping[str, Any]) -> str:
        """Images are not loaded: their alt text stands in."""
        return escapeHtml(self.renderInlineAsText(tokens[idx].children or [], options, env))

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: MutableMapping[str, Any]) -> str:
        """A link whose URL passed the check, normalised; a link inside a link, or with any
        other URL, is not written (its text is)."""
        token = tokens[idx]
        open_links: list[bool] = env.setdefault("fg_links", [])
        href = str(token.attrs.get("href", ""))
        if token.meta.get("fg_slug"):  # a term link the engine made
            href = env["fg_href"](token.meta["fg_slug"])
        elif url_problem(href):
            href = ""
        else:
            href = normalizeLink(href)
        written = bool(href) and not open_links
        open_links.append(written)
        if not written:
            return ""
        title = token.attrs.get("title")
        title_attr = f' title="{escapeHtml(str(title))}"' if title else ""
        return f'<a href="{escapeHtml(href)}"{title_attr}>'

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: MutableMapping[str, Any]) -> str:
        """Close what :meth:`link_open` opened."""
        open_links: list[bool] = env.setdefault("fg_links", [])
        return "</a>" if open_links and open_links.pop() else ""

    def heading_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: MutableMapping[str, Any]) -> str:
        """``<h3>``–``<h6>`` with an engine-made id, unique on the page."""
        level = min(6, int(tokens[idx].tag[1]) + FIRST_HEADING - 1)
        inline = tokens[idx + 1] if idx + 1 < len(tokens) else None
        text = self.renderInlineAsText(inline.children or [], options, env) if inline else ""
        seen: dict[str, int] = env.setdefault("fg_ids", {})
        base = heading_id(text, env.get("fg_prefix", "part"))
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        while anchor in seen and anchor != base:  # "a-2" written as a heading of its own
            seen[base] += 1
            anchor = f"{base}-{seen[base]}"
        seen.setdefault(anchor, 1)
        env.setdefault("fg_levels", []).append(level)
        return f'<h{level} id="{anchor}">'

    def heading_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: MutableMapping[str, Any]) -> str:
        """Close the heading at the level :meth:`heading_open` chose."""
        return f"</h{env['fg_levels'].pop()}>\n"

    def _maths(self, tokens: Sequence[Token], idx: int, display: str) -> str:
        try:
            mathml = to_mathml(tokens[idx].content, display)
        except ValueError:  # refused by the check; never written as markup
            return f"<code>{escapeHtml(tokens[idx].content)}</code>"
        return f'<div class="fg-math">{mathml}</div>\n' if display == "block" else mathml

    def math_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: MutableMapping[str, Any]) -> str:
        """Inline maths as MathML."""
        return self._maths(tokens, idx, "inline")

    def math_inline_double(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                           env: MutableMapping[str, Any]) -> str:
        """``$$x$$`` inside a line: displayed MathML."""
        return self._maths(tokens, idx, "block")

    def math_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: MutableMapping[str, Any]) -> str:
        """A maths block as displayed MathML."""
        return self._maths(tokens, idx, "block")

    math_block_eqno = math_block
    math_block_label = math_block

    def fg_wikilink(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: MutableMapping[str, Any]) -> str:
        """A ``[[slug]]`` the linker did not resolve (reported by the check): its text."""
        meta = tokens[idx].meta
        return escapeHtml(" ".join(str(meta.get("label") or meta.get("target", "")).split()))

    def fg_cite(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                env: MutableMapping[str, Any]) -> str:
        """A citation: "(Authors, Year)", "(Year)" or "Authors (Year)", each cited work
        linked to its Sources entry; an unknown key (reported by the check) as written."""
        meta = tokens[idx].meta
        cites: dict[str, tuple[str, str]] = env.get("fg_cites", {})
        if any(key not in cites for key, _ in meta["keys"]):
            return escapeHtml(tokens[idx].content)
        in_link = bool(env.get("fg_links"))

        def linked(key: str, text: str) -> str:
            text = escapeHtml(text)
            return text if in_link else f'<a href="#source-{key}">{text}</a>'

        def part(key: str, locator: str, with_authors: bool) -> str:
            authors, year = cites[key]
            shown = ", ".join(x for x in (authors if with_authors else "", year, locator) if x)
            return linked(key, shown or authors)

        form = meta["form"]
        if form == "narrative":
            key = meta["keys"][0][0]
            authors, year = cites[key]
            return linked(key, f"{authors} ({year})" if year else authors)
        return "(" + "; ".join(part(key, locator, form == "paren")
                               for key, locator in meta["keys"]) + ")"


_RENDERER = FieldRenderer(MD)
_OPTIONS = MD.options
assert (WIKILINK, CITE) == ("fg_wikilink", "fg_cite")  # renderer rules are named after them


def render_tokens(tokens: list[Token], prefix: str,
                  href: Callable[[str], str] = lambda slug: f"../{slug}/",
                  cites: dict[str, tuple[str, str]] | None = None) -> str:
    """HTML of a parsed, linked field (not yet cleaned): ``prefix`` starts its headings'
    ids, ``href`` gives the URL of a linked term's page from the page being written,
    ``cites`` the authors and year each citation key of the term shows."""
    return _RENDERER.render(tokens, _OPTIONS, {"fg_prefix": prefix, "fg_href": href,
                                               "fg_cites": cites or {}})


def render_field(tokens: list[Token], prefix: str,
                 href: Callable[[str], str] = lambda slug: f"../{slug}/",
                 cites: dict[str, tuple[str, str]] | None = None) -> str:
    """The field's finished HTML: rendered, then cleaned by nh3."""
    return sanitise(render_tokens(tokens, prefix, href, cites))

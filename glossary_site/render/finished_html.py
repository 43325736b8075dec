"""A Python-Markdown extension: the engine's finished HTML passes through untouched.

Generated pages are Markdown only for their headings; every other block is HTML the engine
wrote and cleaned, between :data:`OPEN` and :data:`CLOSE` lines. Python-Markdown would read
each such block with its HTML parser only to give it back unchanged; this preprocessor
hands it to Python-Markdown's stash directly (a string search per block), so a page costs
what its headings cost. Content cannot write the delimiters: term text reaches a page only
as escaped text or as cleaned HTML, which holds no comments. Without the extension the
pages render the same, more slowly (the blocks are ordinary raw HTML).
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = "<!-- glossary:html -->"
"""Starts a block of finished HTML (on a line of its own)."""
CLOSE = "<!-- /glossary:html -->"
"""Ends it."""


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if OPEN not in text:
            return lines
        out: list[str] = []
        at = 0
        while (start := text.find(OPEN, at)) >= 0 and (end := text.find(CLOSE, start)) >= 0:
            html = text[start + len(OPEN):end].strip("\n")
            out += [text[at:start], "\n\n", self.md.htmlStash.store(html), "\n\n"]
            at = end + len(CLOSE)
        out.append(text[at:])
        return "".join(out).split("\n")


class FinishedHtml(Extension):
    """Register the preprocessor after whitespace is normalised, before raw HTML is read."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Add the stash preprocessor."""
        md.preprocessors.register(_Stash(md), "glossary_finished_html", 25)

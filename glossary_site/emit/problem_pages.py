"""What ``mkdocs serve`` shows while content has problems.

Every page gets the list of problems (``path:line: message``) at the top of its article, and
the URL of each term whose file failed gets a placeholder page, so links to it still land
somewhere. Both come from templates; the list is autoescaped. Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import PurePosixPath

from glossary_site.build.urls import term_path
from glossary_site.content.names import SLUG_RE
from glossary_site.content.problems import Problem
from glossary_site.render.templating import HTML, MARKDOWN

_ARTICLE = re.compile(r"<article\b[^>]*>")
_BODY = re.compile(r"<body\b[^>]*>")


def with_problem_list(html: str, problems: Collection[Problem]) -> str:
    """``html`` with the problem list after its opening ``<article>`` (or ``<body>``).

    Unchanged when there are no problems or the document has neither element.
    """
    if not problems:
        return html
    match = _ARTICLE.search(html) or _BODY.search(html)
    if match is None:
        return html
    banner = HTML.get_template("problems.html.j2").render(problems=[str(p) for p in problems])
    return html[:match.end()] + banner + html[match.end():]


def placeholder_pages(problems: Iterable[Problem], taken: Collection[str]) -> dict[str, str]:
    """``terms/<slug>.md`` for each term file with problems whose page was not emitted."""
    pages = {}
    for problem in problems:
        file = PurePosixPath(problem.path)
        path = term_path(file.stem)
        if file.suffix == ".yaml" and SLUG_RE.fullmatch(file.stem) and path not in taken:
            pages[path] = MARKDOWN.get_template("problem-term.md.j2").render(slug=file.stem)
    return pages

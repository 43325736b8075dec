"""Stable notebook pages: the random cell ids of converted notebooks, numbered instead.

mkdocs-jupyter reads each jupytext script into a notebook whose cells get random ids
(``nbformat`` draws them from ``uuid4``), and nbconvert writes them as ``id="cell-id=…"``.
Two builds with an empty cache therefore differ. Numbering the cells in page order makes
the page the same every time; nothing links to these ids.
"""

from __future__ import annotations

import itertools
import re

_CELL_ID = re.compile(r'\bid="cell-id=[0-9a-zA-Z_-]+"')


def stable_cell_ids(html: str) -> str:
    """``html`` with every ``id="cell-id=…"`` replaced by ``id="cell-id=<n>"``, n = 1, 2 …"""
    numbers = itertools.count(1)
    return _CELL_ID.sub(lambda _: f'id="cell-id={next(numbers)}"', html)


def is_notebook(src_uri: str) -> bool:
    """Whether a page's source is a notebook or a jupytext script."""
    return src_uri.endswith((".ipynb", ".py"))

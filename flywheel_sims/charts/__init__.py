"""Charts of the simulations: one small module per chart, in the style of Altair's gallery.

Each module's docstring gives the chart's title (first line) and description (the rest, used
as caption and text alternative); its function ``chart()`` returns a top-level Altair chart
built from the models' ``simulate()`` output. The charts are found by listing this package:
a module ``bias_amplification.py`` is the chart id ``bias-amplification``, as a term's
``chart:`` field names it; modules whose names start with ``_`` are helpers. Listing imports
no chart module; :func:`load_chart` imports one when asked.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _discover() -> dict[str, str]:
    names = (m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg)
    return {n.replace("_", "-"): f"{__name__}.{n}" for n in sorted(names) if not n.startswith("_")}


CHARTS: dict[str, str] = _discover()
"""Chart id → module path, found by listing this package (sorted by id)."""


def load_chart(chart_id: str) -> ModuleType:
    """Import and return the module of chart ``chart_id``.

    Raises ``KeyError`` naming the valid ids when ``chart_id`` is unknown.
    """
    if chart_id not in CHARTS:
        raise KeyError(f"unknown chart id {chart_id!r}; valid ids: {', '.join(CHARTS)}")
    return importlib.import_module(CHARTS[chart_id])

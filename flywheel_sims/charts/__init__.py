"""Charts of the simulations: one small module per chart, in the style of Altair's gallery.

Each module's docstring gives the chart's title (first line) and description (the rest, used
as caption and text alternative); its function ``chart()`` returns a top-level Altair chart
built from the models' ``simulate()`` output. ``CHARTS`` maps chart ids, as named by a
term's ``chart:`` field, to module paths; modules are imported only when asked for.
"""

from __future__ import annotations

import importlib
from types import ModuleType

CHARTS: dict[str, str] = {
    "loop": "flywheel_sims.charts.loop",
    "moat": "flywheel_sims.charts.moat",
    "examples": "flywheel_sims.charts.examples",
    "plateau": "flywheel_sims.charts.plateau",
    "privacy": "flywheel_sims.charts.privacy",
    "bias-amplification": "flywheel_sims.charts.bias_amplification",
}


def load_chart(chart_id: str) -> ModuleType:
    """Import and return the module of chart ``chart_id``.

    Raises ``KeyError`` naming the valid ids when ``chart_id`` is unknown.
    """
    if chart_id not in CHARTS:
        raise KeyError(f"unknown chart id {chart_id!r}; valid ids: {', '.join(CHARTS)}")
    return importlib.import_module(CHARTS[chart_id])

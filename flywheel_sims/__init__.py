"""Small simulations of the data flywheel, each a pure function from parameters to a frame.

Every model module has a frozen dataclass ``Params`` (validated on construction) and
``simulate(params=None, *, seed=0) -> pandas.DataFrame`` with one row per step. ``MODELS``
names them all::

    from flywheel_sims import MODELS
    model = MODELS["flywheel"]
    frame = model.simulate(model.params(kappa=0.875))

The package knows nothing of the site; charts live in :mod:`flywheel_sims.charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pandas as pd

from flywheel_sims import competition, flywheel, learning_curve, popularity, presets, privacy

__all__ = [
    "MODELS",
    "Model",
    "competition",
    "flywheel",
    "learning_curve",
    "popularity",
    "presets",
    "privacy",
]


@dataclass(frozen=True)
class Model:
    """A registered model: its name, module, parameter class and simulate function."""

    name: str
    module: ModuleType
    params: type[Any]
    simulate: Callable[..., pd.DataFrame]

    @property
    def summary(self) -> str:
        """The first line of the model module's docstring."""
        return (self.module.__doc__ or "").strip().splitlines()[0]

    def run(self, params: Any = None, *, seed: int = 0) -> pd.DataFrame:
        """Simulate with ``params`` (defaults when None) and ``seed``."""
        return self.simulate(params, seed=seed)


def _model(name: str, module: ModuleType) -> Model:
    return Model(name=name, module=module, params=module.Params, simulate=module.simulate)


MODELS: dict[str, Model] = {
    m.name: m
    for m in (
        _model("learning_curve", learning_curve),
        _model("flywheel", flywheel),
        _model("competition", competition),
        _model("popularity", popularity),
        _model("privacy", privacy),
    )
}

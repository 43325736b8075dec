"""Which charts exist: found by listing the simulations package's ``charts`` subpackage.

A chart is a module ``<simulations>.charts.<name>`` (names starting with ``_`` are helpers);
its id is the module name with ``_`` written as ``-`` (``bias_amplification`` →
``bias-amplification``). Listing reads the folder and imports no chart module.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Mapping
from pathlib import Path

DEFAULT_SIMULATIONS = "flywheel_sims"
"""The simulations package the engine uses unless configured otherwise."""

Registry = Mapping[str, str]
"""Chart id → dotted module path."""


def charts_package(simulations: str = DEFAULT_SIMULATIONS) -> str:
    """The dotted name of the package holding the chart modules."""
    return f"{simulations}.charts"


def discover(simulations: str = DEFAULT_SIMULATIONS) -> dict[str, str]:
    """Chart id → module path for every chart module of ``simulations``, sorted by id.

    Raises ``ImportError`` when the package (or its ``charts`` subpackage) is not installed.
    """
    package = importlib.import_module(charts_package(simulations))
    found = {info.name.replace("_", "-"): f"{package.__name__}.{info.name}"
             for info in pkgutil.iter_modules(package.__path__)
             if not info.name.startswith("_") and not info.ispkg}
    return dict(sorted(found.items()))


def chart_ids(registry: Registry | None = None,
              simulations: str = DEFAULT_SIMULATIONS) -> list[str]:
    """The known chart ids, sorted (from ``registry`` when given, else by listing)."""
    return list(registry if registry is not None else discover(simulations))


def module_file(dotted: str) -> Path:
    """The source file of a module, found without executing the module itself.

    Raises ``LookupError`` when it cannot be found.
    """
    try:
        spec = importlib.util.find_spec(dotted)
    except (ImportError, ValueError) as exc:
        raise LookupError(f"chart module {dotted!r} cannot be found: {exc}") from exc
    if spec is None or spec.origin is None or not Path(spec.origin).is_file():
        raise LookupError(f"chart module {dotted!r} cannot be found")
    return Path(spec.origin)


def package_files(package: str) -> list[tuple[str, Path]]:
    """Every file of a package (no bytecode) as (relative path, path), sorted.

    Empty when the package is not importable. Finding it imports nothing but its parents.
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    files: set[tuple[str, Path]] = set()
    # A namespace package may list one folder twice (e.g. '' and its absolute path).
    for root in {Path(location).resolve() for location in spec.submodule_search_locations}:
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add((path.relative_to(root).as_posix(), path))
    return sorted(files)

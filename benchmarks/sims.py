"""Time each model's default run: median of repeated runs with ``time.perf_counter``.

Usage: ``python benchmarks/sims.py [--repeats N]``. The budget is 50 ms per default run
(issue 3); this is a measurement, not a test. Besides the registry's defaults it times the
popularity model under each policy and all flywheel presets, which the charts also run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

from flywheel_sims import MODELS, popularity, presets

BUDGET_MS = 50.0


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Return the median wall time of ``fn`` in milliseconds after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def cases() -> dict[str, Callable[[], object]]:
    """Return the runs to time, by label."""
    runs: dict[str, Callable[[], object]] = {
        name: partial(model.simulate, model.params()) for name, model in MODELS.items()
    }
    for policy in popularity.POLICIES:
        if policy != popularity.Params().policy:
            params = popularity.Params(policy=policy)
            runs[f"popularity[{policy}]"] = partial(popularity.simulate, params)
    runs["presets (all 5)"] = presets.simulate_all
    return runs


def main() -> None:
    """Print a table of median times per model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    print(f"{'model':24s} {'median ms':>10s}  budget {BUDGET_MS:g} ms")
    for label, fn in cases().items():
        ms = median_ms(fn, args.repeats)
        flag = "" if ms <= BUDGET_MS else "  OVER BUDGET"
        print(f"{label:24s} {ms:10.2f}{flag}")


if __name__ == "__main__":
    main()

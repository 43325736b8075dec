"""Accessibility: axe-core finds no serious or critical violation on the site's pages.

axe-core is the npm package pinned in ``package.json`` / ``package-lock.json`` (``make test``
runs ``npm ci`` when needed) and is injected into each page by Playwright. Pages are checked
in both palettes, with every chart live (the interactive charts and their sliders are part
of the page a reader meets). Outside CI the test skips when ``node_modules`` is missing; in
CI (``CI=true``) it fails instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support import NOTEBOOKS, require

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "terms/data-flywheel/",
    "tags/",
    "lessons/",
    "lessons/ai-strategy-for-your-organisation/",
    "simulations/",
    "graph/",
    "terms/network-effects/",
    *(f"notebooks/{name}/" for name in NOTEBOOKS),
]
BLOCKING = {"serious", "critical"}

OpenPage = Callable[..., Any]


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script installed by ``npm ci``."""
    return require(AXE, f"{AXE} not found: run 'npm ci' (or 'make test')").read_text(
        encoding="utf-8")


def run_axe(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """Inject axe-core and return its violations on the whole page."""
    page.add_script_tag(content=axe_source)
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"{v['impact']} {v['id']} ({len(v['nodes'])} nodes): {v['help']}: {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violation(
    open_page: OpenPage, axe_source: str, path: str, scheme: str
) -> None:
    visit = open_page(path, color_scheme=scheme)
    page = visit.page
    for figure in page.locator("figure.fg-chart").all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_attribute("data-fg-state", "live", timeout=15_000)
    page.evaluate("window.scrollTo(0, 0)")
    # Material fades the tabs back in after a scroll: check the page at rest.
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')"
    )
    page.wait_for_timeout(300)
    blocking = [v for v in run_axe(page, axe_source) if v["impact"] in BLOCKING]
    assert blocking == [], f"/{path} ({scheme}):\n{describe(blocking)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_with_a_preview_card_open(
    open_page: OpenPage, axe_source: str, scheme: str
) -> None:
    """The preview card a reader opens on a term link passes too (contrast, naming)."""
    page = open_page("terms/data-flywheel/", color_scheme=scheme).page
    page.locator("article p a[href*='network-effects']").first.hover()
    card = page.locator(".fg-embed-card:visible")
    expect(card).to_have_count(1, timeout=10_000)
    blocking = [v for v in run_axe(page, axe_source) if v["impact"] in BLOCKING]
    assert blocking == [], f"preview card ({scheme}):\n{describe(blocking)}"

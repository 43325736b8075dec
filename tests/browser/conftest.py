"""Browser fixtures: Debian's Chromium driven by Playwright, the built site on a local server.

Every request to a host other than the local test server is aborted and recorded, so a test
can assert that nothing left the site. Outside CI the tests skip when Chromium is missing;
in CI (``CI=true``) they fail instead.

Set ``FG_SITE_DIR`` to run against an already built site instead of building one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from support import require, serve_folder

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; skip (or fail in CI) when it is not installed."""
    return require(CHROMIUM, f"{CHROMIUM} not found: install it with 'apt-get install chromium'")


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site: ``FG_SITE_DIR`` if set, else the session's real build."""
    override = os.environ.get("FG_SITE_DIR")
    if override:
        return Path(override).resolve()
    built: Path = request.getfixturevalue("built_site")
    return built


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serve the site on 127.0.0.1 (a free port) from a thread; yield its base URL."""
    with serve_folder(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    """One Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=LAUNCH_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class Visit:
    """A page opened by ``open_page``, with what it tried to fetch elsewhere and its errors."""

    page: Any
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)


OpenPage = Callable[..., Visit]


@pytest.fixture
def open_page(browser: Any, site_url: str) -> Iterator[OpenPage]:
    """Open a site path in a fresh context; requests to other hosts are aborted and kept."""
    contexts: list[Any] = []

    def open_(
        path: str,
        *,
        javascript: bool = True,
        color_scheme: str = "light",
        block: Callable[[str], bool] | None = None,
    ) -> Visit:
        context = browser.new_context(
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)

        def route(route: Any) -> None:
            url = route.request.url
            if not url.startswith(site_url):
                visit.foreign.append(url)
                route.abort()
            elif block is not None and block(url):
                route.abort()
            else:
                visit.local.append(url)
                route.continue_()

        context.route("**/*", route)
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(f"uncaught: {e}"))
        page.goto(site_url + path.lstrip("/"), wait_until="load")
        return visit

    yield open_
    for context in contexts:
        context.close()

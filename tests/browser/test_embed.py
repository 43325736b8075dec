"""The course embed in Chromium: a course page on another origin shows our preview cards.

Two loopback servers on different ports: the built site, sending
``Access-Control-Allow-Origin: *`` as GitHub Pages does, and a fixture course page that adds
``<script src="…/embed.js" defer>``. Requests anywhere else are aborted.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from glossary_site.emit.embed import embed_script


class _Handler(SimpleHTTPRequestHandler):
    cors = False
    csp = ""

    def end_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _CorsHandler(_Handler):
    cors = True


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(directory: Path, cors: bool = False, csp: str = "") -> str:
        base = _CorsHandler if cors else _Handler
        kind = type("Handler", (base,), {"csp": csp}) if csp else base
        handler = functools.partial(kind, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


COURSE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AI Strategy for Your Organisation</title>
<script src="{site}embed.js" defer></script>
<link rel="stylesheet" href="course.css"></head>
<body>
<h1>Lesson: AI Strategy for Your Organisation</h1>
<button id="start">Start</button>
<p>Read about the <a id="flywheel" href="{site}terms/data-flywheel/">data flywheel</a>
and how a <a id="moat" href="{site}terms/competitive-moat/index.html#sources">moat</a>
forms. See also <a id="tags" href="{site}tags/">all tags</a> and
<a id="elsewhere" href="https://elsewhere.invalid/terms/data-flywheel/">a copy</a>.</p>
<p><a id="after" href="#top">Back to top</a></p>
</body></html>
"""


@pytest.fixture
def course_page(browser: Any, serve: Callable[..., str], tmp_path: Path):
    contexts: list[Any] = []

    def open_(site_root: Path, html: str = COURSE, csp: str = "") -> tuple[Any, str, list[str]]:
        site = serve(site_root, cors=True)
        course_dir = tmp_path / "course"
        course_dir.mkdir(exist_ok=True)
        (course_dir / "lesson.html").write_text(html.format(site=site), encoding="utf-8")
        (course_dir / "course.css").write_text("body { margin: 2rem; font: 16px sans-serif }")
        course = serve(course_dir, csp=csp.format(site=site.rstrip("/")))
        assert site.rsplit(":", 1)[1] != course.rsplit(":", 1)[1]
        context = browser.new_context(viewport={"width": 1000, "height": 700})
        contexts.append(context)
        problems: list[str] = []

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith((site, course)):
                route.continue_()
            else:
                problems.append(f"foreign request: {url}")
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        with page.expect_response(lambda r: r.url == site + "terms.json") as response:
            page.goto(course + "lesson.html", wait_until="load")
        assert response.value.headers.get("access-control-allow-origin") == "*"
        page.wait_for_function("document.readyState === 'complete'")
        page.wait_for_timeout(100)  # let the script parse terms.json
        return page, site, problems

    yield open_
    for context in contexts:
        context.close()


def entry(site_dir: Path, slug: str) -> dict[str, Any]:
    data = json.loads((site_dir / "terms.json").read_text(encoding="utf-8"))
    return next(t for t in data["terms"] if t["slug"] == slug)


CARD = ".fg-embed-card:not([hidden])"


def card_text(page: Any) -> dict[str, Any]:
    return page.eval_on_selector(CARD, """c => ({
        name: c.querySelector('.fg-embed-name').textContent,
        level: c.querySelector('.fg-embed-level').textContent,
        summary: c.querySelector('.fg-embed-summary').textContent,
        href: c.querySelector('a.fg-embed-more').href,
        more: c.querySelector('a.fg-embed-more').textContent,
        html: c.innerHTML})""")


def test_hover_shows_the_terms_card_from_another_origin(course_page, site_dir, chromium):
    page, site, problems = course_page(site_dir)
    expected = entry(site_dir, "data-flywheel")
    assert page.locator(CARD).count() == 0
    page.hover("#flywheel")
    page.wait_for_selector(CARD, timeout=3000)
    shown = card_text(page)
    assert shown["name"] == expected["term"] == "Data Flywheel"
    assert shown["summary"] == expected["summary"]
    assert shown["level"].lower() == expected["level"]
    assert shown["href"] == site + "terms/data-flywheel/"
    assert shown["more"] == "Read more"
    # the card sits just under the link, inside the viewport
    link = page.locator("#flywheel").bounding_box()
    box = page.locator(CARD).bounding_box()
    assert link["y"] + link["height"] <= box["y"] <= link["y"] + link["height"] + 20
    assert 0 <= box["x"] and box["x"] + box["width"] <= 1000

    page.hover("#moat")  # a link with index.html and an anchor is the same term
    page.wait_for_function("document.querySelector('.fg-embed-name')?.textContent"
                           " === 'Competitive Moat'", timeout=3000)
    page.mouse.move(900, 650)
    page.wait_for_selector(".fg-embed-card", state="hidden", timeout=3000)
    assert problems == []


def test_keyboard_focus_tab_past_the_card_and_escape(course_page, site_dir, chromium):
    page, site, problems = course_page(site_dir)
    page.focus("#start")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "flywheel"
    page.wait_for_selector(CARD, timeout=3000)
    assert card_text(page)["name"] == "Data Flywheel"
    assert page.get_attribute("#flywheel", "aria-describedby")
    page.keyboard.press("Tab")  # an open card adds no Tab stop: on to the next term link
    assert page.evaluate("document.activeElement.id") == "moat"
    page.wait_for_function("document.querySelector('.fg-embed-card').getAttribute("
                           "'aria-label') === 'Preview: Competitive Moat'", timeout=3000)
    assert page.get_attribute("#flywheel", "aria-describedby") is None
    page.keyboard.press("Escape")
    page.wait_for_selector(".fg-embed-card", state="hidden", timeout=3000)
    assert page.evaluate("document.activeElement.id") == "moat"
    assert page.get_attribute("#moat", "aria-describedby") is None
    page.focus("#flywheel")
    page.wait_for_selector(CARD, timeout=3000)
    page.focus("#after")  # blur: focus leaves for a link that is not a term
    page.wait_for_selector(".fg-embed-card", state="hidden", timeout=3000)
    assert problems == []


def test_links_that_are_not_term_pages_get_no_card(course_page, site_dir, chromium):
    page, _, problems = course_page(site_dir)
    for selector in ("#tags", "#elsewhere", "#after"):
        page.hover(selector)
        page.focus(selector)
        page.wait_for_timeout(300)
        assert page.locator(CARD).count() == 0, selector
    assert problems == []


def test_hostile_terms_json_is_shown_as_text(course_page, tmp_path, chromium):
    root = tmp_path / "hostile"
    (root / "terms").mkdir(parents=True)
    (root / "embed.js").write_text(embed_script(), encoding="utf-8")
    evil = "<img src=x onerror=\"window.pwned=1\">"
    (root / "terms.json").write_text(json.dumps({"version": 1, "terms": [
        {"slug": "evil", "term": evil, "summary": "</span><script>window.pwned=2</script>",
         "level": "<b>x</b>", "path": "terms/evil/"},
        {"slug": "js", "term": "Script", "summary": "s", "level": "advanced",
         "url": "javascript:window.pwned=3//terms/js/", "path": "terms/js/"},
    ]}), encoding="utf-8")
    html = COURSE.replace("terms/data-flywheel/", "terms/evil/").replace(
        "terms/competitive-moat/index.html#sources", "terms/js/")
    page, site, problems = course_page(root, html)
    page.hover("#flywheel")
    page.wait_for_selector(CARD, timeout=3000)
    shown = card_text(page)
    assert shown["name"] == evil
    assert shown["summary"] == "</span><script>window.pwned=2</script>"
    assert "<img" not in shown["html"] and "<script" not in shown["html"]
    assert shown["href"] == site + "terms/evil/"
    page.mouse.move(900, 650)
    page.wait_for_selector(".fg-embed-card", state="hidden", timeout=3000)
    page.hover("#moat")  # its url is not http(s): no card, no link to it
    page.wait_for_timeout(300)
    assert page.locator(CARD).count() == 0
    assert page.evaluate("window.pwned") is None
    assert problems == []


def test_site_without_cors_fails_quietly(browser, serve, tmp_path, site_dir, chromium):
    site = serve(site_dir, cors=False)
    course_dir = tmp_path / "plain"
    course_dir.mkdir()
    (course_dir / "lesson.html").write_text(COURSE.format(site=site), encoding="utf-8")
    course = serve(course_dir)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(course + "lesson.html", wait_until="load")
    page.hover("#flywheel")
    page.wait_for_timeout(400)
    assert page.locator(CARD).count() == 0
    assert errors == []  # no uncaught exception; the links work as plain links
    context.close()



def test_card_works_under_a_strict_content_security_policy(course_page, site_dir, chromium):
    csp = ("default-src 'self'; script-src 'self' {site}; connect-src {site}; "
           "style-src 'self'; img-src 'self'")
    page, _, problems = course_page(site_dir, csp=csp)
    page.hover("#flywheel")
    page.wait_for_selector(CARD, timeout=3000)
    assert card_text(page)["name"] == "Data Flywheel"
    style = page.eval_on_selector(CARD, "c => getComputedStyle(c).position")
    assert style == "absolute"  # the card's stylesheet applied despite style-src 'self'
    assert problems == []

"""The concept graph, A–Z filter and phone table of contents in a real Chromium."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from graph_boxes import synthetic
from playwright.sync_api import expect
from support import serve_folder

FLYWHEEL = "terms/data-flywheel/"
SHOTS = Path(os.environ.get("FG_SCREENSHOTS", "")) if os.environ.get("FG_SCREENSHOTS") else None

OpenPage = Callable[..., Any]  # the open_page fixture (conftest.py); returns a Visit
FOCUSED = re.compile(r"(^|\s)is-focused(\s|$)")


def neighbours(svg: Any, slug: str) -> set[str]:
    pairs = svg.locator("path.fg-graph__edge").evaluate_all(
        "lines => lines.map(l => [l.dataset.a, l.dataset.b])")
    return {b if a == slug else a for a, b in pairs if slug in (a, b)}


def classes(svg: Any, slug: str) -> list[str]:
    value = svg.locator(f'[data-slug="{slug}"]').get_attribute("class") or ""
    return value.split()


def opacity(svg: Any, slug: str) -> float:
    return float(svg.locator(f'[data-slug="{slug}"]').evaluate("e => getComputedStyle(e).opacity"))


def first_drawn(svg: Any) -> str:
    """The first neighbour drawn (the glossary changes: which ones are drawn does too)."""
    slug: str = svg.locator("a.fg-graph__node").first.get_attribute("data-slug") or ""
    return slug


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_pointing_at_a_node_highlights_its_neighbours(open_page: OpenPage, how: str) -> None:
    visit = open_page(FLYWHEEL)
    svg = visit.page.locator("figure.fg-graph--local svg")
    svg.scroll_into_view_if_needed()
    slug = first_drawn(svg)
    node = svg.locator(f'a[data-slug="{slug}"]')
    if how == "hover":
        node.locator("circle").hover()
    else:
        node.focus()
    near = neighbours(svg, slug)
    assert near and "data-flywheel" in near
    expect(svg).to_have_class(FOCUSED)
    assert "is-active" in classes(svg, slug)
    drawn = set(svg.locator(".fg-graph__node").evaluate_all("ns => ns.map(n => n.dataset.slug)"))
    for other in drawn - {slug}:
        assert ("is-near" in classes(svg, other)) == (other in near), other
    far = sorted(drawn - near - {slug})
    assert far, "every drawn term is a neighbour: pick another node"
    # the fade is a 150 ms transition: wait for it to end, however slow the machine
    visit.page.wait_for_function(
        """([far, near]) => {
          const o = s => Number(getComputedStyle(document.querySelector(
            `figure.fg-graph--local [data-slug="${s}"]`)).opacity);
          return o(far) < 0.5 && o(near) > 0.5;
        }""", arg=[far[0], sorted(near)[0]], timeout=5_000)
    assert opacity(svg, far[0]) < 0.5 < opacity(svg, sorted(near)[0])
    visit.page.mouse.move(1, 1)
    if how == "focus":
        node.blur()
    expect(svg).not_to_have_class(FOCUSED)
    assert visit.errors == [] and visit.foreign == []


def test_clicking_a_node_opens_the_term(open_page: OpenPage, site_url: str) -> None:
    visit = open_page(FLYWHEEL)
    node = visit.page.locator('figure.fg-graph--local a[data-slug="competitive-moat"]')
    node.scroll_into_view_if_needed()
    node.locator("circle").click()
    visit.page.wait_for_url(site_url + "terms/competitive-moat/")
    expect(visit.page.locator("article h1")).to_contain_text("Competitive Moat")


def test_graph_page_nodes_open_terms_and_highlight(open_page: OpenPage, site_url: str) -> None:
    visit = open_page("graph/")
    svg = visit.page.locator("article svg[data-fg-graph]")
    svg.locator('a[data-slug="feedback-loop"] circle').hover()
    expect(svg).to_have_class(FOCUSED)
    assert "is-near" in classes(svg, "data-flywheel")
    expect(svg.locator('a[data-slug="feedback-loop"] text')).to_be_visible()  # named first
    svg.locator('a[data-slug="feedback-loop"] text').click()
    visit.page.wait_for_url(site_url + "terms/feedback-loop/")


def test_graph_follows_the_palette(open_page: OpenPage) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        visit = open_page("graph/", color_scheme=scheme)
        circle = visit.page.locator("article svg a.fg-graph__node circle").first
        text = visit.page.locator("article svg a.fg-graph__node text").first
        body = visit.page.locator("article").evaluate("e => getComputedStyle(e).color")
        fills[scheme] = circle.evaluate("e => getComputedStyle(e).fill")
        assert text.evaluate("e => getComputedStyle(e).fill") == body
        if SHOTS:
            visit.page.screenshot(path=str(SHOTS / f"graph-{scheme}.png"), full_page=True)
    assert fills["light"] != fills["dark"]


def visible_items(page: Any) -> list[dict[str, str]]:
    return page.locator("ul.fg-az-list > li:visible").evaluate_all(
        "lis => lis.map(li => ({tags: li.dataset.tags, level: li.dataset.level}))")


def test_az_filters_by_tag_and_level(open_page: OpenPage) -> None:
    visit = open_page("")
    page = visit.page
    everything = page.locator("ul.fg-az-list > li").count()
    form = page.locator(".fg-az-filter")
    expect(form).to_be_visible()
    assert len(visible_items(page)) == everything
    form.locator("select[name=tag]").select_option("recommender-systems")
    shown = visible_items(page)
    assert 0 < len(shown) < everything
    assert all("recommender-systems" in item["tags"].split() for item in shown)
    form.locator("select[name=level]").select_option("intermediate")
    both = visible_items(page)
    assert 0 < len(both) < len(shown)
    assert all(i["level"] == "intermediate" and "recommender-systems" in i["tags"].split()
               for i in both)
    expect(form.locator(".fg-az-filter__count")).to_have_text(f"{len(both)} of {everything} terms")
    for heading in page.locator("article h3").all():
        letter_list = heading.locator("xpath=following-sibling::ul[1]")
        assert heading.is_visible() == (letter_list.locator("li:visible").count() > 0)
    form.locator("select[name=tag]").select_option("")
    form.locator("select[name=level]").select_option("")
    assert len(visible_items(page)) == everything


def test_az_without_javascript_is_the_full_list(open_page: OpenPage) -> None:
    visit = open_page("", javascript=False)
    expect(visit.page.locator(".fg-az-filter")).to_be_hidden()
    total = visit.page.locator("ul.fg-az-list > li").count()
    assert total > 0 and len(visible_items(visit.page)) == total


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Callable[..., Any]]:
    """Open a page at 390 × 844 CSS pixels with touch, like a phone."""
    contexts: list[Any] = []

    def open_(path: str, color_scheme: str = "light") -> Any:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                      is_mobile=True, color_scheme=color_scheme,
                                      service_workers="block")
        contexts.append(context)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url)
                      else r.abort())
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.skipif(SHOTS is None, reason="set FG_SCREENSHOTS=<folder> to save screenshots")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(phone: Callable[..., Any], open_page: OpenPage, scheme: str) -> None:
    assert SHOTS is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = phone(FLYWHEEL, scheme)
    page.screenshot(path=str(SHOTS / f"phone-top-{scheme}.png"))
    page.locator("figure.fg-graph").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"phone-graph-{scheme}.png"))
    page = phone("", scheme)
    page.locator(".fg-az-filter").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"phone-az-{scheme}.png"))
    desk = open_page(FLYWHEEL, color_scheme=scheme).page
    desk.locator("figure.fg-graph").scroll_into_view_if_needed()
    first = first_drawn(desk.locator("figure.fg-graph svg"))
    desk.locator(f'figure.fg-graph a[data-slug="{first}"] circle').hover()
    desk.screenshot(path=str(SHOTS / f"desk-graph-hover-{scheme}.png"))
    home = open_page("", color_scheme=scheme).page
    home.locator("select[name=level]").select_option("advanced")
    home.locator(".fg-az-filter").scroll_into_view_if_needed()
    home.screenshot(path=str(SHOTS / f"desk-az-advanced-{scheme}.png"))


# --- names apart, fits a phone, keyboard, find, zoom (issue 19, point 5) --------------------

NAMES = """svg => {
  const shown = t => {
    for (let e = t; e && e !== svg; e = e.parentElement) {
      const c = getComputedStyle(e);
      if (c.display === 'none' || c.visibility === 'hidden') return false;
    }
    return t.textContent.trim() !== '';
  };
  const texts = [...svg.querySelectorAll('text')].filter(shown);
  const view = svg.viewBox.baseVal;
  const boxes = texts.map(t => {
    const b = t.getBBox();
    return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent];
  });
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) pairs.push([a[4], b[4]]);
  }
  const outside = boxes.filter(b => b[0] < view.x - 0.5 || b[1] < view.y - 0.5 ||
    b[2] > view.x + view.width + 0.5 || b[3] > view.y + view.height + 0.5).map(b => b[4]);
  const k = svg.getBoundingClientRect().width / view.width;
  const px = Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * k));
  return {count: boxes.length, pairs, outside, px};
}"""
"""In a drawing, each name shown (getBBox, in the SVG's units): how many, the pairs that
overlap, those outside the part of the drawing on screen, the smallest on screen in px."""

WIDE = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""


def names(svg: Any) -> dict[str, Any]:
    """:data:`NAMES` for a drawing, once its names have settled (graph.js places them on the
    next animation frame); fails when two overlap or one lies outside the drawing."""
    svg.page.wait_for_timeout(100)
    found: dict[str, Any] = svg.evaluate(NAMES)
    assert found["pairs"] == [] and found["outside"] == [], found
    return found


def no_sideways_scroll(page: Any) -> None:
    width, view = page.evaluate(WIDE)
    assert width <= view, (width, view)


def tab_stops(page: Any, selector: str) -> list[str]:
    """Each element that Tab stops at inside ``selector``, from just before it to just after
    (a button put in front of it to start from)."""
    page.locator(selector).evaluate(
        "f => { const b = document.createElement('button'); b.textContent = 'start';"
        " f.before(b); b.focus(); }")
    stops: list[str] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "s => { const a = document.activeElement;"
            " return document.querySelector(s).contains(a)"
            " ? (a.getAttribute('data-slug') || a.tagName.toLowerCase()) : null; }", selector)
        if where is None:
            break
        stops.append(where)
    return stops


@pytest.fixture
def sized(browser: Any, site_url: str) -> Iterator[Callable[..., Any]]:
    """Open a page ``width`` pixels wide (under 600: a phone, with touch), with or without
    JavaScript, from the built site or another ``base`` URL; other hosts are refused."""
    contexts: list[Any] = []

    def open_(path: str, width: int, javascript: bool = True, base: str | None = None,
              scheme: str = "light") -> Any:
        phone = width < 600
        context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900},
                                      is_mobile=phone, has_touch=phone, color_scheme=scheme,
                                      java_script_enabled=javascript, service_workers="block")
        contexts.append(context)
        root = base or site_url
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(root)
                      else r.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(root + path, wait_until="load")
        page.errors = errors
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_neighbourhood_fits_the_screen_and_no_names_overlap(sized: Callable[..., Any],
                                                              width: int) -> None:
    page = sized(FLYWHEEL, width)
    figure = page.locator("figure.fg-graph--local")
    svg = figure.locator("svg")
    figure.scroll_into_view_if_needed()
    found = names(svg)
    assert found["count"] == svg.locator(".fg-graph__node").count()
    assert found["px"] >= 12
    no_sideways_scroll(page)
    frame = figure.locator(".fg-graph__frame")
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth")
    box, centre = svg.bounding_box(), svg.locator(".fg-graph__node--centre circle").bounding_box()
    assert box and centre and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["x"] < centre["x"] and centre["x"] + centre["width"] < box["x"] + box["width"]
    stops = tab_stops(page, "figure.fg-graph--local")
    assert len(stops) == 2 and stops[1] == "a", stops  # one for the drawing, the caption's link
    first = stops[0]
    page.keyboard.press("Shift+Tab")  # back past the caption's link to the drawing
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-slug')") == first
    page.keyboard.press("ArrowDown")
    moved = page.evaluate("document.activeElement.getAttribute('data-slug')")
    assert moved and moved != first
    assert page.errors == []


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_graph_page_fits_the_screen_and_no_names_overlap(
        sized: Callable[..., Any], width: int, javascript: bool) -> None:
    page = sized("graph/", width, javascript)
    svg = page.locator("figure.fg-graph--overview svg")
    found = names(svg)
    assert found["count"] >= 15 and found["px"] >= 11.5
    no_sideways_scroll(page)
    assert svg.evaluate("s => s.getBoundingClientRect().right <= innerWidth")
    tools = page.locator(".fg-graph__tools")
    stops = tab_stops(page, "figure.fg-graph--overview")
    if javascript:
        expect(tools).to_be_visible()
        # the find box, its button, three zoom buttons, and the drawing once
        assert stops[:5] == ["input", "button", "button", "button", "button"], stops
        assert len(stops) == 6 and stops[5] not in ("input", "button", "a"), stops
    else:
        expect(tools).to_be_hidden()
        assert stops == []  # without the script: the A–Z list under the key
        summary = page.locator("details.fg-graph__list summary")
        summary.click()
        expect(page.locator("details.fg-graph__list li a").first).to_be_visible()
    assert page.errors == []


def test_zoom_pan_and_hover_keep_names_apart(sized: Callable[..., Any]) -> None:
    page = sized("graph/", 1280)
    svg = page.locator("figure.fg-graph--overview svg")
    whole = names(svg)["count"]
    for _ in range(2):
        page.get_by_role("button", name="Zoom in").click()
    zoomed = names(svg)
    view = [float(v) for v in (svg.get_attribute("viewBox") or "").split()]
    assert view[2] == pytest.approx(1000 / 2.25, abs=0.1)
    shown = svg.evaluate("""s => { const v = s.viewBox.baseVal; return [...s.querySelectorAll(
        'a.fg-graph__node circle')].filter(c => { const x = +c.getAttribute('cx'),
        y = +c.getAttribute('cy'); return x > v.x && x < v.x + v.width && y > v.y
        && y < v.y + v.height; }).length; }""")
    assert zoomed["count"] >= min(shown, whole) * 0.5  # room for more names when zoomed
    box = svg.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 60,
                    steps=6)
    page.mouse.up()
    panned = [float(v) for v in (svg.get_attribute("viewBox") or "").split()]
    assert panned[2] == view[2] and (panned[0], panned[1]) != (view[0], view[1])
    names(svg)
    page.get_by_role("button", name="Whole graph").click()
    assert svg.get_attribute("viewBox") == "0 0 1000 1000"
    for slug in ("data-flywheel", "churn", "model-card"):
        node = svg.locator(f'a[data-slug="{slug}"]')
        node.locator("circle").hover(force=True)
        expect(node).to_have_class(re.compile(r"\bis-labelled\b"))  # the pointed-at is named
        names(svg)
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_find_a_term_highlights_and_centres_it(sized: Callable[..., Any], width: int) -> None:
    page = sized("graph/", width)
    svg = page.locator("figure.fg-graph--overview svg")
    page.get_by_label("Find a term", exact=True).fill("switching")
    page.get_by_label("Find a term", exact=True).press("Enter")
    node = svg.locator('a[data-slug="switching-costs"]')
    expect(node).to_be_focused()
    expect(node).to_have_class(re.compile(r"\bis-found\b"))
    expect(node.locator("text")).to_be_visible()
    expect(page.locator(".fg-graph__status")).to_contain_text("Found Switching Costs")
    box, dot = svg.bounding_box(), node.locator("circle").bounding_box()
    assert box and dot
    middle = (dot["x"] + dot["width"] / 2 - box["x"], dot["y"] + dot["height"] / 2 - box["y"])
    assert abs(middle[0] - box["width"] / 2) < box["width"] * 0.2, middle
    assert abs(middle[1] - box["height"] / 2) < box["height"] * 0.2, middle
    names(svg)
    page.get_by_label("Find a term", exact=True).fill("no such term at all")
    page.get_by_label("Find a term", exact=True).press("Enter")
    expect(page.locator(".fg-graph__status")).to_contain_text("No term matches")
    assert page.errors == []


def test_arrow_keys_move_between_terms_and_enter_opens_one(sized: Callable[..., Any],
                                                           site_url: str) -> None:
    page = sized("graph/", 1280)
    stops = tab_stops(page, "figure.fg-graph--overview")
    page.keyboard.press("Shift+Tab")  # back to the drawing's one stop
    visited = {page.evaluate("document.activeElement.getAttribute('data-slug')")}
    assert visited == {stops[-1]}
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowDown"):
        page.keyboard.press(key)
        visited.add(page.evaluate("document.activeElement.getAttribute('data-slug')"))
    assert len(visited) >= 4
    focusable = page.locator('figure.fg-graph--overview a.fg-graph__node[tabindex="0"]')
    assert focusable.count() == 1
    slug = page.evaluate("document.activeElement.getAttribute('data-slug')")
    names(page.locator("figure.fg-graph--overview svg"))
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + f"terms/{slug}/")


def test_the_key_highlights_a_tags_terms(sized: Callable[..., Any]) -> None:
    page = sized("graph/", 390)
    svg = page.locator("figure.fg-graph--overview svg")
    button = page.locator(".fg-graph__legend button", has_text="strategy")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(svg).to_have_class(FOCUSED)
    marked = svg.locator("a.fg-graph__node.is-near").evaluate_all(
        "ns => ns.map(n => n.dataset.tag)")
    assert marked and set(marked) == {"strategy"}
    assert len(marked) == svg.locator('a.fg-graph__node[data-tag="strategy"]').count()
    names(svg)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(svg).not_to_have_class(FOCUSED)


@pytest.fixture(scope="module")
def thousand(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site with its Graph page drawing 1,000 synthetic terms instead (served
    from a folder of links to the built site's files and that one page)."""
    folder = tmp_path_factory.mktemp("thousand")
    for child in site_dir.iterdir():
        if child.name != "graph":
            (folder / child.name).symlink_to(child)
    html = (site_dir / "graph" / "index.html").read_text(encoding="utf-8")
    start = html.index('<figure class="fg-graph fg-graph--overview')
    end = html.index("</details>", start) + len("</details>")
    (folder / "graph").mkdir()
    (folder / "graph" / "index.html").write_text(
        html[:start] + synthetic(1000).overview_svg("../") + html[end:], encoding="utf-8")
    with serve_folder(folder) as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
def test_a_thousand_terms_stay_readable(sized: Callable[..., Any], thousand: str,
                                        width: int) -> None:
    page = sized("graph/", width, base=thousand)
    svg = page.locator("figure.fg-graph--overview svg")
    assert svg.locator("a.fg-graph__node").count() == 1000
    found = names(svg)
    assert 15 <= found["count"] <= 200
    no_sideways_scroll(page)
    concept = synthetic(1000)
    hub = concept.priority()[0]
    expect(svg.locator(f'a[data-slug="{hub}"]')).to_have_class(re.compile(r"\bis-labelled\b"))
    quiet = concept.priority()[-1]
    page.get_by_label("Find a term", exact=True).fill(concept.names[quiet])
    page.get_by_label("Find a term", exact=True).press("Enter")
    node = svg.locator(f'a[data-slug="{quiet}"]')
    expect(node).to_be_focused()
    expect(node.locator("text")).to_be_visible()
    names(svg)
    stops = tab_stops(page, "figure.fg-graph--overview")
    assert len(stops) == 6
    page.get_by_role("button", name="Whole graph").click()
    for _ in range(3):
        page.get_by_role("button", name="Zoom in").click()
        names(svg)
    assert page.errors == []
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"graph-1000-{width}.png"), full_page=True)

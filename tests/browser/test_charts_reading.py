"""Reading the charts as people do: nearest-point tooltips everywhere, legible on a phone.

Issue 10: every chart shows, anywhere the pointer goes over it, the tooltip of the nearest
point with its series named (never "undefined" or "NaN"); at 390 px no chart text, static
image or live chart, renders below 11 px; sliders move by touch.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from support import NOTEBOOKS

from glossary_site import charts

FLYWHEEL = "terms/data-flywheel/"
LIVE_TIMEOUT = 15_000
PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 11.0
# The first row of every chart's tooltip names the series the nearest point belongs to.
SERIES_TITLES = {"Run", "Example", "Ranking", "Market", "Curve"}

OpenPage = Callable[..., Any]

# Smallest rendered size of visible SVG text inside ``root``: font size × the SVG's scale.
SMALLEST_LIVE_TEXT = """root => {
  let smallest = Infinity, count = 0;
  for (const svg of root.querySelectorAll("svg")) {
    const box = svg.getBoundingClientRect();
    const own = svg.viewBox.baseVal && svg.viewBox.baseVal.width
      ? svg.viewBox.baseVal.width : svg.width.baseVal.value;
    if (!box.width || !own) continue;
    const scale = box.width / own;
    for (const text of svg.querySelectorAll("text")) {
      const style = getComputedStyle(text);
      if (!text.textContent.trim() || style.visibility === "hidden") continue;
      if (Number(style.opacity) === 0 || Number(text.getAttribute("opacity")) === 0) continue;
      if (text.getBBox().width === 0) continue;
      smallest = Math.min(smallest, parseFloat(style.fontSize) * scale);
      count += 1;
    }
  }
  return {smallest, count};
}"""

# The same for the static images: their SVG files' font sizes × the image's shown scale.
SMALLEST_STATIC_TEXT = """async img => {
  const source = await (await fetch(img.currentSrc || img.src)).text();
  const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
  const own = parseFloat(svg.getAttribute("width"));
  const scale = img.getBoundingClientRect().width / own;
  let smallest = Infinity, count = 0;
  for (const text of svg.querySelectorAll("text")) {
    if (!text.textContent.trim() || text.getAttribute("opacity") === "0") continue;
    smallest = Math.min(smallest, parseFloat(text.getAttribute("font-size")) * scale);
    count += 1;
  }
  return {smallest, count};
}"""


# Text of a live chart that sticks out of its SVG (and so is cut off).
CLIPPED_TEXT = """root => {
  const svg = root.querySelector("svg.marks"), edge = svg.getBoundingClientRect();
  return [...svg.querySelectorAll("text")].filter((text) => {
    const box = text.getBoundingClientRect();
    return box.width > 0 && (box.right > edge.right + 0.5 || box.left < edge.left - 0.5);
  }).map((text) => text.textContent);
}"""


def live_figures(visit: Any) -> list[tuple[Any, Any]]:
    """Every chart figure on the page, scrolled into view and live: (figure, chart svg)."""
    found = visit.page.locator("figure.fg-chart").all()
    assert found, "no chart figures on the page"
    out = []
    for figure in found:
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
        chart = figure.locator(".fg-chart__live svg.marks")
        expect(chart).to_be_visible()
        out.append((figure, chart))
    return out


def tooltip_rows(page: Any) -> list[tuple[str, str]]:
    tip = page.locator("#vg-tooltip-element")
    expect(tip).to_be_visible(timeout=3_000)
    return [
        (row.locator("td.key").inner_text(), row.locator("td.value").inner_text())
        for row in tip.locator("tr").all()
    ]


def test_every_chart_shows_the_nearest_points_tooltip_with_its_series(
    open_page: OpenPage,
) -> None:
    visit = open_page(FLYWHEEL)
    page = visit.page
    expected = {f"chart-{cid}" for cid in charts.chart_ids()}
    seen = set()
    for figure, chart in live_figures(visit):
        figure.scroll_into_view_if_needed()
        plot = chart.locator(".role-frame.root > g > path.background").first
        box = plot.bounding_box() or chart.bounding_box()
        assert box is not None
        tips = []
        # Sweep across the plot at a height with no line necessarily under the pointer.
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
            page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * 0.15)
            rows = tooltip_rows(page)
            text = " ".join(f"{k} {v}" for k, v in rows)
            assert rows, f"{figure.get_attribute('id')}: empty tooltip"
            assert "undefined" not in text and "NaN" not in text, text
            assert all(value.strip() for _, value in rows), text
            key, value = rows[0]
            assert key.rstrip(":") in SERIES_TITLES, text
            tips.append(text)
        # The tooltip follows the pointer: the sweep hit different points.
        assert len(set(tips)) > 1, tips
        page.mouse.move(0, 0)
        seen.add(figure.get_attribute("id"))
    assert seen == expected
    assert visit.errors == []


def phone_page(browser: Any, site_url: str, path: str, *, javascript: bool) -> Any:
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
        service_workers="block",
    )
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort()
    )
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    return context, page


def test_no_live_chart_text_is_below_11px_on_a_phone(browser: Any, site_url: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        sizes = []
        for figure in page.locator("figure.fg-chart").all():
            figure.scroll_into_view_if_needed()
            expect(figure).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
            result = figure.locator(".fg-chart__live").evaluate(SMALLEST_LIVE_TEXT)
            assert result["count"] > 5
            sizes.append(result["smallest"])
            box = figure.locator(".fg-chart__live svg.marks").bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            assert figure.locator(".fg-chart__live").evaluate(CLIPPED_TEXT) == []
        assert sizes and min(sizes) >= MIN_TEXT_PX, sizes
    finally:
        context.close()


def test_no_static_chart_text_is_below_11px_on_a_phone(browser: Any, site_url: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        # The static images as shown without JavaScript: measured before any chart is live.
        sizes = []
        for img in page.locator("figure.fg-chart img.fg-chart__img--light").all():
            result = img.evaluate(SMALLEST_STATIC_TEXT)
            assert result["count"] > 5
            sizes.append(result["smallest"])
        assert sizes and min(sizes) >= MIN_TEXT_PX, sizes
    finally:
        context.close()




@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_notebook_chart_text_is_below_11px_on_a_phone(
    browser: Any, site_url: str, name: str
) -> None:
    context, page = phone_page(browser, site_url, f"notebooks/{name}/", javascript=True)
    try:
        images = page.locator(".fg-nb-chart img").all()
        shown = [img for img in images if img.is_visible()]
        assert shown and len(shown) * 2 == len(images)  # one image per palette
        sizes = []
        for img in shown:
            result = img.evaluate(SMALLEST_STATIC_TEXT)
            assert result["count"] > 5
            sizes.append(result["smallest"])
        assert min(sizes) >= MIN_TEXT_PX, sizes
    finally:
        context.close()


@pytest.mark.parametrize("chart_id", ["moat", "plateau", "privacy"])
def test_sliders_move_by_touch(browser: Any, site_url: str, chart_id: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        figure = page.locator(f"#chart-{chart_id}")
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
        slider = figure.locator(".fg-chart__live input[type=range]")
        before = slider.input_value()
        box = slider.bounding_box()
        assert box is not None and box["height"] >= 24  # a finger-sized target
        page.touchscreen.tap(box["x"] + box["width"] * 0.97, box["y"] + box["height"] / 2)
        expect(slider).not_to_have_value(before)
        assert slider.get_attribute("aria-label")
        assert slider.input_value() in (slider.get_attribute("aria-valuetext") or "")
    finally:
        context.close()


def test_the_vega_bundle_loads_only_when_a_chart_nears_the_viewport(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 500}, service_workers="block")
    requested: list[str] = []
    context.route(
        "**/*",
        lambda r: (requested.append(r.request.url), r.continue_())
        if r.request.url.startswith(site_url)
        else r.abort(),
    )
    page = context.new_page()
    try:
        page.goto(site_url + FLYWHEEL, wait_until="load")
        page.wait_for_load_state("networkidle")
        first = page.locator("figure.fg-chart").first
        top = first.evaluate("f => f.getBoundingClientRect().top")
        # Data Flywheel opens with text: its first chart starts well below the fold.
        assert top >= 500 + 300, "no chart may sit near the top of the page for this test"
        assert not any(u.endswith("vega-bundle.js") for u in requested)
        assert not any(u.endswith(".vl.json") for u in requested)
        assert page.evaluate("typeof window.vegaEmbed") == "undefined"
        first.scroll_into_view_if_needed()
        expect(first).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
        assert sum(u.endswith("vega-bundle.js") for u in requested) == 1
    finally:
        context.close()


def test_captions_describe_what_is_live(open_page: OpenPage) -> None:
    static = open_page(FLYWHEEL, javascript=False)
    for caption in static.page.locator("figure.fg-chart figcaption").all():
        text = caption.inner_text().lower()
        assert "slider" not in text and "interactive" not in text, text
    visit = open_page(FLYWHEEL)
    for figure, _ in live_figures(visit):
        hint = figure.locator("figcaption .fg-chart__hint")
        expect(hint).to_have_count(1)
        has_slider = figure.locator(".fg-chart__live input[type=range]").count() > 0
        assert ("slider" in hint.inner_text()) == has_slider


def test_each_chart_offers_its_data_as_a_table(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL, javascript=False)
    for figure in visit.page.locator("figure.fg-chart").all():
        table = figure.locator("details.fg-chart__table table")
        expect(table).to_have_count(1)
        assert table.locator("thead th").count() >= 2
        assert table.locator("tbody tr").count() >= 2
        assert "undefined" not in table.inner_text() and "NaN" not in table.inner_text()


# Issue 19, point 8: touch, and the data tables on a phone.

TOOLTIP_SHOWN = """() => {
  const tip = document.getElementById("vg-tooltip-element");
  return !!tip && tip.classList.contains("visible") && getComputedStyle(tip).display !== "none";
}"""
# Hover points drawn opaque (the nearest point's x is highlighted), legend symbols aside.
HIGHLIGHTED = """figure => [...figure.querySelectorAll(".fg-chart__live .mark-symbol path")]
  .filter(p => !p.closest(".role-legend") && Number(p.getAttribute("opacity") ?? 1) > 0).length"""


def live_on_phone(page: Any, chart_id: str) -> tuple[Any, dict[str, float]]:
    """The figure of ``chart_id``, live and in view on the phone page, and its plot's box."""
    figure = page.locator(f"#chart-{chart_id}")
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
    chart = figure.locator(".fg-chart__live svg.marks")
    # The chart's top 120 px down the screen: clear of Material's sticky header.
    chart.evaluate("svg => window.scrollBy(0, svg.getBoundingClientRect().top - 120)")
    plot = chart.locator(".role-frame.root > g > path.background").first
    box = plot.bounding_box()
    assert box is not None and box["y"] >= 100 and box["y"] + box["height"] < PHONE["height"]
    return figure, box


def rows_change(page: Any, before: list[tuple[str, str]], seconds: float = 3.0) -> bool:
    """Whether the tooltip's rows come to differ from ``before`` within ``seconds`` (a
    loaded machine may take more than one frame to move it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate(TOOLTIP_SHOWN) and tooltip_rows(page) != before:
            return True
        page.wait_for_timeout(50)
    return False


def tooltip_shown(page: Any, shown: bool) -> bool:
    """Whether the tooltip comes to be shown (or hidden) within 3 s."""
    try:
        page.wait_for_function(f"() => ({TOOLTIP_SHOWN})() === {str(shown).lower()}",
                               timeout=3_000)
    except PlaywrightTimeoutError:
        return False
    return True


def test_a_tap_shows_the_nearest_points_tooltip_until_a_tap_elsewhere(
    browser: Any, site_url: str
) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        figure, box = live_on_phone(page, "loop")
        assert figure.evaluate(HIGHLIGHTED) == 0
        # A tap above the lines, where no line is under the finger.
        page.touchscreen.tap(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.1)
        assert tooltip_shown(page, True), "a tap showed no tooltip"
        first = tooltip_rows(page)
        assert first[0][0].rstrip(":") == "Run" and "undefined" not in str(first)
        page.wait_for_timeout(600)  # the tooltip stays after the finger has lifted
        assert page.evaluate(TOOLTIP_SHOWN)
        assert figure.evaluate(HIGHLIGHTED) > 0, "the nearest points are not highlighted"
        # Another tap on the chart moves it to the point nearest that tap.
        page.touchscreen.tap(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.1)
        assert rows_change(page, first), "a second tap did not move the tooltip"
        # A tap outside the chart hides it and the highlight.
        caption = figure.locator("figcaption .fg-chart__title")
        caption.scroll_into_view_if_needed()
        tap = caption.bounding_box()
        assert tap is not None
        page.touchscreen.tap(tap["x"] + 5, tap["y"] + tap["height"] / 2)
        assert tooltip_shown(page, False), "a tap elsewhere left the tooltip"
        assert figure.evaluate(HIGHLIGHTED) == 0
    finally:
        context.close()


def test_lifting_the_finger_after_a_drag_hides_the_tooltip(browser: Any, site_url: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        figure, box = live_on_phone(page, "loop")
        touch = context.new_cdp_session(page)
        x, y = box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.1
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart",
                                                "touchPoints": [{"x": x, "y": y}]})
        assert tooltip_shown(page, True), "touching the chart showed no tooltip"
        before = tooltip_rows(page)
        for step in range(1, 9):  # a horizontal drag along the chart
            touch.send("Input.dispatchTouchEvent", {
                "type": "touchMove", "touchPoints": [{"x": x + step * 25, "y": y}]})
        assert rows_change(page, before), "the tooltip did not follow the finger"
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert tooltip_shown(page, False), "the tooltip stayed after the finger lifted"
        assert figure.evaluate(HIGHLIGHTED) == 0
    finally:
        context.close()


def test_the_mouse_still_shows_and_hides_tooltips_after_a_touch(
    browser: Any, site_url: str
) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        _, box = live_on_phone(page, "loop")
        page.touchscreen.tap(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.1)
        assert tooltip_shown(page, True)
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.2)
        page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.2)
        assert tooltip_shown(page, True)
        page.mouse.move(1, 1)
        assert tooltip_shown(page, False), "the mouse leaving the chart left the tooltip"
    finally:
        context.close()


@pytest.mark.parametrize("chart_id", ["examples", "moat"])  # the longest series names
def test_a_tapped_tooltip_stays_on_a_phones_screen_beside_the_finger(
    browser: Any, site_url: str, chart_id: str
) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        _, box = live_on_phone(page, chart_id)
        for fx, fy in ((0.05, 0.1), (0.5, 0.5), (0.95, 0.9)):
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            page.touchscreen.tap(x, y)
            assert tooltip_shown(page, True)
            page.wait_for_timeout(200)
            tip = page.locator("#vg-tooltip-element").bounding_box()
            assert tip is not None
            assert tip["x"] >= 0 and tip["x"] + tip["width"] <= PHONE["width"], (fx, tip)
            assert tip["y"] >= 0 and tip["y"] + tip["height"] <= PHONE["height"], (fy, tip)
            covers = (tip["x"] <= x <= tip["x"] + tip["width"]
                      and tip["y"] <= y <= tip["y"] + tip["height"])
            assert not covers, "the tooltip hides the point it describes"
    finally:
        context.close()


def test_the_data_tables_fit_a_phone(browser: Any, site_url: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        tables = page.locator("details.fg-chart__table")
        assert tables.count() > 0
        for details in tables.all():
            details.locator("summary").click()
            expect(details.locator("table")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        wide = 0
        for box in page.locator(".fg-chart__table-scroll").all():
            sizes = box.evaluate("""box => ({client: box.clientWidth, scroll: box.scrollWidth,
                table: box.querySelector("table").getBoundingClientRect().width,
                right: box.getBoundingClientRect().right,
                inner: box.querySelectorAll(".md-typeset__scrollwrap").length})""")
            assert sizes["right"] <= PHONE["width"]
            assert sizes["inner"] == 0  # one scroll box, not Material's inside ours
            if sizes["table"] > sizes["client"] + 1:  # too wide: it scrolls in its own box
                wide += 1
                assert sizes["scroll"] >= sizes["table"] - 1
                box.evaluate("box => box.scrollLeft = box.scrollWidth")
                assert box.evaluate("box => box.scrollLeft") > 0
        assert page.evaluate("window.scrollX") == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert wide < tables.count(), "no table fits a phone without scrolling"
    finally:
        context.close()


def test_the_table_names_its_columns_with_the_tooltips_words(browser: Any, site_url: str) -> None:
    context, page = phone_page(browser, site_url, FLYWHEEL, javascript=True)
    try:
        figure, box = live_on_phone(page, "loop")
        page.touchscreen.tap(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.1)
        assert tooltip_shown(page, True)
        keys = [key.rstrip(":") for key, _ in tooltip_rows(page)]
        values = dict((key.rstrip(":"), value) for key, value in tooltip_rows(page))
        headers = figure.locator("details.fg-chart__table thead th").all_text_contents()
        assert len(headers) == len(keys)
        for key, header in zip(keys, headers, strict=True):
            assert header.startswith(key) or header.endswith(key), (keys, headers)
        # Cells are written as the tooltip writes them: "61.1%", "0.841".
        cells = figure.locator("details.fg-chart__table tbody tr").first.locator("td")
        users = cells.nth(keys.index("Users")).text_content() or ""
        assert users.endswith("%") and values["Users"].endswith("%")
        quality = cells.nth(keys.index("Quality")).text_content() or ""
        assert len(quality.split(".")[1]) == len(values["Quality"].split(".")[1])
    finally:
        context.close()

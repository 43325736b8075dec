"""Reading the charts as people do: nearest-point tooltips everywhere, legible on a phone.

Issue 10: every chart shows, anywhere the pointer goes over it, the tooltip of the nearest
point with its series named (never "undefined" or "NaN"); at 390 px no chart text, static
image or live chart, renders below 11 px; sliders move by touch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
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

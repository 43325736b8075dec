"""The charts in a real Chromium: interactive with JavaScript, static without, never off-site."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support import NOTEBOOKS

from glossary_site import charts

FLYWHEEL = "terms/data-flywheel/"
SLIDER_CHARTS = {"plateau", "privacy", "moat"}  # issue 4: these let the reader move a parameter
LIVE_TIMEOUT = 15_000

OpenPage = Callable[..., Any]  # the open_page fixture (conftest.py); returns a Visit


def figures(visit: Any) -> list[Any]:
    found = visit.page.locator("figure.fg-chart").all()
    assert found, "no chart figures on the page"
    return found


def make_live(figure: Any) -> Any:
    """Scroll a figure into view and wait for the interactive chart; return its SVG."""
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-fg-state", "live", timeout=LIVE_TIMEOUT)
    chart = figure.locator(".fg-chart__live svg.marks")
    expect(chart).to_be_visible()
    return chart


def test_the_data_flywheel_page_has_a_figure_per_chart(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL)
    ids = {f.get_attribute("id") for f in figures(visit)}
    assert ids == {f"chart-{cid}" for cid in charts.chart_ids()}


def test_each_figure_becomes_a_rendered_chart(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL)
    for figure in figures(visit):
        chart = make_live(figure)
        box = chart.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50
        assert chart.locator("path, rect, line").count() > 0
        expect(figure.locator(".fg-chart__static")).to_be_hidden()
        expect(figure.locator("figcaption")).to_be_visible()
    assert visit.errors == []
    assert visit.foreign == []


def test_moving_a_slider_changes_the_chart(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL)
    with_sliders = set()
    for figure in figures(visit):
        chart = make_live(figure)
        sliders = figure.locator(".fg-chart__live input[type=range]")
        if sliders.count() == 0:
            continue
        with_sliders.add(figure.get_attribute("id").removeprefix("chart-"))
        for slider in sliders.all():
            before = chart.inner_html()
            value = slider.input_value()
            slider.focus()
            slider.press("End" if value != slider.get_attribute("max") else "Home")
            assert slider.input_value() != value, "the slider did not move"
            # Vega redraws asynchronously: wait until the marks differ.
            handle = chart.element_handle()
            visit.page.wait_for_function(
                "([svg, before]) => svg.innerHTML !== before", arg=[handle, before],
                timeout=5_000,
            )
            assert chart.inner_html() != before
    on_page = {f.get_attribute("id").removeprefix("chart-") for f in figures(visit)}
    assert with_sliders, "no chart on the page has a slider"
    assert SLIDER_CHARTS & on_page <= with_sliders
    assert visit.errors == []
    assert visit.foreign == []


def test_without_javascript_the_static_svgs_are_visible(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL, javascript=False)
    for figure in figures(visit):
        figure.scroll_into_view_if_needed()
        light = figure.locator("img.fg-chart__img--light")
        expect(light).to_be_visible()
        expect(figure.locator("img.fg-chart__img--dark")).to_be_hidden()
        expect(light).to_have_js_property("complete", True, timeout=LIVE_TIMEOUT)
        assert light.evaluate("img => img.naturalWidth") > 0
        alt = light.get_attribute("alt")
        assert alt and alt in figure.locator("figcaption").inner_text()
        assert figure.locator(".fg-chart__live").count() == 0
    assert visit.foreign == []


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_charts_follow_the_dark_palette_and_its_toggle(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL, color_scheme="dark")
    page = visit.page
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    figure = next(
        (f for f in figures(visit) if f.get_attribute("id") in {"chart-plateau", "chart-moat"}),
        figures(visit)[0],
    )
    make_live(figure)
    chart = figure.locator(".fg-chart__live svg.marks")  # re-found after each re-render
    dark = rgb(charts.THEMES["dark"]["config"]["background"])
    light = rgb(charts.THEMES["light"]["config"]["background"])
    expect(chart).to_have_css("background-color", dark)
    slider = figure.locator(".fg-chart__live input[type=range]").first
    moved = None
    if slider.count():
        slider.focus()
        slider.press("Home")
        moved = slider.input_value()

    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect(chart).to_have_css("background-color", light, timeout=LIVE_TIMEOUT)
    if moved is not None:  # the re-rendered chart keeps the reader's slider setting
        expect(figure.locator(".fg-chart__live input[type=range]").first).to_have_value(moved)
    assert visit.errors == []


def test_a_chart_whose_spec_fails_keeps_its_static_image(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL, block=lambda url: url.endswith(".vl.json"))
    figure = figures(visit)[0]
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-fg-state", "static", timeout=LIVE_TIMEOUT)
    expect(figure.locator("img.fg-chart__img--light")).to_be_visible()
    assert figure.locator(".fg-chart__live").count() == 0
    assert [e for e in visit.errors if "vl.json" not in e and "Failed to load" not in e] == []


@pytest.mark.parametrize("path", ["", FLYWHEEL, "tags/", *(f"notebooks/{n}/" for n in NOTEBOOKS)])
def test_no_request_leaves_the_site(open_page: OpenPage, path: str) -> None:
    visit = open_page(path)
    page = visit.page
    page.mouse.wheel(0, 20_000)  # bring every lazy image and chart into view
    page.wait_for_load_state("networkidle")
    for figure in page.locator("figure.fg-chart").all():
        make_live(figure)
    page.wait_for_load_state("networkidle")
    assert visit.local, "the page made no request at all"
    assert visit.foreign == []


@pytest.mark.skipif(not NOTEBOOKS, reason="docs/notebooks/ has no notebooks yet")
@pytest.mark.parametrize("name", NOTEBOOKS or ["none"])
def test_a_notebook_page_shows_its_chart(open_page: OpenPage, name: str) -> None:
    visit = open_page(f"notebooks/{name}/")
    page = visit.page
    chart = page.locator(".jp-OutputArea-output svg.marks, .jp-OutputArea-output img").first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50
    assert chart.locator("path, rect, line").count() > 0 or chart.evaluate(
        "img => img.naturalWidth"
    ) > 0
    assert page.locator(".jp-OutputArea-output table.dataframe").count() > 0
    assert visit.errors == []
    assert visit.foreign == []


def test_hovering_a_point_shows_a_tooltip(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL)
    page = visit.page
    for figure in figures(visit):
        chart = make_live(figure)
        points = chart.locator(".mark-symbol path")
        if points.count() == 0:
            continue
        points.nth(points.count() // 2).hover(force=True)
        expect(page.locator("#vg-tooltip-element")).to_be_visible()
        assert page.locator("#vg-tooltip-element td").count() > 0
        break
    else:
        pytest.fail("no chart on the Data Flywheel page draws points to hover")
    assert visit.errors == []

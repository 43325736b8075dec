"""Notebook pages follow Material's palette: charts and code cells, light and dark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support import NOTEBOOKS

OpenPage = Callable[..., Any]


def luminance(css_colour: str) -> float:
    """Relative brightness 0..1 of an 'rgb(r, g, b)' or 'rgba(…)' colour."""
    parts = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    red, green, blue = (float(p) for p in parts[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("name", NOTEBOOKS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_charts_and_code_follow_the_palette(
    open_page: OpenPage, name: str, scheme: str
) -> None:
    visit = open_page(f"notebooks/{name}/", color_scheme=scheme)
    page = visit.page
    shown, hidden = ("only-dark", "only-light") if scheme == "dark" else ("only-light", "only-dark")
    chart = page.locator(".fg-nb-chart").first
    chart.scroll_into_view_if_needed()
    expect(chart.locator(f'img[src$="#{shown}"]')).to_be_visible()
    expect(chart.locator(f'img[src$="#{hidden}"]')).to_be_hidden()
    code = page.locator(".jupyter-wrapper .highlight-ipynb").first
    background = code.evaluate("e => getComputedStyle(e).backgroundColor")
    text = page.locator(".jupyter-wrapper .jp-RenderedHTMLCommon, .jupyter-wrapper p").first
    colour = text.evaluate("e => getComputedStyle(e).color")
    if scheme == "dark":
        assert luminance(background) < 0.3 and luminance(colour) > 0.6, (background, colour)
    else:
        assert luminance(background) > 0.8 and luminance(colour) < 0.4, (background, colour)
    assert visit.errors == []

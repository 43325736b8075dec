"""For the concept graph's unit, site and browser tests: a synthetic glossary of any size,
and label boxes read back from the SVG (the drawings as written, not the engine's own
record of them)."""

from __future__ import annotations

import random
import re

import networkx as nx
from bs4 import BeautifulSoup

from glossary_site.emit import graph
from glossary_site.emit import graph_labels as labels
from glossary_site.emit.graph import ConceptGraph

WORDS = ("data model user quality feedback loop signal ranking error market share learning "
         "curve plateau privacy consent bias exposure catalogue moat entrant retrieval "
         "augmented generation reinforcement from human exploration–exploitation").split()


def synthetic(n: int, seed: int = 7) -> ConceptGraph:
    """``n`` terms with names of one to five words (some long), linked by preferential
    attachment (a few hubs, many terms with two or three links), twenty tags."""
    rnd = random.Random(seed)
    links = nx.barabasi_albert_graph(n, 2, seed=seed)
    names = {f"t{i:04d}": " ".join(rnd.choice(WORDS).capitalize()
                                   for _ in range(rnd.randint(1, 5))) for i in range(n)}
    edges = [(f"t{a:04d}", f"t{b:04d}", "related" if rnd.random() < 0.7 else "mention")
             for a, b in links.edges]
    return ConceptGraph(names, edges, {s: f"tag {i % 20}" for i, s in enumerate(names)})


def soup(svg: str) -> BeautifulSoup:
    return BeautifulSoup(svg, "html.parser")


def local_boxes(svg: str) -> tuple[list[labels.Box], list[labels.Box], labels.Box]:
    """From a neighbourhood's SVG: each name's box (its x, y, anchor and lines, at its
    kind's font size and line height), each dot's box, and the drawing's bounds."""
    page = soup(svg)
    x0, y0, width, height = (float(v) for v in page.svg["viewbox"].split())
    names, dots = [], []
    for node in page.select(".fg-graph__node"):
        kind = next(k for k in graph.LOCAL_KINDS if f"fg-graph__node--{k}" in node["class"])
        _, size, line, most = graph.LOCAL_KINDS[kind]
        text = node.find("text")
        spans = text.find_all("tspan")
        assert 1 <= len(spans) <= most
        assert all(t["x"] == text["x"] for t in spans)
        assert [t.get("dy") for t in spans[1:]] == [str(line)] * (len(spans) - 1)
        names.append(labels.label_box(float(text["x"]), float(text["y"]), text["text-anchor"],
                                      [t.get_text() for t in spans], size, line,
                                      kind == "centre"))
        circle = node.circle
        dots.append(labels.circle_box(float(circle["cx"]), float(circle["cy"]),
                                      float(circle["r"])))
    return names, dots, (x0, y0, x0 + width, y0 + height)


def overview_boxes(svg: str, which: str, scale: float) -> tuple[list[labels.Box],
                                                                 list[tuple[str, labels.Box]]]:
    """From the whole graph's SVG, in screen pixels at ``scale``: the boxes of the names of
    the static set ``which``, and each term's dot, in drawing order (most linked last)."""
    page = soup(svg)
    names, dots = [], []
    for node in page.select("a.fg-graph__node"):
        circle = node.circle
        x, y = float(circle["cx"]) * scale, float(circle["cy"]) * scale
        size = int(re.search(r"fg-graph__node--size-(\d)", " ".join(node["class"]))[1])
        dots.append((node["data-slug"], labels.circle_box(x, y, graph.NODE_RADII[size])))
        for text in node.select(f"text.fg-graph__label--{which}"):
            assert (text["x"], text["y"]) == (circle["cx"], circle["cy"])
            dx = float(text["dx"].removesuffix("em")) * graph.LABEL_PX
            dy = float(text["dy"].removesuffix("em")) * graph.LABEL_PX
            names.append(labels.label_box(x + dx, y + dy, text["text-anchor"],
                                          [text.get_text()], graph.LABEL_PX, 0))
    return names, dots

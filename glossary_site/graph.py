"""The concept graph: terms joined by their links, laid out once at build time, drawn as SVG.

:class:`ConceptGraph` takes a generic list of :data:`Edge` tuples (``related`` links today;
``mentions`` once the glossary has them, see :func:`glossary_edges`), lays the whole graph
out once, and draws

* each term's neighbourhood (terms one and two steps away) as a small radial SVG whose
  nodes are links to the terms, and
* the whole glossary, nodes coloured by their first tag, on the Graph page.

Layouts are deterministic: networkx's spring layout with a fixed seed up to
:data:`SPRING_LIMIT` nodes, an O(n) ring grouped by tag above it (the spring layout is
O(n²) per iteration). Neighbourhoods reuse the global layout only to orient themselves, so
each costs O(neighbours). The SVG comes from an autoescaped Jinja template: names are
hostile plain text. :func:`graph_files` is the emitter: ``{path: content}`` for the Graph
page and the assets.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .resolve import Glossary

Edge = tuple[str, str, str]
"""(slug, slug, kind): an undirected link between two terms; kind is e.g. ``related``."""

SEED = 20240611
"""Seed of the spring layout: the same glossary always gets the same picture."""
SPRING_LIMIT = 400
"""Above this many terms the whole graph is laid out on a ring grouped by tag (O(n))."""
RING1_MAX = 14
"""At most this many direct neighbours are drawn; the rest are counted in the caption."""
RING2_MAX = 16
"""At most this many terms two steps away are drawn."""
LABEL_MAX = 26
"""Longer names are shortened on the drawing (the node's title keeps the full name)."""
OVERVIEW_LABEL_LIMIT = 150
"""The whole graph shows names next to nodes up to this many terms (titles always)."""
TAG_COLOURS = 16
"""Number of tag colour classes in graph.css (``fg-graph__node--tag-0`` …)."""

LOCAL_MARKER = "<!-- glossary:graph -->"
"""Left by the term template where the term's neighbourhood is drawn."""
OVERVIEW_MARKER = "<!-- glossary:graph-overview -->"
"""Left by the Graph page's template where the whole graph is drawn."""
PAGE_PATH = "graph.md"
"""Source path of the Graph page (its URL is ``graph/``)."""
SCRIPT_PATH = "assets/javascripts/graph.js"
STYLE_PATH = "assets/stylesheets/graph.css"
_ASSETS = Path(__file__).with_name("assets")

_ENV = Environment(loader=PackageLoader("glossary_site", "templates"),
                   autoescape=select_autoescape(["html.j2", "md.j2"], default=True),
                   trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
                   auto_reload=False)  # templates are package files: no stat per page


def glossary_edges(glossary: Glossary) -> list[Edge]:
    """Every link between two terms: curated related links, and mentions when present."""
    edges = [(slug, other, "related") for slug, term in glossary.terms.items()
             for other in term.related]
    # Mentions (links.py): a map slug → slugs, in whichever direction; undirected here.
    mentions: Mapping[str, Iterable[str]] = getattr(glossary, "mentions", None) or {}
    edges += [(slug, other, "mention") for slug, others in mentions.items()
              for other in others if isinstance(other, str)]
    return edges


def term_href(slug: str, root: str, directory_urls: bool = True) -> str:
    """URL of a term page from a page whose way back to the site root is ``root``."""
    return f"{root}terms/{slug}/" if directory_urls else f"{root}terms/{slug}.html"


def shorten(name: str, limit: int = LABEL_MAX) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Node:
    """A drawn node: where it sits, how it is labelled, what it links to."""

    slug: str
    name: str
    label: str
    x: float
    y: float
    href: str
    kind: str
    anchor: str = "middle"
    lx: float = 0.0
    ly: float = 0.0
    tag: str = ""


@dataclass(frozen=True)
class DrawnEdge:
    """A drawn edge: its two nodes, its kind and its SVG path."""

    a: Node
    b: Node
    kind: str
    d: str


class ConceptGraph:
    """The glossary as an undirected graph, laid out once."""

    def __init__(self, names: Mapping[str, str], edges: Iterable[Edge],
                 first_tags: Mapping[str, str] | None = None) -> None:
        self.names = dict(names)
        self.first_tags = dict(first_tags or {})
        self.graph: nx.Graph = nx.Graph()
        self.graph.add_nodes_from(sorted(self.names))
        kinds: dict[tuple[str, str], str] = {}
        for a, b, kind in edges:
            if a == b or a not in self.names or b not in self.names:
                continue
            key = (a, b) if a < b else (b, a)
            # A curated related link wins over a mention of the same pair.
            if kinds.get(key) != "related":
                kinds[key] = kind
        for (a, b), kind in sorted(kinds.items()):
            self.graph.add_edge(a, b, kind=kind)
        self.positions = self._layout()
        self._drawn: dict[tuple[str, str, bool], str] = {}
        # Plain dicts for drawing (networkx's views cost a call per lookup), made once.
        self._kinds: dict[str, dict[str, str]] = {
            n: {m: data["kind"] for m, data in self.graph.adj[n].items()} for n in self.graph}
        self._neighbours: dict[str, list[str]] = {}

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> ConceptGraph:
        """The graph of every term in ``glossary`` and its :func:`glossary_edges`."""
        names = {slug: term.term for slug, term in glossary.terms.items()}
        tags = {slug: term.tags[0] for slug, term in glossary.terms.items() if term.tags}
        return cls(names, glossary_edges(glossary), tags)

    def _order(self) -> list[str]:
        return sorted(self.names, key=lambda s: (self.first_tags.get(s, "\uffff"),
                                                 self.names[s].casefold(), s))

    def _layout(self) -> dict[str, tuple[float, float]]:
        """Positions in [-1, 1]²: spring layout with a fixed seed, or a tag-grouped ring."""
        n = len(self.names)
        if n == 0:
            return {}
        if n <= SPRING_LIMIT:
            pos = nx.spring_layout(self.graph, seed=SEED)
            return {s: (float(p[0]), float(p[1])) for s, p in pos.items()}
        order = self._order()
        return {s: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n))
                for i, s in enumerate(order)}

    def neighbours(self, slug: str) -> list[str]:
        """Direct neighbours of ``slug``, by name."""
        if slug not in self._neighbours:
            self._neighbours[slug] = sorted(self._kinds[slug], key=self._name_key)
        return list(self._neighbours[slug])

    def _name_key(self, slug: str) -> tuple[str, str]:
        return (self.names[slug].casefold(), slug)

    def neighbourhood(self, slug: str) -> tuple[list[str], dict[str, str]]:
        """Terms one step from ``slug`` and those two steps away (each → its first parent).

        Both are capped (:data:`RING1_MAX`, :data:`RING2_MAX`); nothing further than two
        steps is ever returned.
        """
        # Curated related terms first, then mentions; the ring is shown by name.
        kinds = self._kinds[slug]
        near = sorted(self.neighbours(slug), key=lambda o: kinds[o] != "related")
        ring1 = sorted(near[:RING1_MAX], key=self._name_key)
        seen = {slug, *kinds}
        ring2: dict[str, str] = {}
        for parent in ring1:
            for other in self.neighbours(parent):
                if other not in seen and len(ring2) < RING2_MAX:
                    ring2[other] = parent
                    seen.add(other)
        return ring1, ring2

    def _angle(self, origin: str, slug: str) -> float:
        ox, oy = self.positions[origin]
        x, y = self.positions[slug]
        return math.atan2(y - oy, x - ox)

    def local_svg(self, slug: str, root: str = "../../", directory_urls: bool = True) -> str:
        """The neighbourhood of ``slug`` as a ``<figure>`` of SVG (drawn once, then kept)."""
        key = (slug, root, directory_urls)
        if key not in self._drawn:
            self._drawn[key] = self._draw_local(slug, root, directory_urls)
        return self._drawn[key]

    def _draw_local(self, slug: str, root: str, directory_urls: bool) -> str:
        """Draw the neighbourhood of ``slug`` as a ``<figure>`` of SVG (for a term page).

        Five columns: terms two steps away, direct neighbours, the term, direct neighbours,
        terms two steps away. Sides and order follow the whole graph's layout, so a term
        sits on the same side of its neighbour on every page.
        """
        ring1, ring2 = self.neighbourhood(slug)
        if not ring1:
            return ""
        x0, _ = self.positions[slug]
        ring1.sort(key=lambda s: (self.positions[s][0] < x0, -self.positions[s][1], s))
        right = ring1[: (len(ring1) + 1) // 2]
        left = ring1[len(ring1) // 2 + len(ring1) % 2:]
        left.sort(key=lambda s: (-self.positions[s][1], s))
        row = {s: i for i, s in enumerate(right)} | {s: i for i, s in enumerate(left)}
        outer_right = sorted((s for s in ring2 if ring2[s] in right),
                             key=lambda s: (row[ring2[s]], self._name_key(s)))
        outer_left = sorted((s for s in ring2 if ring2[s] in left),
                            key=lambda s: (row[ring2[s]], self._name_key(s)))
        columns = [(outer_left, 180, "far", "end"), (left, 320, "near", "middle"),
                   (right, 520, "near", "middle"), (outer_right, 660, "far", "start")]
        step = 38
        height = max(160, step * max(len(c[0]) for c in columns) + 50)
        width, mid = 840, height / 2
        nodes = [self._node(slug, 420, mid, "centre", "middle", root, directory_urls)]
        for members, x, kind, anchor in columns:
            top = mid - step * (len(members) - 1) / 2
            nodes += [self._node(s, x, top + step * i, kind, anchor, root, directory_urls)
                      for i, s in enumerate(members)]
        hidden = len(self._kinds[slug]) - len(ring1)
        return _ENV.get_template("graph-local.html.j2").render(
            name=self.names[slug], width=width, height=round(height), nodes=nodes,
            edges=self._edges(nodes, skip_far=True), hidden=hidden,
            graph_href=f"{root}graph/" if directory_urls else f"{root}graph.html")

    def _node(self, slug: str, x: float, y: float, kind: str, anchor: str, root: str,
              directory_urls: bool) -> Node:
        if kind == "centre":
            lx, ly = x, y + 27
        elif kind == "overview":
            lx, ly = x, y + 17
        elif anchor == "middle":
            lx, ly = x, y - 12
        else:
            lx, ly = x + (10 if anchor == "start" else -10), y + 4
        return Node(slug=slug, name=self.names[slug], label=shorten(self.names[slug]),
                    x=round(x, 1), y=round(y, 1), href=term_href(slug, root, directory_urls),
                    kind=kind, anchor=anchor, lx=round(lx, 1), ly=round(ly, 1),
                    tag=self.first_tags.get(slug, ""))

    def _edges(self, nodes: list[Node], skip_far: bool = False) -> list[DrawnEdge]:
        """Edges between drawn nodes; ``skip_far`` leaves out links between two far terms.

        Each edge carries its SVG path: straight, or bowed when both ends share a column
        (a straight line would run through the nodes between them).
        """
        at = {n.slug: n for n in nodes}
        adjacency = self._kinds
        pairs = sorted((a, b) for a in at for b in adjacency[a] if a < b and b in at)
        edges = []
        for a, b in pairs:
            p, q = at[a], at[b]
            if skip_far and p.kind == "far" and q.kind == "far":
                continue
            cx, cy = (p.x + q.x) / 2, (p.y + q.y) / 2
            if p.x == q.x and p.kind != "overview":
                bow = min(90.0, 12 + 0.4 * abs(p.y - q.y))
                cx += bow if p.x < 420 else -bow
            path = f"M{p.x} {p.y}Q{round(cx, 1)} {round(cy, 1)} {q.x} {q.y}"
            edges.append(DrawnEdge(p, q, adjacency[a][b], path))
        return edges

    def tag_classes(self) -> dict[str, int]:
        """First tag → colour class index, tags in alphabetical order."""
        return {tag: i % TAG_COLOURS
                for i, tag in enumerate(sorted(set(self.first_tags.values())))}

    def overview_svg(self, root: str = "../", directory_urls: bool = True) -> str:
        """The whole glossary as a ``<figure>`` of SVG, coloured by first tag, with a legend."""
        n = len(self.names)
        width, height = 960, 640 if n <= SPRING_LIMIT else 960
        margin = 110 if n <= OVERVIEW_LABEL_LIMIT else 20
        xs = [p[0] for p in self.positions.values()] or [0.0]
        ys = [p[1] for p in self.positions.values()] or [0.0]
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        nodes = []
        for slug in self._order():
            px, py = self.positions[slug]
            x = margin + (px - min(xs)) / span_x * (width - 2 * margin)
            y = 30 + (max(ys) - py) / span_y * (height - 60)
            nodes.append(self._node(slug, x, y, "overview", "middle", root, directory_urls))
        tags = self.tag_classes()
        counts = {tag: sum(1 for s in self.names if self.first_tags.get(s) == tag)
                  for tag in tags}
        untagged = sum(1 for s in self.names if s not in self.first_tags)
        return _ENV.get_template("graph-overview.html.j2").render(
            width=width, height=height, nodes=nodes, edges=self._edges(nodes), tags=tags,
            counts=counts, untagged=untagged, labels=n <= OVERVIEW_LABEL_LIMIT, count=n)


def graph_page(concept: ConceptGraph, keep: Callable[[str], str] = str) -> str:
    """The Graph page: Markdown with a marker where :func:`insert_graphs` draws the graph.

    ``keep`` hands the marker past the sanitiser (``EmitOptions.keep_html``).
    """
    return _ENV.get_template("graph-page.md.j2").render(
        marker=Markup(keep(OVERVIEW_MARKER)), count=len(concept.names),
        links=concept.graph.number_of_edges())


def asset_files() -> dict[str, str]:
    """Site path → text of the graph's script and stylesheet."""
    return {SCRIPT_PATH: (_ASSETS / "graph.js").read_text(encoding="utf-8"),
            STYLE_PATH: (_ASSETS / "graph.css").read_text(encoding="utf-8")}


def graph_files(concept: ConceptGraph, directory_urls: bool = True,
                keep: Callable[[str], str] = str) -> dict[str, str]:
    """The graph emitter: ``{path: content}`` for the Graph page and the graph's assets.

    It also draws every term's neighbourhood now, while the build holds few objects
    (drawing them page by page later costs about twice as much: the garbage collector
    then walks every page MkDocs holds); :func:`insert_graphs` puts them in place.
    """
    root = "../../" if directory_urls else "../"
    for slug in sorted(concept.names):
        concept.local_svg(slug, root, directory_urls)
    return {PAGE_PATH: graph_page(concept, keep), **asset_files()}


def insert_graphs(page_html: str, concept: ConceptGraph, slug: str | None, page_url: str,
                  directory_urls: bool = True) -> str:
    """Draw the graphs into a finished page: its term's neighbourhood, or the whole graph.

    Run on the final HTML (after Markdown, search indexing and sanitising), so the SVG is
    neither parsed by Markdown nor indexed: that keeps the graph cheap on big glossaries.
    ``page_url`` is the page's URL relative to the site root (``terms/<slug>/``).
    """
    root = "../" * page_url.count("/")
    if LOCAL_MARKER in page_html:
        svg = concept.local_svg(slug, root, directory_urls) if slug in concept.names else ""
        page_html = page_html.replace(LOCAL_MARKER, svg, 1)
    if OVERVIEW_MARKER in page_html:
        page_html = page_html.replace(OVERVIEW_MARKER, concept.overview_svg(root, directory_urls),
                                      1)
    return page_html

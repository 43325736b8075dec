"""The concept graph: terms joined by their links, laid out once at build time, drawn as SVG.

:class:`ConceptGraph` takes a generic list of :data:`Edge` tuples (``related`` links today;
``mentions`` once the glossary has them, see :func:`glossary_edges`), lays the whole graph
out once, and draws

* each term's neighbourhood (its direct neighbours; for a term with few, the terms most
  linked with those too) as a small SVG whose
  nodes are links to the terms, and
* the whole glossary, nodes coloured by their first tag, on the Graph page.

Layouts are deterministic: networkx's spring layout with a fixed seed up to
:data:`SPRING_LIMIT` nodes, an O(n) ring grouped by tag above it (the spring layout is
O(n²) per iteration). Neighbourhoods reuse the global layout only to orient themselves, so
each costs O(neighbours).

The SVG comes from autoescaped Jinja templates (``graph-local.html.j2``,
``graph-overview.html.j2``); names, tags and slugs are hostile plain text. A thousand
neighbourhoods, each node and edge spelt out in the drawing's template, cost about a second
per build, so the parts that do not change from drawing to drawing are rendered once by the
macros of ``graph-parts.html.j2`` and kept as :class:`~markupsafe.Markup`: a term's opening
``<a …>`` and ``<title>`` as a near and as a far node (per page root and URL style), a
link's ``data-a``/``data-b``, the circle and label position of each slot of a
neighbourhood's columns, an edge's ``class`` and path per link kind and end positions. A
neighbourhood's template then puts those together with four expressions per node and two
per edge (Markup passes through the autoescape unchanged). Python writes no markup: only
numbers, the SVG path data and class names, which the templates escape like any text.

:func:`graph_files` is the emitter: ``{path: content}`` for the Graph page (with the whole
graph drawn into it) and the assets; the term pages' emitter draws each neighbourhood into
its page (:meth:`ConceptGraph.local_svg`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import networkx as nx
from markupsafe import Markup, escape

from glossary_site.build.cache import Namespace, key
from glossary_site.build.urls import term_href
from glossary_site.content.model import slugify
from glossary_site.content.resolve import Glossary
from glossary_site.render.templating import HTML, MARKDOWN

Edge = tuple[str, str, str]
"""(slug, slug, kind): an undirected link between two terms; kind is e.g. ``related``."""

SEED = 20240611
"""Seed of the spring layout: the same glossary always gets the same picture."""
SPRING_LIMIT = 400
"""Above this many terms the whole graph is laid out on a ring grouped by tag (O(n))."""
RING1_MAX = 14
"""At most this many direct neighbours are drawn; the rest are counted in the caption."""
RING2_MAX = 8
"""At most this many terms two steps away are drawn."""
SMALL_NEIGHBOURHOOD = 4
"""Terms two steps away are drawn only for a term with at most this many direct ones."""
LABEL_MAX = 26
"""Longer names are shortened on the drawing (the node's title keeps the full name)."""
OVERVIEW_LABEL_LIMIT = 150
"""The whole graph shows names next to nodes up to this many terms (titles always)."""
TAG_COLOURS = 16
"""Number of tag colour classes in graph.css (``fg-graph__node--tag-0`` …)."""

PAGE_PATH = "graph.md"
"""Source path of the Graph page (its URL is ``graph/``)."""
SCRIPT_PATH = "assets/javascripts/graph.js"
STYLE_PATH = "assets/stylesheets/graph.css"
_ASSETS = Path(__file__).parent.parent / "assets"

_ENV = HTML


def _part(name: str) -> Callable[..., Markup]:
    """A macro of ``graph-parts.html.j2``: renders one kept piece of a drawing as Markup."""
    macro: Callable[..., Markup] = getattr(_ENV.get_template("graph-parts.html.j2").module, name)
    return macro


_NODE_OPEN = _part("node_open")
_OVERVIEW_ATTRS = _part("overview_attrs")
_TITLE = _part("title")
_CIRCLE_AND_LABEL = _part("circle_and_label")
_NODE_CLOSE = _part("node_close")()
_EDGE_SHAPE = _part("edge_shape")
_EDGE_ENDS = _part("edge_ends")
_LOCAL = _ENV.get_template("graph-local.html.j2")
_OVERVIEW = _ENV.get_template("graph-overview.html.j2")

_LocalParts = tuple[Markup, Markup, Markup]
"""A term in neighbourhoods: its link and title (``<a …><title>…</title>``) as a near and
as a far node, and its label."""
_Slot = tuple[float, str, Markup]
"""A place in a neighbourhood's column: y, ``"x y"`` for paths, and its ``<circle>`` and
``<text …>`` (``circle_and_label`` of ``graph-parts.html.j2``)."""
_Placed = tuple[float, float, str, str]
"""A drawn node: x, y, kind (``centre``, ``near``, ``far``, ``overview``), ``"x y"``."""
_Edge = tuple[Markup, Markup]
"""A drawn edge: ``<path`` with its ``class`` and ``d``, then its ``data-a``/``data-b`` and
``></path>`` (``edge_shape`` and ``edge_ends`` of ``graph-parts.html.j2``)."""


def _edge_elements(edges: Iterable[_Edge]) -> Markup:
    """Every edge's ``<path>`` element, one per line, for ``{{ edges }}`` in the templates.

    Both halves of an edge are Markup from the autoescaped macros of ``graph-parts.html.j2``,
    and only a newline joins them: no text from anywhere else. One join instead of a
    template loop: a thousand neighbourhoods hold about 130,000 edges.
    """
    return Markup("\n".join(map("".join, edges)))


def _node_elements(nodes: Iterable[tuple[Markup, Markup, Markup]]) -> Markup:
    """Every node of a neighbourhood, one per line, for ``{{ nodes }}`` in its template.

    A node is its link and title (``node_open``), its slot's circle and label position
    (``circle_and_label``), its escaped label, and ``node_close``: Markup from the
    autoescaped macros of ``graph-parts.html.j2`` and ``markupsafe.escape``, joined with
    nothing but a newline after each, as :func:`_edge_elements` joins edges.
    """
    close = _NODE_CLOSE
    return Markup("".join(f"{link}{slot}{label}{close}\n" for link, slot, label in nodes))


def glossary_edges(glossary: Glossary) -> list[Edge]:
    """Every link between two terms: curated related links, and mentions when present."""
    edges = [(slug, other, "related") for slug, term in glossary.terms.items()
             for other in term.related]
    # Mentions (links.py): a map slug → slugs, in whichever direction; undirected here.
    mentions: Mapping[str, Iterable[str]] = getattr(glossary, "mentions", None) or {}
    edges += [(slug, other, "mention") for slug, others in mentions.items()
              for other in others if isinstance(other, str)]
    return edges


def shorten(name: str, limit: int = LABEL_MAX) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class ConceptGraph:
    """The glossary as an undirected graph, laid out once."""

    def __init__(self, names: Mapping[str, str], edges: Iterable[Edge],
                 first_tags: Mapping[str, str] | None = None,
                 layouts: Namespace | None = None) -> None:
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
        self.positions = self._kept_layout(layouts) if layouts is not None else self._layout()
        # Plain dicts for drawing (networkx's views cost a call per lookup), made once.
        self._kinds: dict[str, dict[str, str]] = {
            n: {m: data["kind"] for m, data in self.graph.adj[n].items()} for n in self.graph}
        self._later: dict[str, list[tuple[str, str, Markup]]] | None = None
        self._shapes: dict[tuple[str, str, str], Markup] = {}
        self._neighbours: dict[str, list[str]] = {}
        self._fragments: dict[tuple[str, bool], dict[str, _LocalParts]] = {}
        self._columns: dict[tuple[int, str, str, int, int], list[_Slot]] = {}
        self._drawn: dict[tuple[str, str, bool], str] = {}
        self._overviews: dict[tuple[str, bool], str] = {}

    @staticmethod
    def _inputs(glossary: Glossary) -> tuple[dict[str, str], list[Edge], dict[str, str]]:
        names = {slug: term.term for slug, term in glossary.terms.items()}
        tags = {slug: term.tags[0] for slug, term in glossary.terms.items() if term.tags}
        return names, glossary_edges(glossary), tags

    @classmethod
    def from_glossary(cls, glossary: Glossary, layouts: Namespace | None = None
                      ) -> ConceptGraph:
        """The graph of every term in ``glossary`` and its :func:`glossary_edges`;
        ``layouts`` keeps the layout across builds."""
        return cls(*cls._inputs(glossary), layouts=layouts)

    def _kept_layout(self, layouts: Namespace) -> dict[str, tuple[float, float]]:
        """:meth:`_layout`, or its answer for the same nodes, edges and tags from
        ``layouts`` (checked: every node placed by two finite numbers)."""
        digest = key(json.dumps([sorted(self.names), sorted(self.graph.edges),
                                 sorted(self.first_tags.items())]))
        stored = layouts.get(digest)
        if isinstance(stored, dict) and stored.keys() == self.names.keys():
            try:
                positions = {s: (float(x), float(y)) for s, (x, y) in stored.items()}
            except (TypeError, ValueError):
                positions = {}
            if positions and all(math.isfinite(v) for p in positions.values() for v in p):
                return positions
        positions = self._layout()
        layouts.put(digest, {s: list(p) for s, p in positions.items()})
        return positions

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

    def _by_name(self, slug: str) -> list[str]:
        """Direct neighbours of ``slug``, by name: sorted once, kept (not to be changed)."""
        if slug not in self._neighbours:
            self._neighbours[slug] = sorted(self._kinds[slug], key=self._name_key)
        return self._neighbours[slug]

    def _name_key(self, slug: str) -> tuple[str, str]:
        return (self.names[slug].casefold(), slug)

    def neighbourhood(self, slug: str) -> tuple[list[str], dict[str, str]]:
        """Terms one step from ``slug``, and, only when those are few
        (:data:`SMALL_NEIGHBOURHOOD`), the terms two steps away most strongly tied to them
        (each → its first parent).

        Both are capped (:data:`RING1_MAX`, :data:`RING2_MAX`). A second-step term's
        strength is how many of the direct neighbours it links to; ties go by name.
        """
        # Curated related terms first, then mentions; the ring is shown by name.
        kinds = self._kinds[slug]
        near = self._by_name(slug)
        if len(near) > RING1_MAX:
            near = sorted(near, key=lambda o: kinds[o] != "related")[:RING1_MAX]
        ring1 = sorted(near, key=self._name_key)
        if len(ring1) > SMALL_NEIGHBOURHOOD:
            return ring1, {}
        ties: dict[str, list[str]] = {}
        for parent in ring1:
            for other in self._by_name(parent):
                if other != slug and other not in kinds:
                    ties.setdefault(other, []).append(parent)
        strongest = sorted(ties, key=lambda o: (-len(ties[o]), self._name_key(o)))
        return ring1, {other: ties[other][0] for other in strongest[:RING2_MAX]}

    def _pairs(self) -> dict[str, list[tuple[str, str, Markup]]]:
        """Each term's neighbours that sort after it, with the link's kind and the edge's
        ``data-a``/``data-b`` attributes (rendered once per link): walking the drawn terms
        in order over these gives every drawn edge once, already sorted."""
        if self._later is None:
            ends = _EDGE_ENDS
            self._later = {n: [(m, k, ends(n, m)) for m, k in sorted(adj.items()) if m > n]
                           for n, adj in self._kinds.items()}
        return self._later

    def _local_parts(self, root: str, directory_urls: bool) -> dict[str, _LocalParts]:
        """Slug → its :data:`_LocalParts` for pages at ``root``: each term rendered once."""
        key = (root, directory_urls)
        if key not in self._fragments:
            node_open = _NODE_OPEN
            parts = {}
            for slug, name in self.names.items():
                href = term_href(slug, root, directory_urls)
                parts[slug] = (node_open("near", href, slug, name),
                               node_open("far", href, slug, name), escape(shorten(name)))
            self._fragments[key] = parts
        return self._fragments[key]

    def _column(self, x: int, kind: str, anchor: str, size: int, height: int) -> list[_Slot]:
        """The :data:`_Slot` of each of ``size`` terms in a column of a neighbourhood
        ``height`` high (rendered once, kept: a glossary's neighbourhoods have a few dozen
        distinct columns)."""
        key = (x, kind, anchor, size, height)
        if key not in self._columns:
            step, mid = 38, height / 2
            top = mid - step * (size - 1) / 2
            radius = "8" if kind == "near" else "6"
            if anchor == "middle":
                lx, dy = x, -12
            else:
                lx, dy = x + (10 if anchor == "start" else -10), 4
            slots = []
            for i in range(size):
                y_exact = top + step * i
                y = round(y_exact, 1)
                slots.append((y, f"{x} {y}", _CIRCLE_AND_LABEL(
                    x, y, radius, lx, round(y_exact + dy, 1), anchor)))
            self._columns[key] = slots
        return self._columns[key]

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
        pos = self.positions
        x0, _ = pos[slug]
        ring1.sort(key=lambda s: (pos[s][0] < x0, -pos[s][1], s))
        right = ring1[: (len(ring1) + 1) // 2]
        left = ring1[len(ring1) // 2 + len(ring1) % 2:]
        left.sort(key=lambda s: (-pos[s][1], s))
        row = {s: i for i, s in enumerate(right)} | {s: i for i, s in enumerate(left)}
        on_right = set(right)
        outer_right = sorted((s for s in ring2 if ring2[s] in on_right),
                             key=lambda s: (row[ring2[s]], self._name_key(s)))
        outer_left = sorted((s for s in ring2 if ring2[s] not in on_right),
                            key=lambda s: (row[ring2[s]], self._name_key(s)))
        columns = [(outer_left, 180, "far", "end"), (left, 320, "near", "middle"),
                   (right, 520, "near", "middle"), (outer_right, 660, "far", "start")]
        height = max(160, 38 * max(len(c[0]) for c in columns) + 50)
        mid = height / 2
        parts = self._local_parts(root, directory_urls)
        centre_y = round(mid, 1)
        at: dict[str, _Placed] = {slug: (420, centre_y, "centre", f"420 {centre_y}")}
        nodes = []
        for members, x, kind, anchor in columns:
            which = 0 if kind == "near" else 1
            for s, (y, xy, slot) in zip(
                    members, self._column(x, kind, anchor, len(members), height), strict=True):
                at[s] = (x, y, kind, xy)
                term = parts[s]
                nodes.append((term[which], slot, term[2]))
        return _LOCAL.render(
            name=self.names[slug], slug=slug, label=shorten(self.names[slug]), width=840,
            height=height, y=centre_y, label_y=round(mid + 27, 1),
            edges=_edge_elements(self._edges(at, self._shapes, skip_far=True, star=not ring2)),
            nodes=_node_elements(nodes),
            hidden=len(self._kinds[slug]) - len(ring1), far=bool(ring2),
            graph_href=f"{root}graph/" if directory_urls else f"{root}graph.html")

    def _edges(self, at: Mapping[str, _Placed], shapes: dict[tuple[str, str, str], Markup],
               skip_far: bool = False, star: bool = False) -> list[_Edge]:
        """The edges between drawn nodes, in slug order, as :data:`_Edge`; ``skip_far``
        leaves out links between two far terms, ``star`` every link that does not touch the
        centre.

        A path is straight, or bowed when both ends share a column of a neighbourhood (a
        straight line would run through the nodes between them). Its ``class`` and ``d``
        depend only on the link's kind and where its ends are, so they are kept in
        ``shapes`` (one dict per kind of drawing): a thousand neighbourhoods hold about
        130,000 edges but about 2,000 shapes. The control point is written ``f"{v:.1f}"``:
        the same text as ``str(round(v, 1))`` at these magnitudes (both round the exact
        binary value), at a quarter of the cost.
        """
        later = self._pairs()
        edges = []
        for a in sorted(at):
            px, py, p_kind, p_xy = at[a]
            for b, kind, ends in later[a]:
                if b not in at:
                    continue
                qx, qy, q_kind, q_xy = at[b]
                if skip_far and p_kind == "far" and q_kind == "far":
                    continue
                if star and "centre" not in (p_kind, q_kind):
                    continue
                key = (kind, p_xy, q_xy)
                shape = shapes.get(key)
                if shape is None:
                    cx, cy = (px + qx) / 2, (py + qy) / 2
                    if px == qx and p_kind != "overview":
                        bow = min(90.0, 12 + 0.4 * abs(py - qy))
                        cx += bow if px < 420 else -bow
                    shape = _EDGE_SHAPE(kind, f"M{p_xy}Q{cx:.1f} {cy:.1f} {q_xy}")
                    shapes[key] = shape
                edges.append((shape, ends))
        return edges

    def tag_classes(self) -> dict[str, int]:
        """First tag → colour class index, tags in alphabetical order."""
        return {tag: i % TAG_COLOURS
                for i, tag in enumerate(sorted(set(self.first_tags.values())))}

    def overview_svg(self, root: str = "../", directory_urls: bool = True) -> str:
        """The whole glossary as a ``<figure>`` of SVG, coloured by first tag, with a legend
        (drawn once, then kept)."""
        key = (root, directory_urls)
        if key not in self._overviews:
            self._overviews[key] = self._draw_overview(root, directory_urls)
        return self._overviews[key]

    def _draw_overview(self, root: str, directory_urls: bool) -> str:
        n = len(self.names)
        width, height = 960, 640 if n <= SPRING_LIMIT else 960
        labels = n <= OVERVIEW_LABEL_LIMIT
        margin = 110 if labels else 20
        xs = [p[0] for p in self.positions.values()] or [0.0]
        ys = [p[1] for p in self.positions.values()] or [0.0]
        min_x, max_y = min(xs), max(ys)
        span_x = (max(xs) - min_x) or 1.0
        span_y = (max_y - min(ys)) or 1.0
        tags = self.tag_classes()
        attrs, title = _OVERVIEW_ATTRS, _TITLE
        at: dict[str, _Placed] = {}
        nodes = []
        for slug in self._order():
            px, py = self.positions[slug]
            x_exact = margin + (px - min_x) / span_x * (width - 2 * margin)
            y_exact = 30 + (max_y - py) / span_y * (height - 60)
            x, y = round(x_exact, 1), round(y_exact, 1)
            at[slug] = (x, y, "overview", f"{x} {y}")
            name, tag = self.names[slug], self.first_tags.get(slug, "")
            colour = f"tag-{tags[tag]}" if tag else "untagged"
            nodes.append((attrs(colour, term_href(slug, root, directory_urls), slug,
                                slugify(tag) if tag else ""),
                          title(name, tag), str(x), str(y), str(round(y_exact + 17, 1)),
                          shorten(name)))
        counts = Counter(self.first_tags[s] for s in self.names if s in self.first_tags)
        return _OVERVIEW.render(
            width=width, height=height, count=n, edges=_edge_elements(self._edges(at, {})),
            nodes=nodes,
            radius=7 if labels else 4, labels=labels,
            legend=[(index, tag, counts[tag]) for tag, index in tags.items()],
            untagged=n - sum(counts.values()))


def graph_page(concept: ConceptGraph, directory_urls: bool = True) -> str:
    """The Graph page: Markdown with the whole graph drawn into it."""
    root = "../" if directory_urls else ""  # from graph/ or graph.html
    return MARKDOWN.get_template("graph-page.md.j2").render(
        overview=concept.overview_svg(root, directory_urls), count=len(concept.names),
        links=concept.graph.number_of_edges())


def asset_files() -> dict[str, str]:
    """Site path → text of the graph's script and stylesheet."""
    return {SCRIPT_PATH: (_ASSETS / "graph.js").read_text(encoding="utf-8"),
            STYLE_PATH: (_ASSETS / "graph.css").read_text(encoding="utf-8")}


def graph_files(concept: ConceptGraph, directory_urls: bool = True) -> dict[str, str]:
    """The graph emitter: ``{path: content}`` for the Graph page and the graph's assets."""
    return {PAGE_PATH: graph_page(concept, directory_urls), **asset_files()}

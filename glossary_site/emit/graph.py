"""The concept graph: terms joined by their links, laid out once at build time, drawn as SVG.

:class:`ConceptGraph` takes a generic list of :data:`Edge` tuples (``related`` links today;
``mentions`` once the glossary has them, see :func:`glossary_edges`), lays the whole graph
out once, and draws

* each term's neighbourhood (its direct neighbours; for a term with few, the terms most
  linked with those too) as a small SVG whose nodes are links to the terms, and
* the whole glossary, nodes coloured by their first tag and sized by their links, on the
  Graph page, with a key of the tags and an A–Z list of every term.

Both drawings are made so that no two names overlap, measured by :mod:`.graph_labels`:

* A neighbourhood is :data:`LOCAL_WIDTH` wide, the width of a phone's column: the term in
  the middle, its neighbours in a column on each side with their names outside, wrapped
  onto up to four lines; terms two steps away sit just outside their first neighbour's
  row. Every name has a row of its own, so none can overlap.
* The whole graph is :data:`OVERVIEW_SIZE` units square. Names are shown for the most
  linked terms only, in a greedy pass (:meth:`ConceptGraph.overview_labels`, terms by number of
  links): a name goes right of its dot, left, below or above, wherever it overlaps no name
  already placed, no dot of a term placed before and not the drawing's edge; otherwise it
  is not shown. The pass is made for two sizes of the drawing (:data:`LABEL_SCALES`: a
  phone's column and a desktop's), and the stylesheet shows the set for the width the
  drawing gets (a container query). graph.js makes the same pass again in the browser,
  with the browser's own measures, at every zoom, and for the term pointed at or found.

Layouts are deterministic: networkx's spring layout with a fixed seed up to
:data:`SPRING_LIMIT` nodes; above it (the spring layout is O(n²) per iteration) each tag's
terms are packed in a disc, the most linked in the middle, and the discs packed around each
other (O(n log n) for the terms, O(tags²) for the discs). Neighbourhoods reuse the global
layout only to orient themselves, so each costs O(neighbours).

The SVG comes from autoescaped Jinja templates (``graph-local.html.j2``,
``graph-overview.html.j2``); names, tags and slugs are hostile plain text. A thousand
neighbourhoods, each node and edge spelt out in the drawing's template, cost about a second
per build, so the parts that do not change from drawing to drawing are rendered once by the
macros of ``graph-parts.html.j2`` and kept as :class:`~markupsafe.Markup`: a term's opening
``<a …>`` and ``<title>`` as a near and as a far node (per page root and URL style), its
name's lines on either side, a link's ``data-a``/``data-b``, the circle and label position
of each place in a neighbourhood, an edge's ``class`` and path per link kind and end
positions. A neighbourhood's template then puts those together (Markup passes through the
autoescape unchanged). Python writes no markup: only numbers, the SVG path data and class
names, which the templates escape like any text.

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
from markupsafe import Markup

from glossary_site.build.cache import Namespace, key
from glossary_site.build.urls import term_href
from glossary_site.content.model import slugify
from glossary_site.content.resolve import Glossary
from glossary_site.emit import graph_labels as labels
from glossary_site.render.templating import HTML, MARKDOWN

Edge = tuple[str, str, str]
"""(slug, slug, kind): an undirected link between two terms; kind is e.g. ``related``."""

SEED = 20240611
"""Seed of the spring layout: the same glossary always gets the same picture."""
SPRING_LIMIT = 400
"""Above this many terms the whole graph is laid out in discs by tag (O(n log n))."""
RING1_MAX = 14
"""At most this many direct neighbours are drawn; the rest are counted in the caption."""
RING2_MAX = 8
"""At most this many terms two steps away are drawn."""
SMALL_NEIGHBOURHOOD = 4
"""Terms two steps away are drawn only for a term with at most this many direct ones."""
LABEL_MAX = 26
"""Longer names are shortened on the whole graph (the node's title keeps the full name)."""
TAG_COLOURS = 16
"""Number of tag colour classes in ``assets/graph.css`` (``fg-graph__node--tag-0`` …)."""

LOCAL_WIDTH = 360
"""Width of a neighbourhood's drawing: a 390-pixel phone's column shows it at about 1:1."""
LOCAL_CENTRE = LOCAL_WIDTH // 2
LOCAL_KINDS: dict[str, tuple[float, float, float, int]] = {
    "centre": (10, 14, 17, 4), "near": (7, 13, 16, 4), "far": (5, 12, 15, 3)}
"""A neighbourhood's node kinds: circle radius, font size, line height, most lines."""
LOCAL_OFFSET = {"near": 66, "far": 82}
"""How far a kind's column is from the middle."""
LOCAL_GAP = 5
"""Between a circle and its name."""
LOCAL_SIDE = 2
"""Kept free at the drawing's left and right edges."""
LOCAL_ROW = 30
"""A neighbourhood's rows are at least this high (a finger's width)."""
LOCAL_ROW_GAP = 8
"""Space between the names of two rows."""
LOCAL_PAD = 10
"""Space above and below the drawing's content."""

OVERVIEW_SIZE = 1000
"""Width and height of the whole graph's drawing, in SVG units."""
OVERVIEW_MARGIN = 30
"""Space between the outermost dots and the drawing's edge."""
LABEL_PX = 12
"""Names on the whole graph are this many pixels high on screen (at any zoom in graph.js)."""
LABEL_SCALES = (("desk", 0.68), ("phone", 0.356))
"""The two static sets of names on the whole graph: name, and screen pixels per SVG unit
they are made for (a 680-pixel and a 356-pixel column). ``assets/graph.css`` sizes the text
for each (``LABEL_PX / scale`` units) and shows the phone's set in a drawing under 520 pixels
wide."""
NODE_RADII = (4, 5, 6, 7, 8, 9)
"""Radius in pixels of a dot on the whole graph by size class: ⌊√links⌋, at most 5."""
CANDIDATES = ("right", "left", "below", "above")
"""Where a name may go around its dot on the whole graph, in order of preference."""

PAGE_PATH = "graph.md"
"""Source path of the Graph page (its URL is ``graph/``)."""
SCRIPT_PATH = "assets/javascripts/graph.js"
_ASSETS = Path(__file__).parent.parent / "assets"


def _part(name: str) -> Callable[..., Markup]:
    """A macro of ``graph-parts.html.j2``: renders one kept piece of a drawing as Markup."""
    macro: Callable[..., Markup] = getattr(HTML.get_template("graph-parts.html.j2").module, name)
    return macro


_NODE_OPEN = _part("node_open")
_OVERVIEW_ATTRS = _part("overview_attrs")
_TITLE = _part("title")
_CIRCLE_AND_LABEL = _part("circle_and_label")
_LINES = _part("lines")
_NODE_CLOSE = _part("node_close")()
_EDGE_SHAPE = _part("edge_shape")
_EDGE_ENDS = _part("edge_ends")
_LOCAL = HTML.get_template("graph-local.html.j2")
_OVERVIEW = HTML.get_template("graph-overview.html.j2")

_LocalParts = tuple[Markup, Markup]
"""A term in neighbourhoods: its link and title (``<a …><title>…</title>``) as a near and
as a far node."""
_Placed = tuple[float, float, str, str]
"""A drawn node: x, y, kind (``centre``, ``near``, ``far``, ``overview``), ``"x y"``."""
_Edge = tuple[Markup, Markup]
"""A drawn edge: ``<path`` with its ``class`` and ``d``, then its ``data-a``/``data-b`` and
``></path>`` (``edge_shape`` and ``edge_ends`` of ``graph-parts.html.j2``)."""
Label = tuple[str, float, float, str, tuple[str, ...], float, float, bool]
"""A drawn name: slug, x, first baseline y, anchor, lines, font size, line height, bold."""


def _edge_elements(edges: Iterable[_Edge]) -> Markup:
    """Every edge's ``<path>`` element, one per line, for ``{{ edges }}`` in the templates.

    Both halves of an edge are Markup from the autoescaped macros of ``graph-parts.html.j2``,
    and only a newline joins them: no text from anywhere else. One join instead of a
    template loop: a thousand neighbourhoods hold about 130,000 edges.
    """
    return Markup("\n".join(map("".join, edges)))


def _node_elements(nodes: Iterable[tuple[Markup, Markup, Markup]]) -> Markup:
    """Every node of a neighbourhood, one per line, for ``{{ nodes }}`` in its template.

    A node is its link and title (``node_open``), its circle and label position
    (``circle_and_label``), its name's lines (``lines``), and ``node_close``: Markup from
    the autoescaped macros of ``graph-parts.html.j2``, joined with nothing but a newline
    after each, as :func:`_edge_elements` joins edges.
    """
    close = _NODE_CLOSE
    return Markup("".join(f"{link}{slot}{label}{close}\n" for link, slot, label in nodes))


def glossary_edges(glossary: Glossary) -> list[Edge]:
    """Every link between two terms: curated related links, and mentions when present."""
    edges = [(slug, other, "related") for slug, term in glossary.terms.items()
             for other in term.related]
    # Mentions (links.py): a map slug → slugs, in whichever direction; undirected here.
    edges += [(slug, other, "mention") for slug, others in glossary.mentions.items()
              for other in others]
    return edges


def shorten(name: str, limit: int = LABEL_MAX) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def label_boxes(drawn: Iterable[Label]) -> list[labels.Box]:
    """The box of each drawn name (:func:`.graph_labels.label_box`)."""
    return [labels.label_box(x, y, anchor, lines, size, height, bold)
            for _, x, y, anchor, lines, size, height, bold in drawn]


def _em(value: float) -> str:
    """``value`` ems as SVG length text, e.g. ``0.583em``."""
    return f"{round(value, 3):g}em"


def _candidate(where: str, r: float) -> tuple[float, float, str]:
    """Where a name goes around a dot of radius ``r`` (pixels) on the whole graph: its
    anchor's offset from the dot's centre in pixels (x, baseline y), and ``text-anchor``."""
    size = LABEL_PX
    if where == "right":
        return r + 3, (labels.ASCENT - labels.DESCENT) / 2 * size, "start"
    if where == "left":
        return -(r + 3), (labels.ASCENT - labels.DESCENT) / 2 * size, "end"
    if where == "below":
        return 0.0, r + 2 + labels.ASCENT * size, "middle"
    return 0.0, -(r + 2 + labels.DESCENT * size), "middle"


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
        self._shapes: dict[tuple[str, str, str, bool], Markup] = {}
        self._neighbours: dict[str, list[str]] = {}
        self._fragments: dict[tuple[str, bool], dict[str, _LocalParts]] = {}
        self._wrapped: dict[tuple[str, str],
                            tuple[tuple[str, ...], float, float, float]] = {}
        self._bodies: dict[tuple[str, str, int], Markup] = {}
        self._slots: dict[tuple[float, float, float, float, float, str], Markup] = {}
        self._drawn: dict[tuple[str, str, bool], str] = {}
        self._local_labels: dict[str, list[Label]] = {}
        self._overviews: dict[tuple[str, bool], str] = {}
        self._placed: dict[str, tuple[float, float]] | None = None

    @classmethod
    def from_glossary(cls, glossary: Glossary, layouts: Namespace | None = None
                      ) -> ConceptGraph:
        """The graph of every term in ``glossary`` and its :func:`glossary_edges`;
        ``layouts`` keeps the layout across builds."""
        return cls({slug: term.term for slug, term in glossary.terms.items()},
                   glossary_edges(glossary),
                   {slug: term.tags[0] for slug, term in glossary.terms.items() if term.tags},
                   layouts=layouts)

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

    def _name_key(self, slug: str) -> tuple[str, str]:
        return (self.names[slug].casefold(), slug)

    def priority(self) -> list[str]:
        """Every term, most linked first (then by name): the order names are placed in."""
        degree = self.graph.degree
        return sorted(self.names, key=lambda s: (-degree[s], *self._name_key(s)))

    def _layout(self) -> dict[str, tuple[float, float]]:
        """Positions: spring layout with a fixed seed, or discs by tag (:meth:`_discs`)."""
        n = len(self.names)
        if n == 0:
            return {}
        if n <= SPRING_LIMIT:
            pos = nx.spring_layout(self.graph, seed=SEED)
            return {s: (float(p[0]), float(p[1])) for s, p in pos.items()}
        return self._discs()

    def _discs(self) -> dict[str, tuple[float, float]]:
        """Each first tag's terms in a disc (a sunflower spiral, the most linked terms in
        the middle, one unit of area each), the discs placed largest first, each at the
        first point of an outward spiral where it touches no disc already placed."""
        groups: dict[str, list[str]] = {}
        for slug in self.priority():
            groups.setdefault(self.first_tags.get(slug, ""), []).append(slug)
        golden = math.pi * (3 - math.sqrt(5))
        placed: list[tuple[float, float, float]] = []
        positions: dict[str, tuple[float, float]] = {}
        for tag in sorted(groups, key=lambda t: (-len(groups[t]), t)):
            members = groups[tag]
            radius = math.sqrt(len(members)) + 1.5
            step, turn = 0.0, 0.0
            while True:
                cx, cy = step * math.cos(turn), step * math.sin(turn)
                if all(math.hypot(cx - x, cy - y) >= radius + r for x, y, r in placed):
                    break
                turn += 0.3
                step = 0.6 * turn
            placed.append((cx, cy, radius))
            for i, slug in enumerate(members):
                rho, theta = math.sqrt(i + 0.5), i * golden
                positions[slug] = (cx + rho * math.cos(theta), cy + rho * math.sin(theta))
        return positions

    def _by_name(self, slug: str) -> list[str]:
        """Direct neighbours of ``slug``, by name: sorted once, kept (not to be changed)."""
        if slug not in self._neighbours:
            self._neighbours[slug] = sorted(self._kinds[slug], key=self._name_key)
        return self._neighbours[slug]

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

    # --- a term's neighbourhood ---------------------------------------------------------

    def _local_parts(self, root: str, directory_urls: bool) -> dict[str, _LocalParts]:
        """Slug → its :data:`_LocalParts` for pages at ``root``: each term rendered once."""
        key = (root, directory_urls)
        if key not in self._fragments:
            node_open = _NODE_OPEN
            parts = {}
            for slug, name in self.names.items():
                href = term_href(slug, root, directory_urls)
                parts[slug] = (node_open("near", href, slug, name),
                               node_open("far", href, slug, name))
            self._fragments[key] = parts
        return self._fragments[key]

    @staticmethod
    def _label_width(kind: str) -> tuple[float, float]:
        """How wide the lines of a name of ``kind`` may be in a neighbourhood: as a rule,
        and for one long word. The term in the middle has the room between the circles of
        the two columns of neighbours, but its lines are kept short, so that a short name
        stands under its dot rather than reaching out to a neighbour's."""
        if kind == "centre":
            room = 2 * (LOCAL_OFFSET["near"] - LOCAL_KINDS["near"][0] - LOCAL_GAP)
            return 0.75 * room, room
        r = LOCAL_KINDS[kind][0]
        width = LOCAL_CENTRE - LOCAL_OFFSET[kind] - r - LOCAL_GAP - LOCAL_SIDE
        return width, width

    def _name(self, slug: str, kind: str) -> tuple[tuple[str, ...], float, float, float]:
        """The name of ``slug`` as a ``kind`` node (worked out once, kept): its lines; the
        height of those lines from the top of the first to the foot of the last; the first
        baseline's offset from the node's centre (the lines centred on it); the height of
        the node's row."""
        key = (slug, kind)
        if key not in self._wrapped:
            _, size, height, most = LOCAL_KINDS[kind]
            width, limit = self._label_width(kind)
            name, bold = self.names[slug], kind == "centre"
            lines = tuple(labels.wrap(name, width, size, bold, most, limit))
            if width < limit and "…" in lines[-1] and "…" not in name:  # use all the room
                lines = tuple(labels.wrap(name, limit, size, bold, most))
            block = (len(lines) - 1) * height + (labels.ASCENT + labels.DESCENT) * size
            self._wrapped[key] = (lines, block, -block / 2 + labels.ASCENT * size,
                                  max(LOCAL_ROW, block + LOCAL_ROW_GAP))
        return self._wrapped[key]

    def _body(self, slug: str, kind: str, lx: int) -> Markup:
        """The ``<tspan>`` lines of a name at ``lx`` (rendered once, kept)."""
        key = (slug, kind, lx)
        if key not in self._bodies:
            self._bodies[key] = _LINES(lx, LOCAL_KINDS[kind][2], self._name(slug, kind)[0])
        return self._bodies[key]

    def _slot(self, x: float, y: float, r: float, lx: float, ly: float, anchor: str) -> Markup:
        """``circle_and_label`` for these numbers (rendered once, kept)."""
        key = (x, y, r, lx, ly, anchor)
        if key not in self._slots:
            self._slots[key] = _CIRCLE_AND_LABEL(x, y, r, lx, ly, anchor)
        return self._slots[key]

    def local_svg(self, slug: str, root: str = "../../", directory_urls: bool = True) -> str:
        """The neighbourhood of ``slug`` as a ``<figure>`` of SVG (drawn once, then kept)."""
        key = (slug, root, directory_urls)
        if key not in self._drawn:
            self._drawn[key] = self._draw_local(slug, root, directory_urls)
        return self._drawn[key]

    def local_labels(self, slug: str) -> list[Label]:
        """The names drawn in the neighbourhood of ``slug``, centre first (for measuring)."""
        if slug not in self._local_labels:
            self._draw_local(slug, "", True)
        return self._local_labels[slug]

    def _sides(self, slug: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                         dict[str, str]]:
        """The left and right columns of a neighbourhood, top to bottom, as
        ``(slug, kind)``: each direct neighbour followed by the terms two steps away drawn
        under it; and, for each of those terms, the neighbour it is drawn under.

        Sides and order follow the whole graph's layout, so a term sits on the same side
        of its neighbour on every page.
        """
        ring1, ring2 = self.neighbourhood(slug)
        pos = self.positions
        x0, _ = pos[slug]
        ring1.sort(key=lambda s: (pos[s][0] < x0, -pos[s][1], s))
        right = ring1[: (len(ring1) + 1) // 2]
        left = ring1[len(ring1) // 2 + len(ring1) % 2:]
        left.sort(key=lambda s: (-pos[s][1], s))
        # Each term two steps away goes under one of its neighbours here: its first, or
        # one on the side with fewer rows so far (the strongest placed first).
        side_of = {s: 0 for s in left} | {s: 1 for s in right}
        rows = [len(left), len(right)]
        parents: dict[str, str] = {}
        for other, first in ring2.items():
            parent = first
            for option in self._by_name(other):
                if option in side_of and rows[side_of[option]] < rows[side_of[parent]]:
                    parent = option
            parents[other] = parent
            rows[side_of[parent]] += 1
        children: dict[str, list[str]] = {}
        for other in sorted(parents, key=self._name_key):
            children.setdefault(parents[other], []).append(other)
        columns = tuple([entry for near in side
                         for entry in [(near, "near")] + [(o, "far") for o in
                                                          children.get(near, [])]]
                        for side in (left, right))
        return columns[0], columns[1], parents

    def _draw_local(self, slug: str, root: str, directory_urls: bool) -> str:
        """Draw the neighbourhood of ``slug`` as a ``<figure>`` of SVG (for a term page).

        The term in the middle, its name under it; a column of direct neighbours on each
        side, names outside, each term two steps away in a row under one of its neighbours
        (:meth:`_sides`), a little further out. Each column's rows are as high as their names'
        lines need, so no two names share a row.
        """
        left, right, parents = self._sides(slug)
        if not left and not right:
            self._local_labels[slug] = []
            return ""
        c_r, c_size, c_height, _ = LOCAL_KINDS["centre"]
        c_lines, c_block, c_first, _ = self._name(slug, "centre")
        centre_need = 2 * c_r + LOCAL_GAP + c_block
        name = self._name
        heights = [sum(name(s, k)[3] for s, k in side) for side in (left, right)]
        height = math.ceil(max(*heights, centre_need + 20) + 2 * LOCAL_PAD)
        centre_y = round((height - LOCAL_GAP - c_block) / 2, 1)
        label_y = round(centre_y + c_r + LOCAL_GAP + c_block / 2 + c_first, 1)
        drawn: list[Label] = [(slug, LOCAL_CENTRE, label_y, "middle", c_lines, c_size,
                               c_height, True)]
        parts = self._local_parts(root, directory_urls)
        at: dict[str, _Placed] = {slug: (LOCAL_CENTRE, centre_y, "centre",
                                         f"{LOCAL_CENTRE} {centre_y}")}
        nodes = []
        for side, members, total in ((-1, left, heights[0]), (1, right, heights[1])):
            top = (height - total) / 2
            for other, kind in members:
                r, size, line, _ = LOCAL_KINDS[kind]
                lines, _, first, row = name(other, kind)
                y = round(top + row / 2)  # whole units: fewer distinct slots to render
                top += row
                x = LOCAL_CENTRE + side * LOCAL_OFFSET[kind]
                lx = x + side * int(r + LOCAL_GAP)
                ly = round(y + first, 1)
                anchor = "end" if side < 0 else "start"
                at[other] = (x, y, kind, f"{x} {y}")
                drawn.append((other, lx, ly, anchor, lines, size, line, False))
                nodes.append((parts[other][kind == "far"], self._slot(x, y, r, lx, ly, anchor),
                              self._body(other, kind, lx)))
        self._local_labels[slug] = drawn
        hidden = len(self._kinds[slug]) - sum(k == "near" for _, k in left + right)
        return _LOCAL.render(
            name=self.names[slug], slug=slug, width=LOCAL_WIDTH, height=height,
            x=LOCAL_CENTRE, y=centre_y, r=c_r, label_y=label_y,
            label=self._body(slug, "centre", LOCAL_CENTRE),
            edges=_edge_elements(self._local_edges(at, parents)),
            nodes=_node_elements(nodes), hidden=hidden, far=bool(parents),
            graph_href=f"{root}graph/" if directory_urls else f"{root}graph.html")

    def _local_edges(self, at: Mapping[str, _Placed], parents: Mapping[str, str]
                     ) -> list[_Edge]:
        """The edges of a neighbourhood, in slug order, as :data:`_Edge`.

        Drawn: every link of the term in the middle, and each term two steps away's link
        to the neighbour it is drawn under (straight); when terms two steps away are drawn,
        also the links between two neighbours on the same side (bowed towards the middle,
        so they pass no name). Not drawn: a term two steps away's other links, and links
        across the middle (they would cross the term's name). A
        path's ``class`` and ``d`` depend only on the link's kind and where its ends are,
        so they are kept: a thousand neighbourhoods hold about 130,000 edges but a few
        thousand shapes. The control point is written ``f"{v:.1f}"``: the same text as
        ``str(round(v, 1))`` at these magnitudes, at a quarter of the cost.
        """
        later = self._pairs()
        shapes = self._shapes
        star = not parents
        edges = []
        for a in sorted(at):
            px, py, p_kind, p_xy = at[a]
            for b, kind, ends in later[a]:
                if b not in at:
                    continue
                qx, qy, q_kind, q_xy = at[b]
                straight = ("centre" in (p_kind, q_kind) or parents.get(a) == b
                            or parents.get(b) == a)
                if not straight and (star or "far" in (p_kind, q_kind)
                                     or (px < LOCAL_CENTRE) != (qx < LOCAL_CENTRE)):
                    continue
                key = (kind, p_xy, q_xy, straight)
                shape = shapes.get(key)
                if shape is None:
                    cx, cy = (px + qx) / 2, (py + qy) / 2
                    if not straight:
                        bow = min(44.0, 10 + 0.35 * abs(py - qy))
                        cx += bow if px < LOCAL_CENTRE else -bow
                    shape = _EDGE_SHAPE(kind, f"M{p_xy}Q{cx:.1f} {cy:.1f} {q_xy}")
                    shapes[key] = shape
                edges.append((shape, ends))
        return edges

    # --- the whole graph ------------------------------------------------------------------

    def tag_classes(self) -> dict[str, int]:
        """First tag → colour class index, tags in alphabetical order."""
        return {tag: i % TAG_COLOURS
                for i, tag in enumerate(sorted(set(self.first_tags.values())))}

    def size_class(self, slug: str) -> int:
        """A dot's size on the whole graph (:data:`NODE_RADII`): ⌊√links⌋, at most 5."""
        return min(len(NODE_RADII) - 1, math.isqrt(self.graph.degree[slug]))

    def overview_positions(self) -> dict[str, tuple[float, float]]:
        """Each term's place on the whole graph's drawing, in SVG units (kept)."""
        if self._placed is None:
            size, margin = OVERVIEW_SIZE, OVERVIEW_MARGIN
            xs = [p[0] for p in self.positions.values()] or [0.0]
            ys = [p[1] for p in self.positions.values()] or [0.0]
            min_x, max_y = min(xs), max(ys)
            span_x = (max(xs) - min_x) or 1.0
            span_y = (max_y - min(ys)) or 1.0
            inner = size - 2 * margin
            self._placed = {
                s: (round(margin + (px - min_x) / span_x * inner, 1),
                    round(margin + (max_y - py) / span_y * inner, 1))
                for s, (px, py) in self.positions.items()}
        return self._placed

    def overview_labels(self, scale: float) -> dict[str, str]:
        """The names shown on the whole graph drawn at ``scale`` screen pixels per unit
        (:data:`LABEL_SCALES`): slug → where its name goes (:data:`CANDIDATES`).

        The greedy pass of the module's docstring: terms most linked first, each name at
        the first place around its dot that lies in the drawing and overlaps no name placed
        so far and no dot of a term before it (names are drawn over later terms' dots:
        the drawing puts the most linked terms last); a term whose dot a name placed
        before covers is not named.
        """
        places = self.overview_positions()
        bounds = (0.0, 0.0, OVERVIEW_SIZE * scale, OVERVIEW_SIZE * scale)
        kept, dots = labels.Grid(64), labels.Grid(64)
        chosen: dict[str, str] = {}
        for slug in self.priority():
            x, y = places[slug][0] * scale, places[slug][1] * scale
            r = NODE_RADII[self.size_class(slug)]
            dot = labels.circle_box(x, y, r)
            for where in CANDIDATES if not kept.hits(dot) else ():  # a dot under a name:
                # naming it would point at nothing
                box = self._overview_box(slug, x, y, r, where)
                if (labels.inside(box, bounds) and not dots.hits(box)
                        and not kept.hits(box, 2.0)):
                    kept.add(box)
                    chosen[slug] = where
                    break
            dots.add(dot)
        return chosen

    def _overview_box(self, slug: str, x: float, y: float, r: float, where: str
                      ) -> labels.Box:
        dx, dy, anchor = _candidate(where, r)
        return labels.label_box(x + dx, y + dy, anchor, [shorten(self.names[slug])],
                                LABEL_PX, 0)

    def overview_label_boxes(self, scale: float) -> list[labels.Box]:
        """The boxes, in screen pixels, of the names :meth:`overview_labels` shows."""
        places = self.overview_positions()
        return [self._overview_box(slug, places[slug][0] * scale, places[slug][1] * scale,
                                   NODE_RADII[self.size_class(slug)], where)
                for slug, where in self.overview_labels(scale).items()]

    def overview_svg(self, root: str = "../", directory_urls: bool = True) -> str:
        """The whole glossary as a ``<figure>`` of SVG, coloured by first tag, with a legend
        and an A–Z list (drawn once, then kept)."""
        key = (root, directory_urls)
        if key not in self._overviews:
            self._overviews[key] = self._draw_overview(root, directory_urls)
        return self._overviews[key]

    def _draw_overview(self, root: str, directory_urls: bool) -> str:
        n = len(self.names)
        places = self.overview_positions()
        tags = self.tag_classes()
        sets = {name: self.overview_labels(scale) for name, scale in LABEL_SCALES}
        attrs, title = _OVERVIEW_ATTRS, _TITLE
        at: dict[str, _Placed] = {}
        nodes = []
        desk_scale = LABEL_SCALES[0][1]
        for slug in reversed(self.priority()):  # the most linked drawn last, on top
            x, y = places[slug]
            at[slug] = (x, y, "overview", f"{x} {y}")
            name, tag = self.names[slug], self.first_tags.get(slug, "")
            colour = f"tag-{tags[tag]}" if tag else "untagged"
            size = self.size_class(slug)
            r_px = NODE_RADII[size]
            texts = self._texts(r_px, {name: chosen.get(slug) for name, chosen in sets.items()})
            nodes.append((attrs(colour, size, term_href(slug, root, directory_urls), slug,
                                slugify(tag) if tag else ""),
                          title(name, tag), str(x), str(y), f"{r_px / desk_scale:.1f}", texts,
                          shorten(name)))
        counts = Counter(self.first_tags[s] for s in self.names if s in self.first_tags)
        listed = sorted(self.names, key=self._name_key)
        return _OVERVIEW.render(
            size=OVERVIEW_SIZE, count=n, edges=_edge_elements(self._edges(at)), nodes=nodes,
            dense=n > 150,
            legend=[(index, tag, slugify(tag), counts[tag]) for tag, index in tags.items()],
            untagged=n - sum(counts.values()),
            terms=[(term_href(s, root, directory_urls), self.names[s],
                    self.first_tags.get(s, "")) for s in listed])

    @staticmethod
    def _texts(r: float, chosen: Mapping[str, str | None]
               ) -> list[tuple[str, str, str, str]]:
        """The ``<text>`` elements of a dot of radius ``r`` on the whole graph: its name
        where each static set (:data:`LABEL_SCALES`) puts it, one element per distinct
        place, as (classes, dx, dy, text-anchor). The first is the one graph.js moves; a
        term no set names still gets one (hidden), for graph.js to show."""
        places: dict[str, list[str]] = {}
        for name, where in chosen.items():
            if where is not None:
                places.setdefault(where, []).append(name)
        if not places:
            places["right"] = []
        texts = []
        for where, names in places.items():
            dx, dy, anchor = _candidate(where, r)
            classes = "".join(f" fg-graph__label--{name}" for name in names)
            texts.append((classes, _em(dx / LABEL_PX), _em(dy / LABEL_PX), anchor))
        return texts

    def _edges(self, at: Mapping[str, _Placed]) -> list[_Edge]:
        """The edges between drawn nodes of the whole graph, in slug order, straight."""
        later = self._pairs()
        shapes: dict[tuple[str, str, str], Markup] = {}
        edges = []
        for a in sorted(at):
            p_xy = at[a][3]
            for b, kind, ends in later[a]:
                if b not in at:
                    continue
                q_xy = at[b][3]
                shape = shapes.get((kind, p_xy, q_xy))
                if shape is None:
                    shape = _EDGE_SHAPE(kind, f"M{p_xy}L{q_xy}")
                    shapes[kind, p_xy, q_xy] = shape
                edges.append((shape, ends))
        return edges


def graph_page(concept: ConceptGraph, directory_urls: bool = True) -> str:
    """The Graph page: Markdown with the whole graph drawn into it."""
    root = "../" if directory_urls else ""  # from graph/ or graph.html
    return MARKDOWN.get_template("graph-page.md.j2").render(
        overview=concept.overview_svg(root, directory_urls), count=len(concept.names),
        links=concept.graph.number_of_edges())


def asset_files() -> dict[str, str]:
    """Site path → text of the graph's script (its styles are in the readers' stylesheet)."""
    return {SCRIPT_PATH: (_ASSETS / "graph.js").read_text(encoding="utf-8")}


def graph_files(concept: ConceptGraph, directory_urls: bool = True) -> dict[str, str]:
    """The graph emitter: ``{path: content}`` for the Graph page and the graph's assets."""
    return {PAGE_PATH: graph_page(concept, directory_urls), **asset_files()}

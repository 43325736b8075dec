"""The concept graph: deterministic layout, bounded neighbourhoods, hostile names escaped,
and where the engine draws it (the Graph page, each term page's figure)."""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from bs4 import BeautifulSoup
from graph_boxes import WORDS, local_boxes, overview_boxes, synthetic
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary_site.build.cache import Namespace
from glossary_site.build.pipeline import load_glossary
from glossary_site.content.model import slugify
from glossary_site.emit import EmitOptions, graph
from glossary_site.emit import graph_labels as labels
from glossary_site.emit import graph_page as graph_emitter
from glossary_site.emit.graph import ConceptGraph, glossary_edges
from glossary_site.emit.term_pages import render_term
from glossary_site.plugin import GlossaryPlugin

HOSTILE = '<script>alert("x")</script> & "Q" <b>bold</b>'


def chain(n: int) -> ConceptGraph:
    """Terms t00 – t01 – … in a line, so the distance between two terms is known."""
    names = {f"t{i:02d}": f"Term {i}" for i in range(n)}
    edges = [(f"t{i:02d}", f"t{i + 1:02d}", "related") for i in range(n - 1)]
    return ConceptGraph(names, edges, {s: f"tag-{i % 3}" for i, s in enumerate(names)})


def soup(svg: str) -> BeautifulSoup:
    return BeautifulSoup(svg, "html.parser")


def test_same_input_gives_the_same_svg():
    first, second = chain(12), chain(12)
    assert first.local_svg("t05") == second.local_svg("t05")
    assert first.overview_svg() == second.overview_svg()
    assert first.positions == second.positions


def test_drawings_do_not_depend_on_what_was_drawn_before():
    drawn = chain(12)
    kept = drawn.local_svg("t05")
    assert drawn.local_svg("t05") is kept  # drawn once, then kept
    fresh = chain(12)  # drawings made after others are made the same way
    assert drawn.local_svg("t07", "../") == fresh.local_svg("t07", "../")
    assert drawn.overview_svg() == fresh.overview_svg()


class Layouts(Namespace):
    """An in-memory namespace that can hand back a damaged entry."""

    def __init__(self, damage: Any = None) -> None:
        super().__init__(None, "graph")
        self.damage = damage

    def get(self, digest: str) -> Any | None:
        return self.damage if self.damage is not None else super().get(digest)


def test_a_layout_from_the_cache_draws_the_same_and_a_damaged_one_is_made_again():
    names = {f"t{i:02d}": f"Term {i}" for i in range(6)}
    edges = [(f"t{i:02d}", f"t{i + 1:02d}", "related") for i in range(5)]
    fresh = ConceptGraph(names, edges)
    layouts = Layouts()
    first = ConceptGraph(names, edges, layouts=layouts)
    again = ConceptGraph(names, edges, layouts=layouts)
    assert first.positions == again.positions == fresh.positions
    assert again.overview_svg() == fresh.overview_svg()
    for damage in ({"t00": ["x", 1]}, {"t00": [float("nan"), 0]}, ["junk"], {"other": [0, 0]},
                   {s: [0] for s in names}):
        damaged = ConceptGraph(names, edges, layouts=Layouts(damage))
        assert damaged.positions == fresh.positions, damage


def test_edge_order_does_not_change_the_picture():
    names = {"a": "A", "b": "B", "c": "C", "d": "D"}
    edges = [("a", "b", "related"), ("b", "c", "related"), ("c", "d", "related")]
    forward = ConceptGraph(names, edges)
    backward = ConceptGraph(dict(reversed(names.items())), [(b, a, k) for a, b, k in edges[::-1]])
    assert forward.overview_svg() == backward.overview_svg()
    assert forward.local_svg("b") == backward.local_svg("b")


def test_neighbourhood_stops_two_steps_out():
    concept = chain(9)
    ring1, ring2 = concept.neighbourhood("t04")
    assert sorted(ring1) == ["t03", "t05"]
    assert sorted(ring2) == ["t02", "t06"]
    drawn = {a["data-slug"] for a in soup(concept.local_svg("t04")).select(".fg-graph__node")}
    assert drawn == {"t02", "t03", "t04", "t05", "t06"}
    for slug in drawn:
        assert nx.shortest_path_length(concept.graph, "t04", slug) <= 2


def test_neighbourhood_is_capped_on_a_hub():
    names = {"hub": "Hub", **{f"s{i:02d}": f"Spoke {i}" for i in range(40)}}
    edges = [("hub", f"s{i:02d}", "related") for i in range(40)]
    concept = ConceptGraph(names, edges)
    page = soup(concept.local_svg("hub"))
    assert len(page.select("a.fg-graph__node")) == graph.RING1_MAX
    assert f"{40 - graph.RING1_MAX} more" in page.figcaption.get_text()


def test_nodes_link_to_term_pages_with_accessible_names():
    concept = chain(5)
    page = soup(concept.local_svg("t02", root="../../"))
    links = page.select("a.fg-graph__node")
    assert {a["href"] for a in links} == {f"../../terms/t{i:02d}/" for i in (0, 1, 3, 4)}
    for a in links:
        assert a.title.get_text() == concept.names[a["data-slug"]]
        assert a.find("text").get_text()
    centre = page.select_one(".fg-graph__node--centre")
    assert centre.get("href") is None and centre["aria-current"] == "page"
    flat = soup(concept.local_svg("t02", root="../", directory_urls=False))
    assert {a["href"] for a in flat.select("a")} >= {"../terms/t01.html", "../graph.html"}


def test_hostile_names_are_escaped():
    names = {"evil": HOSTILE, "good": "Good", "tag-x": "Other"}
    edges = [("evil", "good", "related"), ("good", "tag-x", "related")]
    concept = ConceptGraph(names, edges, {"evil": '"><img src=x onerror=alert(1)>'})
    for svg in (concept.local_svg("good"), concept.local_svg("evil"), concept.overview_svg(),
                graph.graph_page(concept)):
        assert "<script>" not in svg and "<b>" not in svg and "<img" not in svg
        page = soup(svg)
        assert page.find("script") is None and page.find("img") is None
        evil = page.select_one('[data-slug="evil"]')
        assert evil.title.get_text().startswith(HOSTILE)
    long = ConceptGraph({"a": "x" * 80, "b": "B"}, [("a", "b", "related")])
    lines = [t.get_text() for t in soup(long.local_svg("b")).select('[data-slug="a"] tspan')]
    assert lines == [lines[0]] and lines[0].endswith("…") and len(lines[0]) < 40
    whole = soup(long.overview_svg()).select_one('[data-slug="a"] text').get_text()
    assert len(whole) == graph.LABEL_MAX and whole.endswith("…")


ATTACKS = ['<svg/onload=alert(1)>', '" onmouseover="x', "' onfocus='x",
           '</title><script>x</script>', '</text><img src=x onerror=alert(1)>',
           '&lt;b&gt; &amp; &#34;']


def test_hostile_text_stays_in_its_title_text_and_attributes():
    """Each hostile name, tag and slug comes back whole from its <title>, <text> or
    attribute, in the neighbourhood and the whole graph, and adds no element or attribute."""
    names = {f"s{i}": attack for i, attack in enumerate(ATTACKS)}
    names |= {"hub": "Hub", 'q" onclick="x': ATTACKS[1]}
    edges = [("hub", slug, "related") for slug in names if slug != "hub"]
    edges += [("s0", "s1", "mention"), ("s1", 'q" onclick="x', "related")]
    tags = {slug: ATTACKS[i % len(ATTACKS)] for i, slug in enumerate(names)}
    concept = ConceptGraph(names, edges, tags)
    drawings = {"local": [concept.local_svg(slug) for slug in names],
                "overview": [concept.overview_svg(), concept.overview_svg('"><x y="', False)]}
    for kind, svgs in drawings.items():
        for svg in svgs:
            page = soup(svg)
            found = page.find_all(True)
            assert {e.name for e in found} <= {"figure", "div", "svg", "g", "path", "a", "title",
                                               "circle", "text", "tspan", "figcaption", "ul",
                                               "li", "span", "form", "label", "input",
                                               "datalist", "button", "p", "details", "summary"}
            assert not [(e.name, a) for e in found for a in e.attrs if a.startswith("on")]
            assert len(page.find_all("svg")) == 1 + len(page.select(".fg-graph__legend li"))
            for node in page.select(".fg-graph__node"):
                slug = node["data-slug"]
                children = [child.name for child in node.children]
                suffix = f" ({tags[slug]})" if kind == "overview" else ""
                assert node.title.get_text() == names[slug] + suffix
                if kind == "overview":
                    assert children[:3] == ["title", "circle", "text"]
                    assert set(children[3:]) <= {"text"}
                    assert {t.get_text() for t in node.find_all("text")} == {
                        graph.shorten(names[slug])}
                    assert node["data-tag"] == slugify(tags[slug])
                else:
                    assert children == ["title", "circle", "text"]
                    kind_ = "centre" if "fg-graph__node--centre" in node["class"] else (
                        "far" if "fg-graph__node--far" in node["class"] else "near")
                    assert [t.get_text() for t in node.find_all("tspan")] == list(
                        concept._name(slug, kind_)[0])
                assert node.get("href", f"terms/{slug}/").endswith((f"terms/{slug}/",
                                                                    f"terms/{slug}.html"))
            for item in page.select(".fg-graph__list li"):
                slug = item.a["href"].split("terms/")[1].split("/")[0].removesuffix(".html")
                assert item.a.get_text() == names[slug]
                assert item.span.get_text() == f"({tags[slug]})"
            for edge in page.select("path.fg-graph__edge"):
                assert edge["data-a"] in names and edge["data-b"] in names
    centre = soup(concept.local_svg("s0"))
    assert centre.svg["aria-label"] == f"Concept graph: terms linked with {ATTACKS[0]}"
    assert centre.figcaption.get_text().startswith(f"Terms linked with {ATTACKS[0]}")
    legend = [li.get_text() for li in soup(concept.overview_svg()).select(".fg-graph__legend li")]
    assert sorted(legend) == sorted(f"{tag} ({count})" for tag, count
                                    in Counter(tags.values()).items())


def test_hostile_link_kinds_stay_in_the_edge_class():
    """A link's kind is written into the edge's class by a template: it cannot add an
    attribute, and each kind is drawn as given whichever drawing renders its shape first."""
    names = {"a": "A", "b": "B", "c": "C", "d": "D"}
    kinds = {("a", "b"): ATTACKS[1], ("b", "c"): ATTACKS[0], ("c", "d"): "related"}
    concept = ConceptGraph(names, [(a, b, kind) for (a, b), kind in kinds.items()])
    for svg in [concept.local_svg(slug) for slug in names] + [concept.overview_svg()]:
        edges = soup(svg).select("path")
        assert edges
        for edge in edges:
            assert sorted(edge.attrs) == ["class", "d", "data-a", "data-b"]
            kind = kinds[edge["data-a"], edge["data-b"]]
            assert " ".join(edge["class"]) == f"fg-graph__edge fg-graph__edge--{kind}"

def test_overview_colours_by_first_tag_with_a_legend():
    concept = chain(7)
    page = soup(concept.overview_svg())
    classes = concept.tag_classes()
    for node in page.select("a.fg-graph__node"):
        tag = concept.first_tags[node["data-slug"]]
        assert f"fg-graph__node--tag-{classes[tag]}" in node["class"]
    legend = [li.get_text() for li in page.select(".fg-graph__legend li")]
    assert legend == ["tag-0 (3)", "tag-1 (2)", "tag-2 (2)"]


def test_large_graphs_use_the_disc_layout():
    """Above SPRING_LIMIT terms, each tag's terms share a disc: no two terms at one place,
    the most linked term of a tag in its disc's middle, discs apart."""
    n = graph.SPRING_LIMIT + 1
    concept = chain(n)
    again = chain(n)
    assert len(concept.positions) == n and concept.positions == again.positions
    assert len(set(concept.positions.values())) == n
    by_tag: dict[str, list[tuple[float, float]]] = {}
    for slug, tag in concept.first_tags.items():
        by_tag.setdefault(tag, []).append(concept.positions[slug])
    centres = {tag: (sum(x for x, _ in ps) / len(ps), sum(y for _, y in ps) / len(ps))
               for tag, ps in by_tag.items()}
    for tag, ps in by_tag.items():
        own = max(math.dist(p, centres[tag]) for p in ps)
        for other, centre in centres.items():
            if other != tag:
                assert min(math.dist(p, centre) for p in ps) > own / 2, (tag, other)
    drawn = soup(concept.overview_svg())
    assert len(drawn.select("a.fg-graph__node")) == n
    assert 0 < len(drawn.select(".fg-graph__label--desk")) < n  # only what fits


def test_mentions_become_edges_when_the_glossary_has_them(write_glossary):
    glossary = load_glossary(write_glossary())
    related = glossary_edges(glossary)
    assert {(a, b) for a, b, _ in related} == {(s, o) for s, t in glossary.terms.items()
                                               for o in t.related}
    glossary.mentions = {"alpha-term": ["beta-term", "nowhere"]}  # type: ignore[attr-defined]
    edges = glossary_edges(glossary)
    assert ("alpha-term", "beta-term", "mention") in edges
    concept = ConceptGraph.from_glossary(glossary)
    assert concept.graph.edges["alpha-term", "beta-term"]["kind"] == "related"  # curated wins
    assert "nowhere" not in concept.graph


def test_a_term_with_many_neighbours_draws_only_those():
    names = {"hub": "Hub", **{f"s{i}": f"Spoke {i}" for i in range(graph.SMALL_NEIGHBOURHOOD + 1)},
             "far": "Far"}
    edges = [("hub", s, "related") for s in names if s.startswith("s")] + [("s0", "far", "related")]
    concept = ConceptGraph(names, edges)
    ring1, ring2 = concept.neighbourhood("hub")
    assert len(ring1) == graph.SMALL_NEIGHBOURHOOD + 1 and ring2 == {}
    drawn = soup(concept.local_svg("hub"))
    assert "far" not in {a["data-slug"] for a in drawn.select(".fg-graph__node")}
    assert all("hub" in (e["data-a"], e["data-b"]) for e in drawn.select("path"))


def test_second_step_terms_are_the_most_linked_with_the_first():
    names = {s: s.upper() for s in ("c", "a", "b", "x", "y")}
    edges = [("c", "a", "related"), ("c", "b", "related"), ("a", "x", "related"),
             ("b", "x", "related"), ("b", "y", "related")]
    ring1, ring2 = ConceptGraph(names, edges).neighbourhood("c")
    assert ring1 == ["a", "b"] and list(ring2) == ["x", "y"]


def test_graphs_link_relative_to_their_page():
    concept = chain(4)
    drawn = soup(concept.local_svg("t01", "../../"))
    assert drawn.select_one('a[data-slug="t02"]')["href"] == "../../terms/t02/"
    assert drawn.select_one("figcaption a")["href"] == "../../graph/"
    lonely = ConceptGraph({"a": "A"}, [])
    assert lonely.local_svg("a") == ""
    page = graph.graph_page(concept)
    assert soup(page).select_one('a[data-slug="t00"]')["href"] == "../terms/t00/"
    assert "4 terms and the 3 links" in page
    flat = graph.graph_page(concept, directory_urls=False)
    assert soup(flat).select_one('a[data-slug="t00"]')["href"] == "terms/t00.html"


# --- where the engine draws them ------------------------------------------------------------

def test_the_graph_page_holds_the_whole_graph(write_glossary):
    glossary = load_glossary(write_glossary())
    files = graph_emitter.emit(glossary, EmitOptions())
    assert set(files) == {graph.PAGE_PATH, graph.SCRIPT_PATH}
    overview = soup(files[graph.PAGE_PATH]).select_one("figure.fg-graph--overview")
    assert {a["data-slug"]: a["href"] for a in overview.select("a.fg-graph__node")} == {
        s: f"../terms/{s}/" for s in ("alpha-term", "beta-term", "gamma-term")}
    concept = ConceptGraph.from_glossary(glossary)
    given = graph_emitter.emit(glossary, EmitOptions(concept=concept))
    assert given == files


def plugin_setup(directory: Path) -> MkDocsConfig:
    """The glossary plugin in memory (as test_plugin.py runs it), after ``on_files``."""
    project = directory.parent
    (project / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
    config.load_dict({"site_name": "T", "plugins": [{"glossary": {"charts": False}}]})
    errors, _ = config.validate()
    assert not errors, errors
    assert isinstance(config.plugins["glossary"], GlossaryPlugin)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    return config


def test_each_term_page_gets_its_neighbourhood_outside_its_text(write_glossary):
    """The term's figure goes to the theme (``page.meta.fg_graph``, drawn after the text by
    overrides/main.html), not into the page's Markdown: search never indexes it."""
    config = plugin_setup(write_glossary())
    files = config.plugins.on_files(Files([]), config=config)
    term = files.get_file_from_path("terms/alpha-term.md")
    assert term is not None and "fg-graph" not in term.content_string
    page = Page(None, term, config)
    page.read_source(config)
    config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    figure = soup(page.meta["fg_graph"]).select_one("figure.fg-graph--local")
    assert figure is not None and figure.has_attr("data-search-exclude")
    assert {a["data-slug"]: a["href"] for a in figure.select("a.fg-graph__node")} == {
        "beta-term": "../../terms/beta-term/", "gamma-term": "../../terms/gamma-term/"}
    assert figure.select_one(".fg-graph__node--centre")["data-slug"] == "alpha-term"
    overview = files.get_file_from_path("graph.md")
    assert overview is not None and "fg-graph--overview" in overview.content_string
    lessons = files.get_file_from_path("lessons/index.md")
    assert lessons is not None
    other = Page(None, lessons, config)
    other.read_source(config)
    config.plugins.on_page_markdown(other.markdown or "", page=other, config=config,
                                    files=files)
    assert "fg_graph" not in other.meta


def test_term_page_markdown_holds_no_graph(write_glossary):
    glossary = load_glossary(write_glossary())
    concept = ConceptGraph.from_glossary(glossary)
    page = render_term(glossary, "alpha-term", EmitOptions(concept=concept))
    assert "fg-graph" not in page and "<svg" not in page


# --- no two names overlap ----------------------------------------------------------------

def assert_local_names_apart(concept: ConceptGraph, slug: str, parse: bool = True) -> None:
    """The names of a neighbourhood: none overlaps another name or another term's dot, all
    lie in the drawing; measured from the layout and (``parse``) from the SVG drawn."""
    svg = concept.local_svg(slug)
    if not svg:
        return
    from_layout = graph.label_boxes(concept.local_labels(slug))
    assert labels.overlaps(from_layout) == [], slug
    if not parse:
        return
    names, dots, bounds = local_boxes(svg)
    assert sorted(names) == sorted(from_layout), slug
    assert labels.overlaps(names) == [], slug
    assert all(labels.inside(box, bounds) for box in names), slug
    assert bounds[2] == graph.LOCAL_WIDTH
    for i, name in enumerate(names):
        assert not [j for j, dot in enumerate(dots) if j != i and labels.intersect(name, dot)]


def assert_overview_names_apart(concept: ConceptGraph) -> dict[str, int]:
    """Each static set of the whole graph's names: none overlaps another, each lies in the
    drawing, none covers the dot of a term drawn after it (on top). Returns set → count."""
    svg = concept.overview_svg()
    counts = {}
    for which, scale in graph.LABEL_SCALES:
        names, dots = overview_boxes(svg, which, scale)
        assert names, which
        assert labels.overlaps(names) == [], which
        bounds = (0.0, 0.0, graph.OVERVIEW_SIZE * scale, graph.OVERVIEW_SIZE * scale)
        assert all(labels.inside(box, bounds) for box in names), which
        expected = sorted(concept.overview_label_boxes(scale))  # the SVG rounds to 0.001 em
        assert [v for b in sorted(names) for v in b] == pytest.approx(
            [v for b in expected for v in b], abs=0.01)
        # Drawn order is least linked first: a name may cover only dots drawn before it.
        named = {slug: i for i, (slug, _) in enumerate(dots)}
        chosen = concept.overview_labels(scale)
        for slug, where in chosen.items():
            box = concept._overview_box(slug, *(v * scale for v in
                                                concept.overview_positions()[slug]),
                                        graph.NODE_RADII[concept.size_class(slug)], where)
            later = [other for other, dot in dots[named[slug] + 1:]
                     if labels.intersect(box, dot)]
            assert later == [], (which, slug, later)
            # and no name lies over the dot of a term that is named
            assert not [o for o in chosen if o != slug and labels.intersect(box, dots[named[o]][1])]
        counts[which] = len(names)
    return counts


def test_label_measures():
    assert labels.text_width("", 12) == 0
    assert labels.text_width("iii", 12) < labels.text_width("MMM", 12)
    assert labels.text_width("Data", 14, bold=True) > labels.text_width("Data", 14)
    assert labels.text_width("模型", 10) == 2 * 10 * labels.SAFETY  # outside the table: an em
    for name in ("Reinforcement Learning from Human Feedback", "Exploration–Exploitation "
                 "Trade-off", "x" * 80, HOSTILE, "A", "  spaced   out  "):
        for width, most in ((60, 2), (100, 3), (300, 4)):
            lines = labels.wrap(name, width, 13, max_lines=most)
            assert 1 <= len(lines) <= most
            assert all(labels.text_width(line, 13) <= width for line in lines), lines
            if "…" not in "".join(lines):  # nothing lost but spaces
                assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    assert labels.wrap("Data Flywheel", 200, 13) == ["Data Flywheel"]
    assert labels.wrap("Data Flywheel", 60, 13) == ["Data", "Flywheel"]
    assert labels.wrap("Retrieval-Augmented Generation", 80, 13) == [
        "Retrieval-", "Augmented", "Generation"]


def test_overlaps():
    rnd = random.Random(3)
    boxes = []
    for _ in range(300):
        x, y = rnd.uniform(0, 500), rnd.uniform(0, 500)
        boxes.append((x, y, x + rnd.uniform(1, 80), y + rnd.uniform(1, 20)))
    brute = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
             if labels.intersect(boxes[i], boxes[j])]
    assert labels.overlaps(boxes) == brute and brute


def test_no_two_names_overlap_in_a_neighbourhood():
    hub = ConceptGraph({"hub": "Hub", **{f"s{i:02d}": f"{WORDS[i % len(WORDS)]} " * (i % 6 + 1)
                                         for i in range(40)}},
                       [("hub", f"s{i:02d}", "related") for i in range(40)])
    hostile = ConceptGraph({f"s{i}": attack for i, attack in enumerate(ATTACKS)} | {"h": "H"},
                           [("h", f"s{i}", "related") for i in range(len(ATTACKS))])
    for concept in (chain(9), hub, hostile, synthetic(53)):
        for slug in concept.names:
            assert_local_names_apart(concept, slug)


def test_no_two_names_overlap_in_a_thousand_neighbourhoods():
    concept = synthetic(1000)
    for i, slug in enumerate(sorted(concept.names)):
        assert_local_names_apart(concept, slug, parse=i % 40 == 0)


def test_a_neighbourhood_fits_a_phone():
    """360 units wide (a 390-pixel phone's column is 358 pixels), the terms two steps away
    spread over both sides when one side would be much longer."""
    concept = synthetic(40)
    for slug in concept.names:
        assert soup(concept.local_svg(slug)).svg["viewbox"].split()[2] == "360"
    names = {"c": "Centre", "a": "A", "b": "B", **{f"f{i}": f"F{i}" for i in range(8)}}
    edges = [("c", "a", "related"), ("c", "b", "related")]
    edges += [(p, f"f{i}", "related") for i in range(8) for p in ("a", "b")]
    balanced = soup(ConceptGraph(names, edges).local_svg("c"))
    sides = Counter(float(n.circle["cx"]) < graph.LOCAL_CENTRE
                    for n in balanced.select("a.fg-graph__node--far"))
    assert sides[True] == sides[False] == 4


def test_the_whole_graph_names_only_what_fits():
    for concept in (chain(12), synthetic(53), synthetic(1000)):
        counts = assert_overview_names_apart(concept)
        assert counts["phone"] <= counts["desk"]
    big = synthetic(1000)
    shown = big.overview_labels(graph.LABEL_SCALES[0][1])
    degree = big.graph.degree
    assert max(degree[s] for s in big.names) == max(degree[s] for s in shown)  # hubs first
    assert 40 < len(shown) < 200


def test_the_whole_graph_has_one_tab_stop_a_list_and_tools_for_the_script():
    concept = synthetic(53)
    page = soup(graph.graph_page(concept))
    nodes = page.select("a.fg-graph__node")
    assert nodes and all(a["tabindex"] == "-1" for a in nodes)  # graph.js gives one a 0
    degree = concept.graph.degree
    drawn = [degree[a["data-slug"]] for a in nodes]
    assert drawn == sorted(drawn)  # most linked last, drawn on top
    assert page.select_one(".fg-graph__tools").has_attr("hidden")
    assert page.select_one(".fg-graph__help").has_attr("hidden")
    assert page.select_one("label[for=fg-graph-find]") and page.select_one("#fg-graph-find")
    listed = page.select("details.fg-graph__list li a")
    assert [a.get_text() for a in listed] == sorted((concept.names[s] for s in concept.names),
                                                    key=str.casefold)
    assert {a["href"] for a in listed} == {f"../terms/{s}/" for s in concept.names}
    assert [li["data-tag"] for li in page.select(".fg-graph__legend li")] == [
        slugify(t) for t in sorted(set(concept.first_tags.values()))]


ASSETS = Path(graph.__file__).parent.parent / "assets"


def test_stylesheet_and_script_use_the_sizes_the_names_were_placed_with():
    css = (ASSETS / "graph.css").read_text(encoding="utf-8")
    js = (ASSETS / "graph.js").read_text(encoding="utf-8")
    desk, phone = (graph.LABEL_PX / scale for _, scale in graph.LABEL_SCALES)
    sizes = [float(v) for v in re.findall(
        r"\.fg-graph--overview \.fg-graph__svg \{[^}]*?font-size: ([\d.]+)px", css)]
    assert sizes == pytest.approx([desk, phone], abs=0.001)
    assert "@container (max-width: 520px)" in css
    for i, r in enumerate(graph.NODE_RADII):
        em = re.search(rf"--size-{i} circle {{ r: ([\d.]+)em; }}", css)
        assert em and float(em[1]) == pytest.approx(r / graph.LABEL_PX, abs=0.0001)
    for kind, (_, size, _, _) in graph.LOCAL_KINDS.items():
        rule = (r"\.fg-graph--local \.fg-graph__node text \{\s*font-size: (\d+)px"
                if kind == "near" else
                rf"\.fg-graph--local \.fg-graph__node--{kind} text \{{\s*font-size: (\d+)px")
        found = re.search(rule, css)
        assert found and int(found[1]) == size, kind
    assert "fg-graph__node--centre text { font-size: 14px; font-weight: 700; }" in css
    assert f"var FONT = {graph.LABEL_PX};" in js
    assert f"var RADII = [{', '.join(map(str, graph.NODE_RADII))}];" in js
    assert f"var ASCENT = {labels.ASCENT}, DESCENT = {labels.DESCENT};" in js
    assert "var CANDIDATES = [" + ", ".join(f'"{c}"' for c in graph.CANDIDATES) + "];" in js

"""The concept graph: deterministic layout, bounded neighbourhoods, hostile names escaped,
and where the engine draws it (the Graph page, each term page's figure)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary_site.build.cache import Namespace
from glossary_site.build.pipeline import load_glossary
from glossary_site.content.model import slugify
from glossary_site.emit import EmitOptions, graph
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
    label = soup(long.local_svg("b")).select_one('[data-slug="a"] text').get_text()
    assert len(label) == graph.LABEL_MAX and label.endswith("…")


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
                                               "circle", "text", "figcaption", "ul", "li",
                                               "span"}
            assert not [(e.name, a) for e in found for a in e.attrs if a.startswith("on")]
            assert len(page.find_all("svg")) == 1 + len(page.select(".fg-graph__legend li"))
            for node in page.select(".fg-graph__node"):
                slug = node["data-slug"]
                assert [child.name for child in node.children] == ["title", "circle", "text"]
                suffix = f" ({tags[slug]})" if kind == "overview" else ""
                assert node.title.get_text() == names[slug] + suffix
                assert node.find("text").get_text() == graph.shorten(names[slug])
                assert node.get("href", f"terms/{slug}/").endswith((f"terms/{slug}/",
                                                                    f"terms/{slug}.html"))
                if kind == "overview":
                    assert node["data-tag"] == slugify(tags[slug])
            for edge in page.select("path.fg-graph__edge"):
                assert edge["data-a"] in names and edge["data-b"] in names
    centre = soup(concept.local_svg("s0"))
    assert centre.svg["aria-label"] == f"Concept graph: terms linked with {ATTACKS[0]}"
    assert centre.figcaption.get_text().startswith(f"Terms linked with {ATTACKS[0]}")
    legend = [li.get_text() for li in soup(concept.overview_svg()).select("li")]
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


def test_large_graphs_use_the_linear_layout():
    n = graph.SPRING_LIMIT + 1
    concept = chain(n)
    assert len(concept.positions) == n
    assert concept.overview_svg().count("<text") == 0  # too many names to print


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
    assert set(files) == {graph.PAGE_PATH, graph.SCRIPT_PATH, graph.STYLE_PATH}
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

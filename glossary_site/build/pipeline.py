"""The pipeline, declared in one place: load → validate → resolve → emit.

- **load** (:mod:`.load`) reads the YAML files; **validate** (:mod:`.validate`) turns each
  into a :class:`~glossary_site.content.model.Term`; **resolve** (:mod:`.resolve`) cross-references
  them into a :class:`~glossary_site.content.resolve.Glossary`. :func:`run` does the three and
  returns every problem as ``path:line: message``.
- **emit** runs :data:`EMITTERS` in order; each returns ``{path: content}``. The charts a
  glossary uses are built (or read from the cache) first, so every emitter can place them.

The MkDocs plugin hands the emitted files to MkDocs; nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from glossary_site.build.cache import Cache, engine_digest
from glossary_site.build.step_cache import Checked, checking_parse
from glossary_site.charts.registry import DEFAULT_SIMULATIONS
from glossary_site.content.load import LESSONS_FILE, RawEntry, load_directory, term_files
from glossary_site.content.model import Lesson, Term
from glossary_site.content.problems import GlossaryError, Problem, display_path
from glossary_site.content.resolve import Glossary, resolve
from glossary_site.content.validate import Parsed, validate_lessons
from glossary_site.emit import (
    ChartSettings,
    EmitOptions,
    Emitter,
    embed,
    feed,
    lessons,
    reader_scripts,
    redirects,
    share_images,
    term_pages,
    terms_json,
)
from glossary_site.emit import charts as chart_files
from glossary_site.emit import graph_page as concept_graph
from glossary_site.emit.graph import ConceptGraph

EMITTERS: list[Emitter] = [
    term_pages.emit,    # terms/<slug>.md
    lessons.emit,       # lessons/index.md, lessons/<id>.md
    redirects.emit,     # terms/<former slug>/index.html
    terms_json.emit,    # terms.json
    feed.emit,          # feed.xml, the Atom feed of new and revised terms
    chart_files.emit,   # assets/charts/*, the chart runtime
    embed.emit,         # embed.js, the preview cards (course and site)
    reader_scripts.emit,  # search and way-finding scripts and styles
    concept_graph.emit,  # graph.md and the graph's assets
    share_images.emit,  # assets/social/*.png, Open Graph and Twitter card images
]
"""Every emitter, in order. A feature adds its own (graph, previews, embed …)."""


def known_chart_ids(simulations: str = DEFAULT_SIMULATIONS) -> list[str] | None:
    """Chart ids of the simulations package, or ``None`` when charts are unavailable."""
    try:
        from glossary_site.charts import chart_ids

        return chart_ids(simulations=simulations)
    except ImportError:  # the simulations package or its charts are not installed
        return None


def run(directory: Path, chart_ids: Collection[str] | None = None,
        base: Path | None = None, directory_urls: bool | None = None,
        cache: Cache | None = None) -> tuple[Glossary, list[Problem]]:
    """Load, validate and resolve ``directory``; return the glossary and every problem.

    The glossary holds the terms that passed, so a caller may still show them. With
    ``directory_urls`` (how the site's pages link each other), every Markdown field is
    rendered to finished HTML too. With ``cache``, unchanged term files and fields reuse
    their answers from the last build (:mod:`.step_cache`).
    """
    if not directory.is_dir():
        path = display_path(directory, base)
        return Glossary(terms={}, paths={}), [Problem(path, 1, "glossary directory not found")]
    checked: Checked = {}
    parsed: dict[str, Parsed] = {}
    space = (cache or Cache(None)).namespace("terms", engine_digest())
    entries, lessons_entry, problems = load_directory(
        directory, base, checking_parse(space, chart_ids, checked, parsed))
    valid: list[tuple[RawEntry, Term]] = []
    for entry in entries:
        term, found = checked[entry.path]
        problems.extend(found)
        if term is not None:
            valid.append((entry, term))
    lesson_list: list[Lesson] = []
    lessons_path = display_path(directory / LESSONS_FILE, base)
    if lessons_entry is not None:
        lesson_list, found = validate_lessons(lessons_entry)
        problems.extend(found)
    loaded = {entry.slug for entry, _ in valid}
    broken = {f.stem for f in term_files(directory)} - loaded
    glossary, found = resolve(valid, lesson_list, lessons_path, broken=tuple(sorted(broken)),
                              parsed=parsed, directory_urls=directory_urls,
                              lessons_entry=lessons_entry,
                              fields_space=(cache.namespace("fields", engine_digest())
                                            if cache else None))
    problems.extend(found)
    if not entries and not problems:
        problems.append(Problem(display_path(directory, base), 1, "no term files (*.yaml) found"))
    return glossary, sorted(set(problems))


def check(directory: Path, chart_ids: Collection[str] | None = None,
          base: Path | None = None) -> list[Problem]:
    """Return every problem in the glossary at ``directory`` (empty when it is clean)."""
    return run(directory, chart_ids, base)[1]


def load_glossary(directory: Path, chart_ids: Collection[str] | None = None,
                  base: Path | None = None, directory_urls: bool = True) -> Glossary:
    """Return the resolved glossary with every field rendered, or raise
    :class:`GlossaryError` listing every problem."""
    glossary, problems = run(directory, chart_ids, base, directory_urls)
    if problems:
        raise GlossaryError(problems)
    return glossary


def build_charts(glossary: Glossary, options: EmitOptions) -> EmitOptions:
    """Build (or read from the cache) every chart the glossary uses; prune unused entries.

    Raises :class:`~glossary_site.charts.ChartError` naming a chart that fails.
    """
    if options.charts is None:
        return options
    from glossary_site import charts

    settings: ChartSettings = options.charts
    built = {cid: charts.build_chart(cid, settings.cache, simulations=settings.simulations)
             for cid in chart_files.used_charts(glossary)}
    charts.prune_cache(settings.cache, {assets.digest for assets in built.values()})
    return replace(options, chart_assets=built)


def emit(glossary: Glossary, options: EmitOptions, emitters: list[Emitter] | None = None,
         cache: Cache | None = None) -> dict[str, str | bytes]:
    """Run the emitters over the glossary; return every file, path → content. With
    ``cache``, the concept graph's layout is kept across builds.

    Raises ``ValueError`` when two emitters write the same path.
    """
    options = build_charts(glossary, options)
    if options.concept is None:
        layouts = cache.namespace("graph", engine_digest()) if cache is not None else None
        options = replace(options, concept=ConceptGraph.from_glossary(glossary, layouts))
    files: dict[str, str | bytes] = {}
    for emitter in EMITTERS if emitters is None else emitters:
        for path, content in emitter(glossary, options).items():
            if path in files:
                raise ValueError(f"two emitters write {path}")
            files[path] = content
    return files


__all__ = ["EMITTERS", "EmitOptions", "Term", "check", "emit", "known_chart_ids",
           "load_glossary", "run"]

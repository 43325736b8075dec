"""MkDocs plugin ``glossary``: a thin adapter that hands the engine's files to MkDocs.

Handlers run in lifecycle order and stay short: the pipeline (load, validate, resolve, emit)
does the work and writes finished pages (each Markdown field rendered and cleaned, the
engine's figures in place); this module holds the typed configuration and moves the emitted
files into MkDocs with ``File.generated``. It never edits a page after MkDocs rendered it,
and uses only MkDocs 1.x APIs, so ProperDocs builds the same site. Under ``mkdocs serve``
content problems do not stop the server: the terms that load are shown, and every page
carries the list of problems until the files are fixed. ``mkdocs build`` fails on the first
problem list, as strictly as ever.
"""

from __future__ import annotations

import gc
import logging
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from glossary_site.build import pipeline
from glossary_site.build.cache import Cache, engine_digest
from glossary_site.build.urls import is_term_source
from glossary_site.charts import DEFAULT_SIMULATIONS, ChartError, ModelPage
from glossary_site.content.problems import Problem, format_problems
from glossary_site.content.resolve import Glossary
from glossary_site.emit import ChartSettings, EmitOptions, reader_scripts, search
from glossary_site.emit.az import MARKER as AZ_MARKER
from glossary_site.emit.az import TAG_INDEX_MARKER, render_az, render_tag_index
from glossary_site.emit.graph import ConceptGraph
from glossary_site.emit.problem_pages import placeholder_pages, with_problem_list
from glossary_site.emit.sharing import page_share
from glossary_site.notebooks import is_notebook, resolve_links, stable_cell_ids
from glossary_site.render.finished_html import FinishedHtml
from glossary_site.render.mathml import render_math

# Outside the "mkdocs" logger on purpose: MkDocs counts warnings there, and under a strict
# ``serve`` a counted warning would abort the very rebuild that shows the problems.
serve_log = logging.getLogger("glossary.serve")
log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryPluginConfig(base.Config):
    """Options of the ``glossary`` plugin in ``mkdocs.yml``."""

    glossary_dir = c.Dir(exists=False, default="glossary")
    """Folder of the term files, relative to mkdocs.yml. Edit links of term pages point at
    ``<glossary_dir>/<slug>.yaml`` through MkDocs' own ``repo_url`` and ``edit_uri``."""
    lesson_base_url = c.Optional(c.URL())
    """Base URL that relative lesson URLs in ``lessons.yaml`` are joined to; unset: as given."""
    charts = c.Type(bool, default=True)
    """Build the simulation charts that sections name."""
    simulations = c.Type(str, default=DEFAULT_SIMULATIONS)
    """The Python package of the simulations; its ``charts`` subpackage holds the charts."""
    chart_pages = c.DictOfItems(c.Type(str), default={})
    """The page that explains how each chart is made: chart id → the page's path in
    ``docs_dir`` (``plateau: simulations/learning-curve.md``). Every figure of that chart
    links the page ("How this chart is made"), by its URL for ``use_directory_urls``; a
    chart with no page has no such link. An unknown id or a missing page is a problem."""
    cache_dir = c.Dir(exists=False, default=".cache/glossary")
    """Where the build keeps the answers of its expensive steps (each term file's check, each
    field's HTML, the graph's layout, charts, share images), relative to mkdocs.yml
    (:mod:`glossary_site.build.cache`)."""
    build_cache = c.Type(bool, default=True)
    """Keep those answers across builds; ``false``: every build starts from nothing (charts
    and share images are still kept: they take seconds each)."""


class GlossaryPlugin(BasePlugin[GlossaryPluginConfig]):
    """Generate term, lesson and index pages from the glossary YAML files."""

    def __init__(self) -> None:
        self.serving = False
        self.glossary: Glossary | None = None
        self.problems: list[Problem] = []
        self.project_dir = Path.cwd()
        self.cache = Cache(None)
        self.concept: ConceptGraph | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        """Remember whether we serve: then problems are shown on the pages, not raised."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Find the project folder, open the cache, add the finished-HTML extension and the
        readers' scripts and styles."""
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.glossary, self.problems, self.concept = None, [], None
        if not any(isinstance(e, FinishedHtml) for e in config.markdown_extensions):
            config.markdown_extensions.append(FinishedHtml())  # the engine's HTML as it is
        self.cache = Cache(Path(self.config.cache_dir))
        # Preview cards, search, graph, way-finding and charts: one small stylesheet and
        # deferred scripts, on every page (the chart scripts load per page).
        if reader_scripts.STYLE_PATH not in config.extra_css:
            config.extra_css.append(reader_scripts.STYLE_PATH)
        listed = {str(script) for script in config.extra_javascript}
        for path in reader_scripts.SCRIPTS:
            if path not in listed:
                script = c.ExtraScriptValue(path)
                script.defer = True
                config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """With the build cache on, reuse Material's search entries of every page whose HTML
        is unchanged since the last build (glossary_site.emit.search.keep_entries)."""
        steps = self._steps()
        index = getattr(config.plugins.get("material/search"), "search_index", None)
        if steps is not None and index is not None:
            search.keep_entries(index, steps)

    def _steps(self) -> Cache | None:
        """The cache for the engine's steps, or ``None`` when ``build_cache`` is off (charts
        and share images are always kept: they take seconds each)."""
        return self.cache if self.config.build_cache else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Run the pipeline and add every file it emits."""
        chart_ids = (pipeline.known_chart_ids(self.config.simulations)
                     if self.config.charts else None)
        directory = Path(self.config.glossary_dir)
        chart_pages, page_problems = model_pages(self.config.chart_pages, files, chart_ids)
        with _collector_paused():
            self.glossary, problems = pipeline.run(directory, chart_ids, base=self.project_dir,
                                                   directory_urls=config.use_directory_urls,
                                                   cache=self._steps())
            self._report(problems + page_problems)
            steps = self._steps()
            self.concept = ConceptGraph.from_glossary(
                self.glossary, steps.namespace("graph", engine_digest()) if steps else None)
            generated = self._emit(config, chart_ids is not None, chart_pages)
        if self.problems:
            generated.update(placeholder_pages(self.problems, taken=generated))
        # Edit links: MkDocs joins repo_url + edit_uri + this path, as for any page in docs/.
        to_terms = posixpath.relpath(directory.as_posix(), Path(config.docs_dir).as_posix())
        to_terms = "" if to_terms == "." else f"{to_terms}/"
        existing = files.src_uris  # generated paths are POSIX already: no PurePath per file
        for src_uri, content in generated.items():
            if src_uri in existing:
                raise PluginError(f"docs/{src_uri} clashes with a page the glossary generates; "
                                  "rename or remove it")
            term = src_uri.startswith("terms/")  # term pages and redirects: not in the nav
            inclusion = InclusionLevel.NOT_IN_NAV if term else InclusionLevel.UNDEFINED
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            slug = posixpath.splitext(posixpath.basename(src_uri))[0]
            if is_term_source(src_uri) and slug in self.glossary.terms:
                file.edit_uri = f"{to_terms}{slug}.yaml"  # a slug holds no "/" or "."
            files.append(file)
        return files

    def _emit(self, config: MkDocsConfig, charts: bool,
              chart_pages: dict[str, ModelPage]) -> dict[str, str | bytes]:
        assert self.glossary is not None
        options = EmitOptions(
            lesson_base_url=self.config.lesson_base_url or "", site_url=config.site_url or "",
            site_name=config.site_name, site_description=config.site_description or "",
            share_images=self.cache,
            directory_urls=config.use_directory_urls, concept=self.concept,
            charts=ChartSettings(self.cache, self.config.simulations) if charts else None,
            chart_pages=chart_pages)
        try:
            return pipeline.emit(self.glossary, options, cache=self._steps())
        except ChartError as exc:
            if not self.serving:
                raise PluginError(f"building a chart failed: {exc}") from exc
            self._report([Problem(self.config.simulations, 1, f"building a chart failed: {exc}")])
            return pipeline.emit(self.glossary, replace(options, charts=None),
                                 cache=self._steps())

    def _report(self, problems: list[Problem]) -> None:
        """Fail a build on problems; under ``serve`` keep them to show on every page."""
        if not problems:
            return
        if not self.serving:
            raise PluginError(f"the glossary has problems:\n{format_problems(problems)}")
        self.problems = sorted(set(self.problems) | set(problems))
        serve_log.warning("the glossary has problems (shown on every page until fixed):\n%s",
                          format_problems(problems))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Fill the A–Z and tag index markers; tidy the ``..`` in edit links of term pages."""
        if self.glossary is not None and page.file.generated_by is None:  # hand-written
            if AZ_MARKER in markdown:
                root = "../" * page.url.count("/")  # A–Z links are HTML: relative to the page
                markdown = markdown.replace(AZ_MARKER, render_az(
                    self.glossary, root, config.use_directory_urls))
            if TAG_INDEX_MARKER in markdown:
                markdown = markdown.replace(TAG_INDEX_MARKER, render_tag_index(self.glossary))
        generated = page.file.generated_by is not None
        if generated and "glossary_term" not in page.meta and self._is_term_page(page):
            # MkDocs drops front matter it cannot parse without a word; never publish that.
            raise PluginError(f"{page.file.src_uri}: MkDocs could not read the front matter "
                              "the glossary wrote (a bug in the engine: please report it)")
        if page.edit_url and page.file.generated_by:
            page.edit_url = _without_dot_segments(page.edit_url)
        slug = page.meta.get("glossary_term") if generated else None
        if self.concept is not None and slug in self.concept.names:  # overrides/main.html
            page.meta["fg_graph"] = self.concept.local_svg(
                slug, "../" * page.url.count("/"), config.use_directory_urls)
        if self.glossary is not None:  # Open Graph, Twitter card, JSON-LD (overrides/main.html)
            page.meta["fg_share"] = page_share(
                self.glossary, slug=page.meta.get("glossary_term"), is_home=page.is_homepage,
                title=_as_text(page.title or "", generated), site_url=config.site_url or "",
                page_url=page.url, description=_as_text(
                    page.meta.get("description") or config.site_description or "", generated),
                site_name=config.site_name, site_description=config.site_description or "",
                chart_images=self.config.charts)
        return markdown

    def _is_term_page(self, page: Page) -> bool:
        uri = page.file.src_uri
        return (self.glossary is not None and is_term_source(uri)
                and posixpath.splitext(posixpath.basename(uri))[0] in self.glossary.terms)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Render the equations of hand-written pages as MathML at build time (the engine
        renders term maths itself); turn a notebook's links to ``*.md`` pages into their
        URLs; prepare every page's HTML for the search index."""
        if page.file.generated_by is None:
            try:
                html = render_math(html)
            except ValueError as exc:
                if not self.serving:
                    raise PluginError(f"{page.file.src_uri}: {exc}") from None
                self.problems.append(Problem(f"docs/{page.file.src_uri}", 1, str(exc)))
        if is_notebook(page.file.src_uri):
            html = _notebook_links(html, page, files)
        return search.prepare_html(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Number notebook cells stably; under serve, list the problems on every page."""
        if page is not None and is_notebook(page.file.src_uri):
            output = stable_cell_ids(output)
        return with_problem_list(output, self.problems)

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        """Under serve, show the problem list on the 404 page too (not in sitemap.xml)."""
        if not template_name.endswith(".html"):
            return output_content
        return with_problem_list(output_content, self.problems)

    @event_priority(50)  # before Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the steps' answers for the next build; give term names their own field in
        Material's search index (glossary_site.emit.search)."""
        self.cache.save()
        if self.glossary is not None:
            search_plugin = config.plugins.get("material/search")
            if not search.add_names(getattr(search_plugin, "search_index", None), self.glossary):
                log.debug("glossary: no Material search index to add term names to")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        """Rebuild when a glossary file changes."""
        server.watch(self.config.glossary_dir)
        return server


def _notebook_links(html: str, page: Page, files: Files) -> str:
    """A notebook page's links to Markdown pages as URLs; a warning (which fails a strict
    build, as MkDocs' own warnings about links do) for each link to no page."""

    def url_of(src_uri: str) -> str | None:
        file = files.get_file_from_path(src_uri)
        return file.url_relative_to(page.file) if file is not None else None

    html, unknown = resolve_links(html, page.file.src_uri, url_of)
    for link in unknown:
        log.warning("Doc file '%s' contains a link '%s', but the target is not found among "
                    "documentation files.", page.file.src_uri, link)
    return html


def model_pages(configured: dict[str, str], files: Files, chart_ids: list[str] | None
                ) -> tuple[dict[str, ModelPage], list[Problem]]:
    """Each chart's model page (the ``chart_pages`` option) as its URL and title, and a
    problem for each unknown chart id (when the charts are known) or missing page.

    The URL is the one MkDocs gives the page (``File.url``), so it follows
    ``use_directory_urls``; the title is the page's ``title`` or its first ``#`` heading.
    """
    pages: dict[str, ModelPage] = {}
    problems: list[Problem] = []
    for chart_id, path in configured.items():
        option = f"glossary option chart_pages: {chart_id!r}"
        if chart_ids is not None and chart_id not in chart_ids:
            problems.append(Problem("mkdocs.yml", 1, f"{option} is not a chart id; valid ids: "
                                                     f"{', '.join(chart_ids)}"))
            continue
        file = files.get_file_from_path(path)
        if file is None or not file.is_documentation_page():
            problems.append(Problem("mkdocs.yml", 1,
                                    f"{option}: no Markdown page {path!r} in the docs folder"))
            continue
        pages[chart_id] = ModelPage(file.url, page_title(file.content_string, file.name))
    return pages, problems


_HEADING = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+\{[^}]*\})?[ \t]*#*[ \t]*$", re.M)


def page_title(markdown: str, fallback: str) -> str:
    """A Markdown page's title: its front matter ``title``, else its first ``#`` heading (no
    attribute list), else ``fallback`` with dashes as spaces, capitalised."""
    text, meta = get_data(markdown)
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return str(meta["title"]).strip()
    heading = _HEADING.search(text)
    if heading:
        return heading.group(1).strip()
    return fallback.replace("-", " ").replace("_", " ").capitalize()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the pipeline runs, then restore it.

    The pipeline allocates many short-lived containers (tokens, models, drawings) while
    MkDocs already holds every file: each automatic collection would walk all of them again.
    Reference counting still frees everything at once; cycles wait for the next collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _as_text(value: str, escaped: bool) -> str:
    """A page's title or description as plain text: generated pages write them HTML-escaped
    in their front matter (the theme prints them raw), and the sharing tags escape again."""
    return unescape(value) if escaped else value


def _without_dot_segments(url: str) -> str:
    """``url`` with ``..`` segments of its path resolved (``a/docs/../b`` → ``a/b``)."""
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    return urlunsplit(parts._replace(path=path))

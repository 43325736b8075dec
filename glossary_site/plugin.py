"""MkDocs plugin ``glossary``: a thin adapter that hands the engine's pages to MkDocs.

Handlers run in lifecycle order and stay short: the engine (load, validate, resolve, render)
and the chart builder do the work; this module only moves their output into MkDocs files.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import graph, wayfinding
from .mathml import render_math
from .pipeline import known_chart_ids, load_glossary
from .problems import GlossaryError
from .render import RenderOptions, render_az, render_pages, render_terms_json
from .resolve import Glossary

log = logging.getLogger("mkdocs.plugins.glossary")

AZ_MARKER = "<!-- glossary:a-z -->"


class GlossaryPluginConfig(base.Config):
    """Options of the ``glossary`` plugin in ``mkdocs.yml``."""

    glossary_dir = c.Type(str, default="glossary")
    """Folder of the term files, relative to mkdocs.yml."""
    lesson_base_url = c.Type(str, default="")
    """Base URL that relative lesson URLs in ``lessons.yaml`` are joined to."""
    edit_url = c.Type(str, default="")
    """Base URL for edit links, e.g. ``https://host/org/repo/edit/main/``; empty: no links."""
    charts = c.Type(bool, default=True)
    """Build the simulation charts that sections name."""
    cache_dir = c.Type(str, default=".cache/glossary")
    """Where built charts are cached by content hash, relative to mkdocs.yml."""


class GlossaryPlugin(BasePlugin[GlossaryPluginConfig]):
    """Generate term, lesson and index pages from the glossary YAML files."""

    def __init__(self) -> None:
        self.glossary: Glossary | None = None
        self.chart_ids: list[str] | None = None
        self.concept: graph.ConceptGraph | None = None
        self.project_dir = Path.cwd()

    def _path(self, option: str) -> Path:
        return self.project_dir / option

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve the plugin's folders against the folder of mkdocs.yml."""
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.chart_ids = known_chart_ids() if self.config.charts else None
        # Concept graph and way-finding (graph.py, wayfinding.py): small, on every page.
        config.extra_css.extend(p for p in (graph.STYLE_PATH, wayfinding.STYLE_PATH)
                                if p not in config.extra_css)
        config.extra_javascript.extend(p for p in (graph.SCRIPT_PATH, wayfinding.SCRIPT_PATH)
                                       if p not in config.extra_javascript)
        if self.chart_ids is not None:
            from .charts import STYLE_PATH

            if STYLE_PATH not in config.extra_css:
                config.extra_css.append(STYLE_PATH)  # small; the chart scripts load per page
            self._key_notebook_cache(config)
        return config

    def _key_notebook_cache(self, config: MkDocsConfig) -> None:
        """Key mkdocs-jupyter's output cache on the simulation code too, not only the notebook."""
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is None:
            return
        from .charts import source_digest

        folder = self._path(self.config.cache_dir) / "notebooks" / source_digest()[:16]
        jupyter.config["cache_dir"] = str(folder)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load the glossary and add every generated page and asset to the build."""
        try:
            self.glossary = load_glossary(self._path(self.config.glossary_dir), self.chart_ids,
                                          base=self.project_dir)
        except GlossaryError as exc:
            raise PluginError(f"the glossary has problems:\n{exc}") from None
        options = RenderOptions(lesson_base_url=self.config.lesson_base_url,
                                site_url=config.site_url or "")
        generated: dict[str, str] = {}
        if self.chart_ids is not None:
            options, generated = self._charts(options)
        self.concept = graph.ConceptGraph.from_glossary(self.glossary)  # graph.py
        generated.update(graph.graph_files(self.concept, config.use_directory_urls)
                         | wayfinding.asset_files())
        generated.update(render_pages(self.glossary, options))
        generated["terms.json"] = render_terms_json(self.glossary, options)
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} clashes with a page the glossary generates; "
                                  "rename or remove it")
            inclusion = (InclusionLevel.NOT_IN_NAV if src_uri.startswith("terms/")
                         else InclusionLevel.UNDEFINED)
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        return files

    def _charts(self, options: RenderOptions) -> tuple[RenderOptions, dict[str, str]]:
        from . import charts

        assert self.glossary is not None
        used = sorted({s.chart for t in self.glossary.terms.values() for s in t.sections
                       if s.chart})
        cache = self._path(self.config.cache_dir) / "charts"
        try:
            built = {cid: charts.build_chart(cid, cache) for cid in used}
        except Exception as exc:
            raise PluginError(f"building a chart failed: {type(exc).__name__}: {exc}") from exc
        charts.prune_cache(cache, {assets.digest for assets in built.values()})
        runtime = charts.static_files(cache)
        # The stylesheet is linked from every page (extra_css); the scripts only where needed.
        files = runtime if built else {charts.STYLE_PATH: runtime[charts.STYLE_PATH]}
        for assets in built.values():
            files.update(charts.chart_files(assets))
        options = RenderOptions(
            lesson_base_url=options.lesson_base_url, site_url=options.site_url,
            figure=lambda cid, root: charts.figure_html(built[cid], root),
            scripts=charts.script_tags)
        return options, files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Fill the A–Z marker and point edit links at the YAML file, not generated Markdown."""
        if AZ_MARKER in markdown and self.glossary is not None:
            root = "../" * page.url.count("/")  # A–Z links are HTML: relative to the page
            markdown = markdown.replace(AZ_MARKER, render_az(self.glossary, root,
                                                             config.use_directory_urls))
        slug = page.meta.get("glossary_term")
        if slug and self.glossary is not None:
            base_url = self.config.edit_url
            page.edit_url = (f"{base_url.rstrip('/')}/{self.config.glossary_dir}/{slug}.yaml"
                             if base_url else None)
        elif page.file.generated_by:
            page.edit_url = None
        elif self.config.edit_url:
            docs = Path(config.docs_dir).resolve().relative_to(self.project_dir).as_posix()
            page.edit_url = f"{self.config.edit_url.rstrip('/')}/{docs}/{page.file.src_uri}"
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Render equations as MathML at build time."""
        try:
            return render_math(html)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Draw the concept graph and the phone table of contents at their markers."""
        if self.concept is not None:
            output = graph.insert_graphs(output, self.concept, page.meta.get("glossary_term"),
                                         page.url, config.use_directory_urls)
        return wayfinding.insert_phone_toc(output, page.toc)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        """Rebuild when a glossary file changes."""
        server.watch(str(self._path(self.config.glossary_dir)))
        return server

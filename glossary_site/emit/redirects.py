"""Redirects: ``terms/<former slug>/index.html`` sends readers on to the renamed term."""

from __future__ import annotations

from glossary_site.build.urls import redirect_path
from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files
from glossary_site.render.templating import HTML


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """A redirect page from each former slug's URL to the term's URL (anchors kept)."""
    template = HTML.get_template("redirect.html.j2")
    return {redirect_path(old): template.render(slug=slug, name=term.term) + "\n"
            for slug, term in glossary.terms.items() for old in term.former_slugs}

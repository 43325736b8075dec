"""Lesson pages: ``lessons/index.md`` and ``lessons/<id>.md`` listing the terms of each."""

from __future__ import annotations

from glossary_site.build.urls import term_href
from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files, item, lesson_view
from glossary_site.render.templating import MARKDOWN


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """The lessons index and one page per lesson."""
    pages = {}
    lessons = sorted(glossary.lessons.values(), key=lambda lesson: lesson.title.casefold())
    pages["lessons/index.md"] = MARKDOWN.get_template("lessons-index.md.j2").render(
        lessons=[lesson_view(x, options, len(glossary.terms_for_lesson(x.id)))
                 for x in lessons])
    root = "../../" if options.directory_urls else "../"  # from lessons/<id>/
    for lesson in lessons:
        paragraphs = [" ".join(p.split()) for p in lesson.introduction.split("\n\n")]
        pages[f"lessons/{lesson.id}.md"] = MARKDOWN.get_template("lesson.md.j2").render(
            lesson=lesson_view(lesson, options), introduction=[p for p in paragraphs if p],
            terms=[{**item(glossary, s), "href": term_href(s, root, options.directory_urls)}
                   for s in glossary.terms_for_lesson(lesson.id)])
    return pages

"""Rules for names: slugs, ids, term names, aliases, tags and titles.

One place for what a name may be and which names the engine keeps for itself:

* **slugs** (file names, ``related``, ``lessons``, ``former_slugs``, section ids and lesson
  ids) are lowercase letters, digits and single hyphens, at most :data:`SLUG_MAX` characters;
* **reserved slugs**: a term, former slug or lesson id may not take the URL of a page the
  engine generates (see :data:`RESERVED_TERM_SLUGS`, :data:`RESERVED_LESSON_IDS`);
* **section anchors** may not take an id the engine gives a heading or figure on a term page
  (:data:`RESERVED_ANCHORS`, :data:`RESERVED_ANCHOR_PREFIXES`) nor the term's own slug;
* **names, aliases, tags and titles** have length limits and may not hold invisible or
  direction-changing characters (Unicode categories in :data:`INVISIBLE_CATEGORIES`);
* a chart appears at most once per page (its figure has the id ``chart-<id>``);
* two names are **the same name** when their words match, case-folded, in compatibility
  form, with letters that look like plain ASCII ones read as those (:func:`same_name`).

``glossary check`` (through :mod:`.load` and :mod:`.validate`) and
``glossary new`` (:mod:`.scaffold`) both call these functions, so a name the one
accepts the other accepts too. This module imports nothing else of the engine's but
:mod:`.problems` (the model only for types): the loader depends on it, never the
other way round.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from glossary_site.content.problems import Problem

if TYPE_CHECKING:
    from glossary_site.content.model import Lesson, Term

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A slug, matched with ``fullmatch`` (``$`` would accept a trailing newline)."""

SLUG_MAX = 64
"""Longest slug or id: far below the 255-byte file-name limit of common file systems."""

NAME_MAX = 80
"""Longest term name or alias (and name in an ``autolink`` list). A file holding a longer one
is refused by the loader, so no such name reaches the linker or the search index."""

TAG_MAX = 40
"""Longest tag."""

TITLE_MAX = 120
"""Longest section title, lesson title or lesson level."""

SOURCE_TITLE_MAX = 300
"""Longest source title (paper titles with their authors and venue can be long)."""

_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})
"""Names Windows cannot use for a file or folder (``terms/con/`` cannot be checked out)."""

RESERVED_TERM_SLUGS: dict[str, str] = {
    "index": "terms/index.md would be published at /terms/, not /terms/index/",
    **{name: "Windows cannot create a file or folder with this name" for name in
       _WINDOWS_DEVICES},
}
"""Term slugs and former slugs the engine keeps: ``terms/<slug>.md`` → ``/terms/<slug>/``."""

RESERVED_FILE_SLUGS: dict[str, str] = {
    "lessons": "lessons.yaml is the list of course lessons, not a term",
}
"""Term slugs whose file the loader reads as something else (a former slug may take them)."""

RESERVED_LESSON_IDS: dict[str, str] = {
    "index": "lessons/index.md is the list of every lesson",
    **{name: "Windows cannot create a file or folder with this name" for name in
       _WINDOWS_DEVICES},
}
"""Lesson ids the engine keeps: ``lessons/<id>.md`` → ``/lessons/<id>/``."""

RESERVED_ANCHORS: dict[str, str] = {
    "related-terms": "the 'Related terms' heading",
    "referenced-by": "the former 'Referenced by' heading (old links must not land elsewhere)",
    "sources": "the 'Sources' heading",
    "mentioned-in": "the 'Mentioned in' heading",
    "cite-this-term": "the 'Cite this term' heading",
    "terms": "the 'Terms in this lesson' heading",
}
"""Ids of the headings the engine adds to term and lesson pages."""

RESERVED_ANCHOR_PREFIXES: dict[str, str] = {
    "chart-": "chart figures (id 'chart-<chart id>')",
    "letter-": "the A–Z letter headings",
    "source-": "the entries of the Sources list, which citations link",
    "fg-": "the site's own elements (ids and classes start with 'fg-', e.g. the preview card)",
}
"""Id prefixes the engine uses for generated elements."""

INVISIBLE_CATEGORIES: dict[str, str] = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character",  # zero-width, bidi override, soft hyphen…
    "Co": "a private-use character",
    "Cs": "a lone surrogate",
    "Cn": "an unassigned code point",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}
"""Unicode categories refused in names: they hide or reorder what a reader sees."""


def slug_problem(value: str) -> str | None:
    """Why ``value`` is not a usable slug, or ``None`` when it is one."""
    if len(value) > SLUG_MAX:
        return f"is {len(value)} characters long; the limit is {SLUG_MAX}"
    if not SLUG_RE.fullmatch(value):
        return "must be lowercase letters, digits and single hyphens"
    return None


def term_slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot be a term's slug (its file name and address), or ``None``.

    The rule of ``glossary check`` for file names (:func:`file_slug_problem`) and of
    ``glossary new`` for the slug it derives or is given.
    """
    if why := slug_problem(slug):
        return f"the slug {why}"
    if slug in RESERVED_TERM_SLUGS or slug in RESERVED_FILE_SLUGS:
        why = RESERVED_TERM_SLUGS.get(slug) or RESERVED_FILE_SLUGS[slug]
        return f"the slug '{slug}' is reserved ({why})"
    if what := reserved_anchor(slug, ""):  # the page's title heading has the slug as id
        return f"the slug '{slug}' would give the term's heading the id of {what}"
    return None


def file_slug_problem(slug: str) -> str | None:
    """Why a term file named ``<slug>.yaml`` cannot be used, or ``None``."""
    if why := slug_problem(slug):
        return f"bad file name: the slug {why}; e.g. '{suggest_slug(slug)}.yaml'"
    if why := term_slug_problem(slug):
        return f"{why}; rename the file"
    return None


def suggest_slug(value: str) -> str:
    """A slug made from ``value`` (for hints), never empty."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:SLUG_MAX].strip("-") or "term"


BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that show as nothing (the Hangul fillers, the blank Braille
pattern): a name of them looks empty, or like another name."""


def invisible_character(text: str) -> str | None:
    """Describe the first invisible or direction-changing character of ``text``, if any.

    ``\n`` is left to the one-line rule (:mod:`.validate`), which names it as
    such; a carriage return is a control character here (Markdown would read it as a line
    break, turning one line of plain text into blocks).
    """
    for char in text:
        if char == "\n":
            continue
        category = unicodedata.category(char)
        if char in BLANK_LOOKING:
            return f"a character that shows as blank (U+{ord(char):04X} {unicodedata.name(char)})"
        if category in INVISIBLE_CATEGORIES:
            name = unicodedata.name(char, "")
            shown = f"U+{ord(char):04X}" + (f" {name}" if name else "")
            return f"{INVISIBLE_CATEGORIES[category]} ({shown})"
    return None


def reserved_anchor(anchor: str, slug: str) -> str | None:
    """What on a term page already uses the id ``anchor``, or ``None`` when it is free."""
    if anchor == slug:
        return "the term's own heading"
    if anchor in RESERVED_ANCHORS:
        return RESERVED_ANCHORS[anchor]
    for prefix, what in RESERVED_ANCHOR_PREFIXES.items():
        if anchor.startswith(prefix):
            return what
    return None


def name_key(name: str, *, lookalikes: bool = True) -> str:
    """What two names must share to be "the same name": their words, case-folded, in
    compatibility form (NFKC: "𝐀𝐥𝐩𝐡𝐚" and full-width "Ａｌｐｈａ" are "alpha"), with each
    letter outside ASCII that looks like an ASCII one read as that letter (Cyrillic
    "Аlpha" is "alpha": :func:`lookalike`).

    Not the anchor slug (pymdownx's drops markup, so two different names full of tags
    would collide): punctuation and spacing are ignored, everything else counts.
    ``lookalikes=False`` leaves out the last step (to tell a reader why two names clash).
    """
    folded = unicodedata.normalize("NFKC", name)
    if lookalikes and not folded.isascii():
        folded = "".join(map(lookalike, folded))
    folded = folded.casefold()
    words = re.findall(r"\w+", folded)
    return " ".join(words) if words else folded


@functools.cache
def lookalike(char: str) -> str:
    """The ASCII letter or digit that ``char``, a letter outside ASCII, looks like, by
    Unicode's confusables data (UTS #39, through ``confusable-homoglyphs``): Cyrillic "В",
    Greek "ο" and Latin "ı" are "B", "o" and "i". ``char`` itself otherwise ("é", Greek "μ"
    or "λ" look like no ASCII letter). The data (a 0.9 MB table, about 0.1 s to load) is
    read only when a name has a letter outside ASCII."""
    if char.isascii() or not char.isalpha():
        return char
    from confusable_homoglyphs import confusables

    look = next((glyph["c"] for glyph in confusables.confusables_data.get(char) or ()
                 if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum()),
                char)
    # The data draws every upright stroke as "l"; a capital one (Cyrillic І, Greek Ι)
    # reads as "I" beside capitals.
    return "I" if look == "l" and char.isupper() else look


def lookalike_letters(name: str) -> list[str]:
    """The letters of ``name`` (in compatibility form) that :func:`name_key` reads as ASCII
    ones, once each: what tells two names that look the same apart."""
    if name.isascii():
        return []
    text = unicodedata.normalize("NFKC", name)
    return list(dict.fromkeys(char for char in text if lookalike(char) != char))


def same_name(name: str, other: str) -> bool:
    """Whether two names are the same name to a reader: their :func:`name_key` is equal,
    unless each has lookalike letters and they differ when those are read as written (two
    names of another script that the confusables data merges, as Mongolian "ус" and "үс"
    are both "yc")."""
    if name_key(name) != name_key(other):
        return False
    return not (lookalike_letters(name) and lookalike_letters(other)
                and name_key(name, lookalikes=False) != name_key(other, lookalikes=False))


def lookalike_note(letters: list[str]) -> str:
    """What a problem says of ``letters`` (:func:`lookalike_letters`), e.g. "'Ѕ' is U+0405
    CYRILLIC CAPITAL LETTER DZE"."""
    return ", ".join(f"'{char}' is U+{ord(char):04X} {unicodedata.name(char, '')}"
                     for char in letters[:3])


def length_problem(label: str, text: str, limit: int) -> str | None:
    """``<label> is N characters long; the limit is L`` when ``text`` is over ``limit``."""
    if len(text) > limit:
        return f"{label} is {len(text):,} characters long; the limit is {limit}"
    return None


ONE_LINE = "names, tags and titles are one line of plain text (no line breaks)"
"""The message for a line break in a name, alias, tag or title."""


def text_problems(label: str, text: str, limit: int) -> list[str]:
    """Why ``text`` cannot be a name, alias, tag or title called ``label``: its length, a
    line break, an invisible or direction-changing character. Empty when it can."""
    found = [why] if (why := length_problem(label, text, limit)) else []
    if "\n" in text:
        found.append(ONE_LINE)
    if invisible := invisible_character(text):
        found.append(f"{label} contains {invisible}; write it with visible characters only")
    return found


def term_name_problem(name: str) -> str | None:
    """Why ``name`` (stripped, as the model stores it) cannot be a term's name, or ``None``:
    the first of :func:`text_problems`, or that it is empty."""
    if not name:
        return "the term name is empty"
    found = text_problems("term name", name, NAME_MAX)
    return found[0] if found else None


class Located(Protocol):
    """What the rules need of a loaded file: its shown path, slug and the line of a key
    (:class:`.load.RawEntry`)."""

    path: str
    slug: str

    def line(self, loc: tuple[str | int, ...]) -> int:
        """The line of ``loc``, or of its closest located parent."""


Loc = tuple[str | int, ...]


def _text_fields(term: Term) -> Iterator[tuple[Loc, str, str, int]]:
    """(location, label, text, length limit) of every name-like field of a term."""
    yield ("term",), "term name", term.term, NAME_MAX
    for i, alias in enumerate(term.aliases):
        yield ("aliases", i), "alias", alias, NAME_MAX
    for i, tag in enumerate(term.tags):
        yield ("tags", i), "tag", tag, TAG_MAX
    for i, section in enumerate(term.sections):
        yield ("sections", i, "title"), "section title", section.title, TITLE_MAX
    for i, source in enumerate(term.sources):
        yield ("sources", i, "title"), "source title", source.title, SOURCE_TITLE_MAX


def _text_problems(loc: Loc, label: str, text: str, limit: int, one_line: bool = True
                   ) -> Iterator[tuple[Loc, str]]:
    for why in text_problems(label, text, limit):
        if one_line or why != ONE_LINE:
            yield loc, why


def _slug_fields(term: Term) -> Iterator[tuple[Loc, str, str]]:
    for field in ("related", "lessons", "former_slugs"):
        for i, value in enumerate(getattr(term, field)):
            yield (field, i), field, value
    for i, section in enumerate(term.sections):
        for key in ("id", "chart"):
            if (value := getattr(section, key)) is not None:
                yield ("sections", i, key), f"section {key}", value


def section_anchor_problem(anchor: str, slug: str) -> str | None:
    """Why a section of term ``slug`` cannot have the anchor ``anchor`` (empty, or the id of
    something else on the page), or ``None``."""
    if not anchor:
        return ("this section title gives no anchor (it has no letters or digits a-z, 0-9); "
                "give the section an 'id'")
    if what := reserved_anchor(anchor, slug):
        return f"section anchor '{anchor}' is taken by {what}; give the section another 'id'"
    return None


def term_name_problems(entry: Located, term: Term) -> list[Problem]:
    """Every names rule for one term: lengths, line breaks, characters, reserved former
    slugs, page ids.

    The file's own slug is checked by the loader (:func:`file_slug_problem`), and so are the
    lengths of the term's name, aliases and tags (:func:`.load.limit_problems`):
    a file over them never gets here. The line-break message is the one
    :mod:`.validate` gives too (equal problems are reported once).
    """
    found: list[tuple[Loc, str]] = []
    for loc, label, text, limit in _text_fields(term):
        found.extend(_text_problems(loc, label, text, limit))
    if invisible := invisible_character(term.summary):  # its length: the model's rule
        found.append((("summary",), f"summary contains {invisible}; write it with visible "
                                    "characters only"))
    for loc, label, value in _slug_fields(term):
        if len(value) > SLUG_MAX:  # the pattern itself is checked by the model
            found.append((loc, f"{label} '{value[:20]}…' is {len(value)} characters long; "
                               f"the limit is {SLUG_MAX}"))
    for i, old in enumerate(term.former_slugs):
        if old in RESERVED_TERM_SLUGS:
            found.append((("former_slugs", i), f"former slug '{old}' is reserved "
                                               f"({RESERVED_TERM_SLUGS[old]})"))
    charts: dict[str, int] = {}
    for i, section in enumerate(term.sections):
        if why := section_anchor_problem(section.anchor, entry.slug):
            key = "id" if section.id else "title"
            found.append((("sections", i, key), why))
        if section.chart:
            if section.chart in charts:
                found.append((("sections", i, "chart"), f"chart '{section.chart}' is already "
                              f"shown in section {charts[section.chart] + 1}; a chart appears "
                              "at most once per page"))
            charts.setdefault(section.chart, i)
    return [Problem(entry.path, entry.line(loc), message) for loc, message in found]


def lesson_name_problems(entry: Located, lessons: list[Lesson]) -> list[Problem]:
    """Names rules for ``lessons.yaml``: reserved and overlong ids, titles and levels; no
    invisible or direction-changing character in any of its text."""
    found: list[tuple[Loc, str]] = []
    for i, lesson in enumerate(lessons):
        if len(lesson.id) > SLUG_MAX:
            found.append((("lessons", i, "id"), f"lesson id is {len(lesson.id)} characters "
                                                f"long; the limit is {SLUG_MAX}"))
        if lesson.id in RESERVED_LESSON_IDS:
            found.append((("lessons", i, "id"), f"lesson id '{lesson.id}' is reserved "
                                                f"({RESERVED_LESSON_IDS[lesson.id]})"))
        # validate.py gives lesson titles and levels their own line-break message
        found.extend(_text_problems(("lessons", i, "title"), "lesson title", lesson.title,
                                    TITLE_MAX, one_line=False))
        found.extend(_text_problems(("lessons", i, "level"), "lesson level", lesson.level,
                                    TITLE_MAX, one_line=False))
        if invisible := invisible_character(lesson.introduction):  # paragraphs: \n is fine
            found.append((("lessons", i, "introduction"), f"lesson introduction contains "
                                                          f"{invisible}; write it with visible "
                                                          "characters only"))
    return [Problem(entry.path, entry.line(loc), message) for loc, message in found]

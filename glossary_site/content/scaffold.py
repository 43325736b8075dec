"""``glossary new "Term Name"``: write a new term file with every field, and link it back.

The new file carries a comment on every field and ``TODO`` placeholders. ``glossary check``
reports each placeholder still left as ``path:line: … is still a placeholder …`` (see
:func:`mark_placeholders`), so a contributor sees what is left to write, not a pile of
shape errors. With ``--related a b`` the new slug is also appended to the ``related`` list
of ``a.yaml`` and ``b.yaml`` by editing their text in place: a flow list ``[x, y]`` gains
``, new``; a block list gains a ``- new`` line with the same indentation. Nothing else in
those files changes, which is checked by parsing them again before anything is written.

The name and the slug are held to the rules ``glossary check`` applies to the file written
(:mod:`.names`: :func:`~.names.term_name_problem`,
:func:`~.names.term_slug_problem`,
:func:`~.names.section_anchor_problem`, :func:`~.names.name_key`),
so ``glossary new`` refuses, saying why, every name that the check would refuse.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary_site.content.load import (
    LESSONS_FILE,
    PlainLoader,
    RawEntry,
    load_file,
    parse_yaml,
    read_text,
    term_files,
)
from glossary_site.content.names import (
    INVISIBLE_CATEGORIES,
    SLUG_MAX,
    lookalike_letters,
    lookalike_note,
    name_key,
    same_name,
    section_anchor_problem,
    slug_problem,
    term_name_problem,
    term_slug_problem,
)
from glossary_site.content.problems import Problem, did_you_mean, display_path, printable

PLACEHOLDER = "TODO"
"""Every placeholder the scaffold writes starts with this word."""

SECTION_IDS = ("how-it-works", "why-it-matters")
"""The ids of the two sections the new file has (a slug equal to one is refused: the
term's heading has the slug as its id)."""

HINTS = {
    "summary": "write one sentence of plain text, at most 200 characters",
    "definition": "write two to four sentences of Markdown saying what the term is",
    "level": "choose introductory, intermediate or advanced",
    "tags": "give lowercase kebab-case tags, reusing existing ones (e.g. strategy, data)",
    "sections.title": "give the section a title",
    "sections.body": "write the section in Markdown",
    "sources.title": "name the source as Authors (Year), Title, Venue",
    "sources.url": "give the source's stable http(s) URL (a DOI, arXiv or publisher page)",
    "sources.key": "give the source a short kebab-case key (e.g. hestness-2017) and cite "
                   "it in the text as [@key] or @key",
    "related": "list the slugs of at least two other terms",
}


_TEMPLATE = (files("glossary_site") / "templates" / "new-term.yaml").read_text(encoding="utf-8")
"""The new term file, with ``str.format`` fields (``templates/new-term.yaml``)."""


class ScaffoldError(Exception):
    """The scaffold refused: the message says why and what to do instead."""


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``: JSON's
    quoting, with every invisible character escaped too (YAML folds a raw U+0085 or U+2028
    into a space, and refuses other characters outright)."""

    def escaped(c: str) -> str:
        if unicodedata.category(c) not in INVISIBLE_CATEGORIES:
            return c
        return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"

    return "".join(escaped(c) for c in json.dumps(text, ensure_ascii=False))


def _item(slug: str) -> str:
    """``slug`` as a list item that reads back as the text ``slug`` (``null``, ``true`` and
    ``false`` are quoted)."""
    data, _lines, _problems = parse_yaml(f"- {slug}\n", "slug")
    return slug if data == [slug] else f"'{slug}'"


def _template(name: str, slug: str, related: list[str]) -> str:
    todo = PLACEHOLDER
    related_text = ", ".join(map(_item, related)) if related else f"{todo}-first-related-slug"
    return _TEMPLATE.format(name=_quoted(name), slug=slug, related_text=related_text,
                            todo=todo, section_ids=SECTION_IDS, today=date.today())


def _placeholder_locs(data: Any, loc: tuple[str | int, ...] = ()
                      ) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data, str) and data.lstrip().startswith(PLACEHOLDER):
        found.append((loc, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):  # a field name; other keys are refused by the model
                found += _placeholder_locs(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _placeholder_locs(value, (*loc, i))
    return found


def placeholder_problems(entry: RawEntry) -> list[Problem]:
    """One problem per scaffold placeholder (a value starting with ``TODO``) in ``entry``."""
    problems = []
    for loc, _value in _placeholder_locs(entry.data):
        keys = [str(p) for p in loc if isinstance(p, str)]
        where = ".".join(f"[{p}]" if isinstance(p, int) else p for p in loc).replace(".[", "[")
        hint = HINTS.get(".".join(keys[-2:]), HINTS.get(keys[-1] if keys else "", "replace it"))
        problems.append(Problem(entry.path, entry.line(loc),
                                f"'{where}' is still a placeholder from 'glossary new': {hint}"))
    return problems


def mark_placeholders(entry: RawEntry, problems: list[Problem]) -> list[Problem]:
    """Report placeholders instead of the other problems they cause on the same lines."""
    placeholders = placeholder_problems(entry)
    if not placeholders:
        return problems
    lines = {p.line for p in placeholders}
    return placeholders + [p for p in problems if p.line not in lines]


# --- adding the new slug to other terms' related lists, in place -------------------------

def _top_pair(root: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    if not isinstance(root, MappingNode):
        raise ScaffoldError("the file is not a mapping of keys to values")
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _parse(text: str) -> Any:
    """A term file's data, read as the check reads it, or :class:`ScaffoldError`."""
    data, _lines, problems = parse_yaml(text, "file")
    if problems:
        line = problems[0].line
        raise ScaffoldError(f"it is not valid YAML (line {line}: "
                            f"{problems[0].message.removeprefix('invalid YAML: ')})")
    return data


def add_related(text: str, slug: str) -> str:
    """Return ``text`` with ``slug`` appended to its top-level ``related`` list.

    Only the list's text changes; every other byte is kept. Raises :class:`ScaffoldError`
    when the file cannot be edited safely.
    """
    before = _parse(text)
    root = yaml.compose(text, Loader=PlainLoader)  # parsed above: it composes
    pair = _top_pair(root, "related")
    item = _item(slug)
    if pair is None:
        new = text + ("" if text.endswith("\n") or not text else "\n") + f"related: [{item}]\n"
    else:
        key_node, value = pair
        if isinstance(value, SequenceNode) and any(
                isinstance(i, ScalarNode) and i.value == slug for i in value.value):
            return text
        new = _insert(text, key_node, value, item)
    after = _parse(new)
    expected = dict(before)
    expected["related"] = [*(before.get("related") or []), slug]
    if after != expected:
        raise ScaffoldError("editing its related list in place would change other content")
    return new


def _insert(text: str, key_node: ScalarNode, value: Node, item: str) -> str:
    if isinstance(value, ScalarNode) and value.tag.endswith(":null"):
        # `related:` or `related: null`: write a flow list where the value is (or was).
        start = key_node.end_mark.index
        colon = text.index(":", start)
        end = value.end_mark.index if value.end_mark.index > colon else colon + 1
        return text[:colon + 1] + f" [{item}]" + text[end:]
    if not isinstance(value, SequenceNode):
        raise ScaffoldError("its 'related' value is not a list")
    if value.flow_style:
        if value.value:
            at = value.value[-1].end_mark.index
            return text[:at] + f", {item}" + text[at:]
        close = text.rindex("]", 0, value.end_mark.index)
        return text[:close] + item + text[close:]
    last = value.value[-1]
    line_start = text.rfind("\n", 0, last.start_mark.index) + 1
    prefix = text[line_start:last.start_mark.index]
    if not re.fullmatch(r"[ \t]*-[ \t]+", prefix):
        raise ScaffoldError("its related list is not one '- slug' per line")
    line_end = text.find("\n", last.end_mark.index)
    if line_end == -1:
        return text + "\n" + prefix + item + "\n"
    return text[:line_end + 1] + prefix + item + "\n" + text[line_end + 1:]


# --- the command --------------------------------------------------------------------------

@dataclass
class Scaffolded:
    """What ``glossary new`` wrote."""

    path: Path
    slug: str
    linked: list[Path]


def _claims(directory: Path) -> tuple[set[str], dict[str, list[tuple[str, str]]]]:
    """Slugs taken (files, former slugs) and names claimed (term names and aliases), by
    :func:`~.names.name_key`, each with what claims it."""
    slugs = {f.stem for f in term_files(directory)}
    names: dict[str, list[tuple[str, str]]] = {}
    for file in term_files(directory):
        entry, _ = load_file(file, directory.parent)
        data = entry.data if entry is not None and isinstance(entry.data, dict) else {}
        shown = display_path(file, directory.parent)
        former, aliases = data.get("former_slugs"), data.get("aliases")
        slugs.update(s for s in (former if isinstance(former, list) else [])
                     if isinstance(s, str))
        if isinstance(data.get("term"), str):
            names.setdefault(name_key(data["term"]), []).append(
                (data["term"], f"the name of {shown}"))
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                names.setdefault(name_key(alias), []).append((alias, f"an alias in {shown}"))
    return slugs, names


def slug_for(name: str) -> str:
    """The slug of a new term: its name without accents, lowercased, words joined by '-'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    # Not the anchor slug function (it keeps apostrophes' gaps as '--'): a file slug has
    # single hyphens only.
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _shorter(slug: str) -> str | None:
    """A slug within :data:`~.names.SLUG_MAX`, cut at a hyphen, if usable."""
    cut = slug[:SLUG_MAX + 1]
    cut = cut[:cut.rfind("-")] if "-" in cut[1:] else cut[:SLUG_MAX]
    cut = cut.strip("-")
    return cut if cut and term_slug_problem(cut) is None else None


def name_refusal(name: str, slug: str) -> str | None:
    """Why ``glossary check`` would refuse a new term file ``<slug>.yaml`` named ``name``
    (stripped) as ``glossary new`` writes it, for its name or slug alone; or ``None``.

    Clashes with existing terms are :func:`scaffold`'s to find (they need the folder).
    """
    shown, shown_slug = printable(name)[:100], printable(slug)[:100]
    if why := term_name_problem(name):
        return (f"'{shown}' cannot be a term's name: {why} "
                "(give the name as one line of visible text, e.g. glossary new \"Data Moat\")")
    if name.startswith(PLACEHOLDER):
        return (f"'{shown}' cannot be a term's name: glossary check reads a value "
                f"starting with '{PLACEHOLDER}' as a placeholder still to fill in")
    if why := term_slug_problem(slug):
        hint = "give one with --slug (lowercase letters, digits and single hyphens)"
        if slug_problem(slug) and len(slug) > SLUG_MAX and (short := _shorter(slug)):
            hint = f"give a shorter one with --slug, e.g. --slug {short}"
        elif not slug_problem(slug):
            hint = "choose another name, or give another slug with --slug"
        return f"'{shown_slug}' is not a usable slug for '{shown}': {why}; {hint}"
    for anchor in SECTION_IDS:
        if why := section_anchor_problem(anchor, slug):
            return (f"'{slug}' is not a usable slug for '{shown}': the new file's section "
                    f"'{anchor}' would clash ({why}); give another slug with --slug")
    return None


def scaffold(name: str, directory: Path, related: list[str] | None = None,
             slug: str | None = None) -> Scaffolded:
    """Write ``<directory>/<slug>.yaml`` for ``name`` and link it from ``related`` terms.

    The slug is derived from the name unless given. Raises :class:`ScaffoldError` (and
    writes nothing) when the name, the slug or a related slug is refused: exactly when
    ``glossary check`` would refuse the file written for its name or slug
    (:func:`name_refusal`, a name or slug another term already claims).
    """
    name = name.strip()
    related = list(dict.fromkeys(related or []))
    slug = slug if slug is not None else slug_for(name)
    if why := name_refusal(name, slug):
        raise ScaffoldError(why)
    if not directory.is_dir():
        raise ScaffoldError(f"{directory}: glossary directory not found")
    slugs, names = _claims(directory)
    path = directory / f"{slug}.yaml"
    if slug in slugs or os.path.lexists(path):
        raise ScaffoldError(f"the slug '{slug}' is taken ({path} exists or an existing term "
                            "lists it in former_slugs); edit that term instead, or choose "
                            "another name")
    claims = [(other, what) for other, what in names.get(name_key(name), [])
              if same_name(name, other)]
    if claims:
        other, what = claims[0]
        shown = f"'{printable(name)[:100]}' is already {what}"
        if letters := lookalike_letters(name) or lookalike_letters(other):
            shown = (f"'{printable(name)[:100]}' looks the same as '{printable(other)[:100]}', "
                     f"{what} ({lookalike_note(letters)})")
        raise ScaffoldError(f"{shown}; edit that term instead")
    edits: dict[Path, str] = {}
    for target in related:
        file = directory / f"{target}.yaml"
        if target == slug:
            raise ScaffoldError("a term cannot list itself as related")
        if slug_problem(target) or target == LESSONS_FILE[:-5] or not os.path.lexists(file):
            others = [f.stem for f in term_files(directory)]
            raise ScaffoldError(f"unknown related term '{printable(target)[:100]}'"
                                f"{did_you_mean(target, others)}")
        text, problems = read_text(file, display_path(file))
        try:
            if text is None:
                raise ScaffoldError(problems[0].message)
            edits[file] = add_related(text, slug)
        except ScaffoldError as exc:
            raise ScaffoldError(f"cannot add '{slug}' to {file}: {exc}; add it by hand") from None
    with open(path, "x", encoding="utf-8") as out:  # never through a link, never over a file
        out.write(_template(name, slug, related))
    for file, text in edits.items():
        file.write_text(text, encoding="utf-8")
    return Scaffolded(path=path, slug=slug, linked=list(edits))


def next_steps(result: Scaffolded, directory: Path) -> str:
    """The message ``glossary new`` prints after writing the files."""
    shown = display_path(result.path)
    lines = [f"Created {shown}"]
    for file in result.linked:
        lines.append(f"Added '{result.slug}' to the related list of {display_path(file)}")
    need = "Choose at least two related terms" if not result.linked else "Check the related terms"
    lines += [
        "",
        "Next steps:",
        f"  1. Replace every TODO in {shown}. An editor with a YAML language server (VS Code:",
        "     the YAML extension) shows each field's help from schemas/term.schema.json.",
        f"  2. {need}; each must list '{result.slug}' back in its own related list",
        "     (glossary new \"Name\" --related a b does that for you).",
        f"  3. Check it: glossary check {display_path(directory)}   (or: make check)",
        f"  4. Preview it: make serve, then open http://127.0.0.1:8000/terms/{result.slug}/",
        "  5. Commit the new file and any term you edited, and open a pull request.",
    ]
    return "\n".join(lines)

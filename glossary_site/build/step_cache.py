"""How the engine's steps keep their answers across builds (:mod:`glossary_site.build.cache`).

Two steps are expensive and pure, and keep their answers:

- **a term file's check** (namespace ``terms``): keyed by the file's bytes, slug, shown path
  and the chart ids; the answer is the parsed data and every problem the load and
  validation found. A hit skips the YAML parse, the Markdown parse and every rule for that
  file; only if a later check (one that reads other files too) needs a line of it is the
  file parsed again, for its line maps.
- **a field's links and HTML** (namespace ``fields``): keyed by the field's text, its term,
  where it sits (its headings' id prefix), the URL style, every term's names and the terms
  its page links before it (a term is linked once per page); the answer
  is the finished HTML and what linking found. A hit skips parsing, linking and rendering.

An answer read from the cache is checked for shape; anything unexpected is a miss and the
step runs (the cache folder is untrusted: nothing read from it is executed, and nothing it
holds can put markup on a page that the step itself would not have written: the HTML is
cleaned by nh3 again whenever it is read).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any

from glossary_site.build.cache import Namespace, key
from glossary_site.content.links import FieldLinks
from glossary_site.content.load import Parse, PathKey, RawEntry, parse_entry
from glossary_site.content.model import Term
from glossary_site.content.problems import Problem
from glossary_site.content.validate import Parsed, validate_term
from glossary_site.render.sanitise import sanitise

Checked = dict[str, tuple[Term | None, list[Problem]]]
"""Shown path of a term file → its term (``None`` if its shape is invalid) and problems."""


def _entry_from(value: Any, raw: bytes, slug: str, path: str
                ) -> tuple[RawEntry, bool, list[Problem]] | None:
    """The entry, shape flag and problems stored in ``value``, or ``None`` if malformed. The
    entry's line maps are not stored: they are found again in ``raw`` if a line is asked
    for (:attr:`RawEntry.locate`)."""
    if not isinstance(value, dict) or not isinstance(value.get("problems"), list):
        return None
    try:
        problems = [Problem(path, int(line), str(message))
                    for line, message in value["problems"]]
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(value.get("valid"), bool):
        return None

    def locate() -> tuple[dict[PathKey, int], dict[PathKey, tuple[int, str]]]:
        fresh = parse_entry(raw, slug, path)[0]
        return (fresh.lines, fresh.scalars) if fresh is not None else ({}, {})

    entry = RawEntry(path=path, slug=slug, data=value.get("data"), locate=locate)
    return entry, value["valid"], problems


def checking_parse(space: Namespace, chart_ids: Collection[str] | None, checked: Checked,
                   parsed: dict[str, Parsed]) -> Parse:
    """A :data:`~glossary_site.content.load.Parse` that checks each term file too, or reads its
    check from ``space``; fills ``checked`` (and ``parsed`` with the tokens of the files it
    parsed) and returns the entry with no problems (they are in ``checked``)."""
    ids = json.dumps(sorted(chart_ids) if chart_ids is not None else None)

    def parse(raw: bytes, slug: str, path: str) -> tuple[RawEntry | None, list[Problem]]:
        digest = key(raw, slug, path, ids)
        stored = _entry_from(space.get(digest), raw, slug, path)
        if stored is not None:
            entry, valid, problems = stored
            try:
                term = Term.model_validate(entry.data) if valid else None
            except ValueError:
                stored = None
            else:
                checked[path] = (term, problems)
                return entry, []
        fresh, found = parse_entry(raw, slug, path)
        if fresh is None:
            return None, found
        fields: Parsed = {}
        term, problems = validate_term(fresh, chart_ids, fields)
        checked[path] = (term, found + problems)
        parsed[slug] = fields
        if space.root is None:  # the cache is off: nothing to keep
            return fresh, []
        answer = {"data": fresh.data, "valid": term is not None,
                  "problems": [[p.line, p.message] for p in found + problems]}
        try:
            if json.loads(json.dumps(answer)) == answer:  # only what JSON keeps exactly
                space.put(digest, answer)
        except (TypeError, ValueError):
            pass
        return fresh, []

    return parse


def field_key(names: str, slug: str, prefix: str, urls: bool | None, text: str,
              linked: Iterable[str]) -> str:
    """The ``fields`` key of one field (``linked``: the terms its page links before it)."""
    return key(names, slug, prefix, repr(urls), text, "\0".join(sorted(linked)))


def stored_field(value: Any) -> tuple[str, FieldLinks] | None:
    """The HTML and links stored for a field, or ``None`` if ``value`` is malformed."""
    try:
        html = value["html"]
        links = FieldLinks(targets=[str(t) for t in value["targets"]],
                           explicit=int(value["explicit"]), automatic=int(value["automatic"]),
                           unknown=[(int(line), str(slug)) for line, slug in value["unknown"]],
                           split=[int(line) for line in value["split"]])
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(html, str):
        return None
    return sanitise(html), links


def field_value(html: str, links: FieldLinks) -> dict[str, Any]:
    """What the ``fields`` namespace stores for one field."""
    return {"html": html, "targets": links.targets, "explicit": links.explicit,
            "automatic": links.automatic, "unknown": [list(u) for u in links.unknown],
            "split": links.split}

"""JSON Schemas of the content files, generated from the pydantic models for editors.

``schemas/term.schema.json`` and ``schemas/lessons.schema.json`` are committed so that an
editor with a YAML language server (VS Code's YAML extension, for instance) shows each
field's description, completes keys and enum values, and marks unknown keys as it types.
They only describe the *shape*; ``glossary check`` adds the rules that need more than one
field or file. Regenerate them with ``glossary schema`` after changing :mod:`.model`; a
test fails while they are stale.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from glossary_site.content.model import LessonsFile, Term

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "term.schema.json": (Term, "A glossary term: one file glossary/<slug>.yaml."),
    "lessons.schema.json": (LessonsFile, "The course lessons terms link to: "
                                         "glossary/lessons.yaml."),
}


def _tidy(node: Any) -> Any:
    """Collapse the line breaks of docstring descriptions into single spaces."""
    if isinstance(node, dict):
        return {k: (re.sub(r"\s+", " ", v).strip() if k == "description" and isinstance(v, str)
                    else _tidy(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    """Return the JSON Schema of ``model`` with a dialect and a title."""
    generated = _tidy(model.model_json_schema(mode="validation"))
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in generated.items()
                                                   if k != "title"}}


def render_schemas() -> dict[str, str]:
    """Return file name → JSON text of every schema, exactly as committed."""
    return {name: json.dumps(schema_for(model, title), indent=2, ensure_ascii=False) + "\n"
            for name, (model, title) in SCHEMAS.items()}


def stale_schemas(directory: Path) -> list[str]:
    """Names of the schema files in ``directory`` that are missing or differ from the models."""
    out = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; return the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in stale_schemas(directory):
        path = directory / name
        path.write_text(render_schemas()[name], encoding="utf-8")
        changed.append(path)
    return changed


def run(directory: Path, check_only: bool = False) -> int:
    """Write (or with ``check_only`` only compare) the schemas; print what happened."""
    if check_only:
        stale = stale_schemas(directory)
        for name in stale:
            print(f"{directory / name}: out of date; run 'glossary schema' to regenerate it")
        return 1 if stale else 0
    changed = write_schemas(directory)
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print(f"{directory}: schemas are up to date")
    return 0


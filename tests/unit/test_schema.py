"""The committed JSON Schemas: in sync with the model, and true of every real content file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from glossary_site.cli import main
from glossary_site.content.schema import render_schemas, stale_schemas

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
TERMS = sorted(p for p in (ROOT / "glossary").glob("*.yaml") if p.name != "lessons.yaml")


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_committed_schemas_match_the_model():
    assert stale_schemas(SCHEMAS) == [], "schemas/ is stale: run 'glossary schema'"
    for name, text in render_schemas().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text


def test_every_property_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{where}.{key} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
    for name in render_schemas():
        walk(schema(name), name)


def test_schema_carries_enums_patterns_and_forbids_unknown_keys():
    term = schema("term.schema.json")
    assert term["additionalProperties"] is False
    assert term["$defs"]["Section"]["additionalProperties"] is False
    assert term["$defs"]["Level"]["enum"] == ["introductory", "intermediate", "advanced"]
    assert term["properties"]["related"]["items"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert term["properties"]["summary"]["maxLength"] == 200
    assert set(term["required"]) == {"term", "summary", "definition", "level", "added",
                                     "reviewed"}
    assert term["properties"]["reviewed"]["format"] == "date"
    assert term["$defs"]["Source"]["required"] == ["key", "title", "url"]


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2): ``2026-12-06`` is text, not a date."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)  # noqa: S506


@pytest.mark.parametrize("path", TERMS, ids=lambda p: p.name)
def test_every_real_term_file_satisfies_the_schema(path):
    jsonschema.validate(load(path), schema("term.schema.json"))


def test_lessons_file_satisfies_its_schema():
    data = yaml.safe_load((ROOT / "glossary" / "lessons.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema("lessons.schema.json"))


@pytest.mark.parametrize(("change", "fragment"), [
    ({"sumary": "typo"}, "Additional properties are not allowed ('sumary'"),
    ({"level": "expert"}, "'expert' is not one of"),
    ({"related": ["Not A Slug"]}, "does not match"),
    ({"sections": [{"title": "T", "body": "B", "colour": "red"}]}, "'colour' was unexpected"),
])
def test_schema_rejects_bad_terms(change, fragment):
    data = load(TERMS[0])
    data.update(change)
    with pytest.raises(jsonschema.ValidationError, match=fragment.replace("(", r"\(")):
        jsonschema.validate(data, schema("term.schema.json"))


def test_schema_command_writes_and_checks(tmp_path, capsys):
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(render_schemas())
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 0


def test_editors_map_the_schemas_onto_the_content():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert "glossary/*.yaml" in mapping["./schemas/term.schema.json"]
    assert mapping["./schemas/lessons.schema.json"] == ["glossary/lessons.yaml"]
    for target in mapping:
        assert (ROOT / target).is_file()

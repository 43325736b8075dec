"""The real build: the course embed and terms.json, structured data and sharing tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary_site.embed import embed_script

pytestmark = pytest.mark.site


def test_embed_and_terms_json_sit_side_by_side(built_site: Path):
    assert (built_site / "embed.js").read_text(encoding="utf-8") == embed_script()
    data = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))
    levels = {t["slug"]: t["level"] for t in data["terms"]}
    assert levels["data-flywheel"] == "intermediate"
    assert set(levels.values()) <= {"introductory", "intermediate", "advanced"}
    for row in data["terms"]:
        assert (built_site / row["path"] / "index.html").is_file()

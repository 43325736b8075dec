"""The real glossary passes `glossary check` and carries the evidence the entries promise."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys

import pytest
from support import ROOT

from flywheel_sims.charts import load_chart
from glossary_site.build.pipeline import known_chart_ids, load_glossary

GLOSSARY = load_glossary(ROOT / "glossary", known_chart_ids())
LESSON = "ai-strategy-for-your-organisation"


def charts(slug: str) -> set[str]:
    return {s.chart for s in GLOSSARY.terms[slug].sections if s.chart}


def test_glossary_check_passes_on_the_real_glossary():
    result = subprocess.run([sys.executable, "-m", "glossary_site.cli", "check", "glossary"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout


def test_enough_terms_each_with_two_sections():
    assert "data-flywheel" in GLOSSARY.terms
    assert len(GLOSSARY.terms) >= 50
    for slug, term in GLOSSARY.terms.items():
        assert len(term.sections) >= 2, slug


def test_only_the_known_lesson_exists():
    assert list(GLOSSARY.lessons) == [LESSON]
    assert GLOSSARY.lessons[LESSON].level == "Practitioner"
    assert GLOSSARY.lessons[LESSON].title == "AI Strategy for Your Organisation"


@pytest.mark.parametrize("slug", ["data-flywheel", "competitive-moat", "first-mover-advantage",
                                  "network-effects", "data-network-effects"])
def test_strategy_terms_link_the_lesson(slug: str):
    assert LESSON in GLOSSARY.terms[slug].lessons


def test_data_flywheel_backs_every_claim_with_a_chart():
    assert charts("data-flywheel") == {"loop", "moat", "examples", "plateau", "privacy",
                                       "bias-amplification"}


@pytest.mark.parametrize(("slugs", "chart"), [
    (["diminishing-returns", "neural-scaling-laws"], "plateau"),
    (["popularity-bias", "filter-bubble"], "bias-amplification"),
    (["competitive-moat", "first-mover-advantage"], "moat"),
    (["network-effects"], "loop"),
])
def test_terms_whose_dynamics_a_model_shows_carry_its_chart(slugs: list[str], chart: str):
    for slug in slugs:
        assert chart in charts(slug), slug


def test_privacy_chart_on_a_data_protection_term():
    assert "privacy" in charts("data-minimisation") | charts("gdpr")


# Every paper a page cites is in its Sources, including those named in the caption of a
# chart the page shows (captions come from the chart modules' docstrings).
CITATION = re.compile(r"([A-Z][a-z]+)(?:,? [A-Z][a-z]+)*(?: and [A-Z][a-z]+)?(?: et al\.)?,? "
                      r"\(?((?:19|20)\d\d)\b")


def caption_citations(chart_id: str) -> set[tuple[str, str]]:
    doc = load_chart(chart_id).__doc__ or ""
    return {(m.group(1), m.group(2)) for m in CITATION.finditer(" ".join(doc.split()))}


def test_caption_citation_pattern_reads_the_loop_caption():
    assert {("Sultan", "1990"), ("Hestness", "2017")} <= caption_citations("loop")


@pytest.mark.parametrize("slug", sorted(s for s in GLOSSARY.terms if charts(s)))
def test_papers_cited_in_chart_captions_are_in_the_page_sources(slug: str):
    titles = [source.title for source in GLOSSARY.terms[slug].sources]
    for chart_id in sorted(charts(slug)):
        for author, year in sorted(caption_citations(chart_id)):
            assert any(author in t and year in t for t in titles), (slug, chart_id, author, year)


def test_entries_link_the_terms_they_mention():
    """Issue 9's bar: Data Flywheel links at least 8 other terms in its text, the median
    term at least 3 (explicit [[slug]] links and automatic first mentions together)."""
    linked = {slug: set(GLOSSARY.targets[slug]) - {slug} for slug in GLOSSARY.terms}
    assert len(linked["data-flywheel"]) >= 8
    assert statistics.median(len(targets) for targets in linked.values()) >= 3
    assert all(targets <= set(GLOSSARY.terms) for targets in linked.values())

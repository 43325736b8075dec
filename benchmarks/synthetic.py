"""Synthetic glossary terms shared by the build benchmarks (``twin.py``, ``graph.py``).

Term ``i`` of ``n`` has the slug ``term-<i:05d>`` and the name ``Term <i:05d>``; its text is
deterministic filler, so two runs with the same ``n`` write the same files. Not a benchmark
itself: the scripts beside it import it (Python puts a script's folder on ``sys.path``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

WORDS = ("data model users quality feedback loop signal ranking error market share learning "
         "curve plateau privacy consent bias exposure catalogue moat entrant").split()

LESSONS = {"lessons": [{"id": "ai-strategy-for-your-organisation",
                        "title": "AI Strategy for Your Organisation",
                        "level": "Practitioner", "url": "ai-strategy-for-your-organisation/"}]}

EDITS = ("Read the paper on", "Read the study on")
"""An edited build swaps these in the last section of the first term, back and forth."""


def slug(i: int) -> str:
    """The slug (and file stem) of term ``i``."""
    return f"term-{i:05d}"


def name(i: int) -> str:
    """The name of term ``i``."""
    return f"Term {i:05d}"


def prose(seed: int, words: int) -> str:
    """Deterministic filler text of ``words`` words."""
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words)).capitalize() + "."


def synthetic_term(i: int, n: int) -> dict[str, object]:
    """Term ``i`` of ``n``: linked to its two ring neighbours, about 250 words.

    Like the real entries (53 terms: 121 ``[[slug]]`` links, 206 automatic first mentions,
    43% of Markdown fields with markup), each term links two terms with ``[[slug]]`` (half
    its fields then hold markup) and names four others in its text. No section names a
    chart.
    """
    slugs = [slug((i - 1) % n), slug((i + 1) % n)]

    def other(k: int) -> str:
        return f"{(i + k) % n:05d}"

    return {
        "term": name(i),
        "summary": f"Synthetic term number {i} for the build benchmark.",
        "definition": f"{prose(i, 50)} It builds on Term {other(2)} and "
                      f"[[term-{other(3)}]]. {prose(i + 5, 6)}",
        "level": "intermediate",
        "tags": [f"tag-{i % 20}", "benchmark"],
        "related": sorted(set(slugs)),
        "lessons": ["ai-strategy-for-your-organisation"] if i % 10 == 0 else [],
        "sections": [{"title": "How it works",
                      "body": f"{prose(i + 1, 80)} See [[term-{other(5)}|a neighbour]] and "
                              f"the *Term {other(4)}* entry. {prose(i + 6, 6)}"},
                     {"title": "Examples", "body": "- " + "\n- ".join(prose(i + k, 15)
                                                                     for k in range(4))
                      + f"\n- A case of Term {other(6)}s, in `code` too."},
                     {"title": "Limitations",
                      "body": f"{prose(i + 2, 55)} Read the paper on Term {other(7)} [@source]."}],
        "sources": [{"key": "source", "title": "A source",
                     "url": f"https://example.org/paper/{i}"}],
        "added": "2026-01-05", "reviewed": "2026-01-05",
    }


def write_term_files(glossary_dir: Path, n: int) -> None:
    """Write ``lessons.yaml`` and the ``n`` term files ``<slug>.yaml`` into ``glossary_dir``."""
    glossary_dir.mkdir(parents=True)
    (glossary_dir / "lessons.yaml").write_text(yaml.safe_dump(LESSONS))
    for i in range(n):
        # One line per value: folded lines would split the sentence edit_sentence swaps.
        (glossary_dir / f"{slug(i)}.yaml").write_text(yaml.safe_dump(
            synthetic_term(i, n), sort_keys=False, width=1_000_000))


def edit_sentence(path: Path) -> None:
    """Change one sentence of a file holding term 0 (no name or link changes), or change
    it back: swap the :data:`EDITS`, whichever the file holds."""
    text = path.read_text()
    old, new = EDITS if EDITS[0] in text else EDITS[::-1]
    if old not in text:
        raise ValueError(f"{path}: neither {EDITS[0]!r} nor {EDITS[1]!r} to swap")
    path.write_text(text.replace(old, new, 1))

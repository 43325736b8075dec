"""Injection payloads for the safety tests, and a hostile-but-accepted glossary built from them.

Every payload carries its own number (``alert(N)``), so a dialog or a surviving handler
names the payload that got through. Import as ``payloads`` (the tests folder is on the path).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from glossary_site.content.names import TAG_MAX
from glossary_site.render.rules import normalise_url

PLAIN = [
    "<script>alert(1)</script>",
    "<svg/onload=alert(2)//",
    "<img src=x onerror=alert(3)>",
    "![x](x){onerror=alert(4)}",
    "[click](javascript:alert(5))",
    '"><svg onload=alert(6)>',
    "'><img src=x onerror=alert(7)>",
    "</title><script>alert(8)</script>",
    "&lt;/title&gt;&lt;img src=x onerror=alert(9)&gt;",
    '{: onclick="alert(10)"}',
    "`<b>` code and **bold** {#id11} alert(11)",
    "$\\href{javascript:alert(12)}{x}$",
    "\\(\\href{javascript:alert(13)}{y}\\)",
    '<a href="javascript:alert(14)">x</a>',
    "[r15]: javascript:alert(15)",
    '<iframe src="javascript:alert(16)">',
    "<details open ontoggle=alert(17)>",
    "<!--<img src=x onerror=alert(18)>-->",
    "{{ 7*7 }} {% raw %} alert(19)",
    "</textarea><script>alert(20)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(21)>",
    "*[x](javascript:alert(22))*",
    "<style>*{display:none}</style> alert(23)",
    "AT&T <b> & 3 < 4 alert(24)",
    "<<script>alert(25)//<</script>",
    "javascript:alert(26)",
    # Beyond U+FFFF: tojson wrote a surrogate pair, YAML refused the front matter and MkDocs
    # rendered it as Markdown, so this link became a button on the page.
    "🚀 [Log in again alert(27)](https://evil.example/login){: .md-button }",
    "1. A list marker at the start alert(28)",
]
"""Plain-text payloads (names, summaries, aliases, tags, titles, lesson title and level):
accepted, and shown as text wherever they appear."""

LOOKALIKES = [
    "Code `<script>alert(31)</script>` in a span.",
    "```html\n<img src=x onerror=alert(32)>\n```",
    "An autolink <https://example.org/autolink-33> (alert(33)).",
    "Compare: if a<b and c>d then alert(34) is text.",
    "AT&T and 3 < 4 (alert(35)).",
    "Math $a<b$ and \\(x^2\\) (alert(36)).",
    "See [the next section](#how-it-works) (alert(37)).",
    "&lt;script&gt;alert(38)&lt;/script&gt;",
    "<svg/onload=alert(39)//",
    # The heading that ran script through Python-Markdown's attribute lists and the theme's
    # table of contents (issue 18): now a sub-heading with an engine-made id, braces as text.
    "## Hi {title=\"{}\" id='x\" autofocus onfocus=\"alert(40)'}",
    "Hi {title='{}' id='x\" autofocus onfocus=\"alert(41)'}\n---",
    "**b**{onmouseover=alert(42)} and [x](https://example.org){onclick=alert(43)}",
    'A paragraph.\n{: onclick="alert(44)" }',
]
"""Markdown that looks like markup but is legitimate: accepted and shown as text (braces
after a word, a link or a heading are text: no attribute lists)."""

MARKDOWN = [
    "<script>alert(101)</script>",
    "<img src=x onerror=alert(102)>",
    "\\`<img src=x onerror=alert(103)>\\`",
    "a ~~~<img src=x onerror=alert(104)>~~~",
    "[x](javascript:alert(105))",
    "[x](JaVaScRiPt:alert(106))",
    "[x](jav&#x09;ascript:alert(107))",
    "[x](&#106;avascript:alert(108))",
    "[x](<javascript:alert(109)>)",
    "[x][r]\n\n[r]: javascript:alert(110)",
    "text\n[r]: javascript:alert(111)\n\nsee [x][r]",
    "<javascript:alert(112)>",
    "![x](https://example.org/x.png){onerror=alert(113)}",
    "[x](https://example.org){onclick=alert(114)}",
    'A paragraph.\n{: onclick="alert(115)" }',
    "**b**{onmouseover=alert(116)}",
    "$\\href{javascript:alert(117)}{x}$",
    "\\(\\href{javascript:alert(118)}{x}\\)",
    "<div/onclick=alert(119)>x",
    "<details open ontoggle=alert(120)>x</details>",
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMjEpPC9zY3JpcHQ+ "alert(121)")',
    "[x](vbscript:msgbox(122))",
    '<iframe srcdoc="<script>alert(123)</script>"></iframe>',
    "<!-- <img src=x onerror=alert(124)> -->",
    "[x](  javascript:alert(125)  'title')",
    "$$\n\\url{javascript:alert(126)}\n$$",
    '<a href="javascript:alert(127)">x</a>',
    "<form action=javascript:alert(128)><button>go</button></form>",
    "<object data=javascript:alert(129)></object>",
    "[x](https://example.org/a){: .md-button onclick=alert(130)}",
    "See <https://example.org/a>{onclick} now alert(131)",
    "`<!-- material/tags { include: [alert(132)] } -->`",
    "*a " * 600 + "alert(133)" + " b*" * 600,
    # Maths that would draw over the page or stretch it: a shifted notice over the page's
    # first lines, a space pulling text over what precedes it, a box 9999em wide.
    "$\\smash{\\raise{24em}{\\text{Site moved: alert(134)}}}$",
    "$\\hspace{-100em}\\text{alert(135)}$",
    "$\\rule{9999em}{9999em}$ alert(136)",
    # Text that shows in another order than it is stored ("Trojan Source"), as a character
    # and as an entity, in prose and in code.
    "Download alert(137) invoice\u202eexe.pdf\u202c now",
    "Download alert(138) invoice&#x202E;exe.pdf",
    "`if admin alert(139) \u2067// check later\u2069`",
]
"""Markdown payloads the checker refuses, each with a ``path:line`` problem."""

URLS = [
    "javascript:alert(201)",
    "https://example.org/a)<img src=x onerror=alert(202)>",
    'https://example.org/"onmouseover="alert(203)',
    "data:text/html,<script>alert(204)</script>",
    "https://example.org/ x](javascript:alert(205))",
    "//evil.example.org/alert(206)",
    "lesson-1/../../../../evil/alert(207)",
]
"""URLs (sources, lessons) that strict parsing refuses."""

SLUGS = ['x"><script>alert(301)</script>', "../../index-alert(302)"]
"""Values for slug fields (related, lessons, former slugs, section ids, charts, lesson ids)."""

SLUG_FIELDS = [("related", 0), ("lessons", 0), ("former_slugs", 0)]

NUMBER_RE = re.compile(r"(?:alert|msgbox)\((\d+)\)")


def number(payload: str) -> int:
    """The number a payload carries in ``alert(N)``."""
    found = NUMBER_RE.search(payload)
    assert found, payload
    return int(found.group(1))


class _Literal(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Literal.add_representer(str, _str)


def dump(data: Any) -> str:
    """YAML with multi-line strings as literal blocks (so lines map one to one)."""
    return yaml.dump(data, Dumper=_Literal, sort_keys=False, allow_unicode=True, width=1000)


FILLER = ("A flywheel gathers data from use and turns it into a better model, which in turn "
          "draws more use. ") * 11 + "A flywheel gathers data from use."


def lessons() -> dict[str, Any]:
    """Four lessons whose titles and levels are plain-text payloads."""
    return {"lessons": [{"id": f"lesson-{i}", "title": f"Lesson {PLAIN[i]}",
                         "level": PLAIN[-1 - i], "url": f"lesson-{i}/"} for i in range(4)]}


def tag_payload(payload: str) -> str:
    """A tag carrying ``payload``, cut to the tag length limit (a longer tag is refused)."""
    return f"tag {payload}"[:TAG_MAX].strip()


def hostile_term(k: int, slugs: list[str]) -> dict[str, Any]:
    """Term ``k`` of a ring: every plain-text field a payload, Markdown full of look-alikes."""
    n = len(PLAIN)
    p = [PLAIN[(k + i) % n] for i in range(7)]
    return {
        "term": p[0],
        "summary": f"Summary {p[1]}"[:200],
        "definition": FILLER + " [@source]\n\n" + "\n\n".join(LOOKALIKES) + "\n",
        "aliases": [f"aka {p[2]}"],
        "level": "introductory",
        "tags": [tag_payload(p[3]), "testing"],  # first: the graph colours nodes by it
        "related": sorted({slugs[k - 1], slugs[(k + 1) % len(slugs)]}),
        "lessons": [f"lesson-{k % 4}"],
        "sections": [{"title": f"How {p[4]}", "id": "how-it-works", "body": "It works. " * 5},
                     {"title": f"Why {p[5]}", "id": "why", "body": "It matters. " * 5}],
        "sources": [{"key": "source", "title": f"Source {p[6]}",
                     "url": f"https://example.org/source-{k}?a=1&b=(2)"}],
        "added": "2026-01-05", "reviewed": "2026-01-05",
    }


def write_hostile_glossary(directory: Path) -> list[str]:
    """Write the hostile-but-accepted glossary (one term per plain payload); return slugs."""
    directory.mkdir(parents=True, exist_ok=True)
    slugs = [f"term-{k:02d}" for k in range(len(PLAIN))]
    (directory / "lessons.yaml").write_text(dump(lessons()), encoding="utf-8")
    for k, slug in enumerate(slugs):
        (directory / f"{slug}.yaml").write_text(dump(hostile_term(k, slugs)), encoding="utf-8")
    return slugs


MKDOCS = {
    "site_name": "Injection test",
    # The project's own theme overrides: sharing tags and JSON-LD carry the payloads too.
    "theme": {"name": "material", "font": False,
              "custom_dir": str(Path(__file__).resolve().parents[1] / "overrides"),
              "features": ["content.action.edit", "search.suggest", "search.highlight"]},
    "plugins": ["search", "tags", {"glossary": {
        "lesson_base_url": "https://course.example.org/", "charts": False}}],
    "markdown_extensions": [
        "admonition", "attr_list", "def_list", "footnotes", "tables",
        {"toc": {"permalink": True}}, {"pymdownx.arithmatex": {"generic": True}},
        "pymdownx.details", "pymdownx.superfences", "pymdownx.inlinehilite",
        {"pymdownx.highlight": {"use_pygments": True}}],
    "nav": [{"Home": "index.md"}, {"Tags": "tags.md"}, {"Lessons": "lessons/index.md"}],
}
"""A project configured like mkdocs.yml (same Markdown extensions), without charts."""


def write_project(root: Path) -> Path:
    """Write mkdocs.yml and docs for a glossary in ``root/glossary``; return mkdocs.yml."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\n<!-- glossary:a-z -->\n")
    (root / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(MKDOCS, sort_keys=False))
    return config


BANNED = {"iframe", "object", "embed", "form", "base", "frame", "frameset", "applet"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def assert_inert(page: BeautifulSoup, where: str) -> None:
    """No script from content, no handler, no dangerous URL; no banned element in content."""
    for article in page.find_all("article"):
        assert not article.find_all(BANNED | {"script", "style"}), where
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":  # data, never run: it must parse,
            text = script.get_text()                      # and hold no "<" to break out with
            assert "<" not in text and isinstance(json.loads(text), dict), (where, script)
            continue
        assert "alert(" not in script.get_text(), (where, script)
        src = script.get("src")
        assert src is None or not normalise_url(str(src)).startswith(("javascript", "data")), src
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (where, element)
            if name.lower() in URL_ATTRS:
                url = normalise_url(str(value))
                assert not url.startswith(("javascript:", "vbscript:", "data:text")), (where, url)
    for element in page.find_all(["img", "style"]):
        assert "alert(" not in str(element), (where, element)
    for element in page.find_all(["svg", "math"]):  # hostile names may be their text, no more
        assert not element.find_all(["script", "foreignobject", "style", "iframe"]), where
        for child in element.find_all(True):
            assert "alert(" not in " ".join(str(v) for v in child.attrs.values()), (where, child)


# --- whole term files the loader refuses (issue 18) ----------------------------------------

def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode()


def _term_file(**fields: Any) -> dict[str, Any]:
    """A valid term (related to the hostile glossary's first two terms), with ``fields``."""
    data: dict[str, Any] = {
        "term": "Refused Term", "summary": "A term file the loader refuses.",
        "definition": FILLER + " [@source]\n", "level": "introductory", "tags": ["testing"],
        "related": ["term-00", "term-01"],
        "sections": [{"title": "How", "id": "how-it-works", "body": "It works. " * 5},
                     {"title": "Why", "id": "why", "body": "It matters. " * 5}],
        "sources": [{"key": "source", "title": "A source", "url": "https://example.org/refused"}],
        "added": "2026-01-05", "reviewed": "2026-01-05"}
    data.update(fields)
    return data


def _with_line(key: str, line: str, **fields: Any) -> str:
    """A term file whose top-level ``key`` is written as ``line`` (raw YAML), in its place
    (or last)."""
    text = dump(_term_file(**fields))
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")), len(lines))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "-"))),
               len(lines))
    return "".join(lines[:start]) + line.rstrip("\n") + "\n" + "".join(lines[end:])


def _short_words(n: int) -> list[str]:
    """``n`` distinct words of one to three letters."""
    from itertools import product
    from string import ascii_lowercase

    words = ("".join(p) for size in (1, 2, 3) for p in product(ascii_lowercase, repeat=size))
    return [w for w, _ in zip(words, range(n), strict=False)]


_SCRIPT_HEADING = "## Hi {title='{}' id='x\" autofocus onfocus=\"alert(401)'}"

REFUSED_FILES: list[tuple[str, str, str]] = [
    # YAML tags: each makes a value the Markdown and names rules never read as text, or a
    # Python object; every one is a path:line problem, never a value.
    ("tag-binary", _with_line("definition", "definition: !!binary "
                              f"{_b64(FILLER + chr(10) * 2 + _SCRIPT_HEADING)}  # alert(401)"),
     "alert(401)"),
    ("tag-str", _with_line("summary", 'summary: !!str "A summary alert(402)"'), "alert(402)"),
    ("tag-int", _with_line("level", "level: !!int 1  # alert(403)"), "alert(403)"),
    ("tag-timestamp", _with_line("summary", "summary: !!timestamp 2020-01-01  # alert(404)"),
     "alert(404)"),
    ("tag-python", _with_line("tags", "tags: !!python/object/apply:os.system "
                              "['echo alert(405)']"), "alert(405)"),
    ("tag-custom", _with_line("definition", 'definition: !custom "<b>alert(406)</b>"'),
     "alert(406)"),
    ("tag-set", _with_line("aliases", "aliases: !!set {alert(407): null}"), "alert(407)"),
    ("tag-omap", _with_line("tags", "tags: !!omap [{alert(408): x}]"), "alert(408)"),
    ("tag-non-specific", _with_line("term", 'term: ! "Name alert(409)"'), "alert(409)"),
    ("tag-verbatim", _with_line("definition", "definition: !<tag:yaml.org,2002:binary> "
                                f"{_b64('<script>alert(410)</script>')}  # alert(410)"),
     "alert(410)"),
    ("tag-handle", "%TAG !e! tag:example.org,2000:\n---\n"
     + _with_line("term", 'term: !e!name "Name alert(411)"'), "alert(411)"),
    ("tag-float", _with_line("summary", "summary: !!float 1e400  # alert(412)"), "alert(412)"),
    ("tag-bool", _with_line("autolink", "autolink: !!bool maybe  # alert(413)"),
     "alert(413)"),
    ("tag-on-key", _with_line("summary", '!!str summary: "A summary alert(414)"'),
     "alert(414)"),
    ("tag-on-list", _with_line("related", "related: !!seq [term-00, term-01]  # alert(415)"),
     "alert(415)"),
    # Sizes a few kilobytes can reach: 4,000 aliases took check 14 s, 14,500 tags the build
    # 42 s (and /tags/ 8.7 MB); each file is under the 64 KiB limit.
    ("many-aliases", _with_line("aliases", "aliases: [alert(420), "
                                + ", ".join(f"A{i}" for i in range(4_000)) + "]"),
     "alert(420)"),
    ("many-tags", _with_line("tags", "tags: [alert(421)," + ",".join(_short_words(14_500))
                             + "]"), "alert(421)"),
    ("many-sections", dump(_term_file(sections=[
        {"title": f"S{i}", "id": f"s{i}", "body": "x"} for i in range(21)])).replace(
        "sections:", "sections:  # alert(422)", 1), "alert(422)"),
    ("many-related", _with_line("related", "related: [term-00, term-01, "
                                + ", ".join(f"r{i}" for i in range(60)) + "]  # alert(423)"),
     "alert(423)"),
    ("much-markdown", dump(_term_file(sections=[
        {"title": f"Part {i}", "id": f"part-{i}",
         "body": f"Part {i} alert(424) " + "Words for the limit. " * 330} for i in range(4)])),
     "Part 3 alert(424)"),
    # A key of 3,700 hex digits was an int Python cannot print: check and build ended in a
    # ValueError. A 5,000-character name ended check in a RecursionError in the linker.
    ("hex-key", dump(_term_file()) + "? 0x" + "f" * 3_700 + "\n: alert(425)\n", "? 0x"),
    ("hex-value", _with_line("level", "level: 0x" + "F" * 4_000 + "  # alert(426)"),
     "alert(426)"),
    ("long-name", _with_line("term", "term: " + "N" * 5_000 + " alert(427)"), "alert(427)"),
    ("long-alias", _with_line("aliases", "aliases: [" + "A" * 5_000 + " alert(428)]"),
     "alert(428)"),
    ("long-tag", _with_line("tags", "tags: [testing, " + "t" * 5_000 + " alert(429)]"),
     "alert(429)"),
    ("key-is-a-list", dump(_term_file()) + "? [a, b]\n: alert(430)\n", "? [a, b]"),
]
"""Whole term files that ``glossary check`` refuses, each with one ``path:line`` problem:
(file stem, YAML text, a text on the line the problem is reported at). Each is under the
64 KiB file limit and carries its own ``alert(N)``. Written next to the hostile glossary
(:func:`write_hostile_glossary`), none may reach a page, and none may take check long."""


def write_refused_files(directory: Path) -> list[str]:
    """Write every :data:`REFUSED_FILES` term into ``directory``; return their stems."""
    directory.mkdir(parents=True, exist_ok=True)
    for stem, text, _needle in REFUSED_FILES:
        (directory / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return [stem for stem, _, _ in REFUSED_FILES]

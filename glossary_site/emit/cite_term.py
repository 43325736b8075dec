""""Cite this term": a ready citation of a term page, as plain text and as BibTeX.

Both name the term, the site, the year and day of the last review and the term's stable
URL (absolute when ``site_url`` is set, else the site path ``/terms/<slug>/``).
"""

from __future__ import annotations

from glossary_site.build.urls import term_url
from glossary_site.content.model import Term

_BIBTEX_SPECIAL = {c: f"\\{c}" for c in "{}%&$#_"} | {"\\": r"\textbackslash{}",
                                                      "^": r"\^{}", "~": r"\~{}"}


def _bibtex(text: str) -> str:
    """``text`` as a BibTeX field value: LaTeX's special characters escaped, on one line."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in " ".join(text.split()))


def stable_url(slug: str, site_url: str) -> str:
    """The term page's address that never changes."""
    return (site_url.rstrip("/") + "/" if site_url else "/") + term_url(slug)


def citations(slug: str, term: Term, site_name: str, site_url: str) -> dict[str, str]:
    """``{"text": …, "bibtex": …}`` for the term's page."""
    url = stable_url(slug, site_url)
    site = site_name or "Glossary"
    day = term.reviewed
    text = (f'{site} ({day.year}). "{" ".join(term.term.split())}". '
            f"Last reviewed {day.day} {day:%B %Y}. {url}")
    bibtex = "\n".join([
        f"@misc{{{site.lower().replace(' ', '-')}-{slug},",
        f"  author = {{{{{_bibtex(site)}}}}},",
        f"  title = {{{_bibtex(term.term)}}},",
        f"  year = {{{day.year}}},",
        f"  url = {{{url}}},",
        f"  note = {{Last reviewed {day.isoformat()}}},",
        "}",
    ])
    return {"text": text, "bibtex": bibtex}

"""A link checker over a built site: every internal link, asset and #anchor must resolve."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


@dataclass(frozen=True)
class Link:
    """One reference from a page."""

    page: str
    tag: str
    url: str


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(el["id"]) for el in soup.find_all(id=True)) | frozenset(
        str(el["name"]) for el in soup.find_all("a", attrs={"name": True}))


def links(site: Path, page: Path) -> list[Link]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag, attr in ATTRS.items():
        for el in soup.find_all(tag):
            if el.has_attr(attr):
                found.append(Link(page.relative_to(site).as_posix(), tag, str(el[attr])))
    return found


def resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """Return the file a relative URL points at (None if external) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link, asset or anchor in the site that does not resolve."""
    site = site.resolve()
    problems = []
    for page in html_files(site):
        for link in links(site, page):
            target, fragment = resolve(site, page, link.url)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{link.page}: <{link.tag}> {link.url}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                problems.append(f"{link.page}: <{link.tag}> {link.url}: no #{fragment}")
    return problems


def external_resources(site: Path) -> list[str]:
    """Scripts, stylesheets and images that a page would load from another host."""
    site = site.resolve()
    found = []
    for page in html_files(site):
        for link in links(site, page):
            if link.tag == "a":
                continue
            parts = urlsplit(link.url)
            if parts.scheme in ("http", "https") or link.url.startswith("//"):
                found.append(f"{link.page}: <{link.tag}> {link.url}")
    return found

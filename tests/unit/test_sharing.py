"""JSON-LD serialisation and the sharing values of a page, without a build."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from glossary_site.build.cache import Cache
from glossary_site.build.pipeline import load_glossary
from glossary_site.emit.sharing import SITE_CARD, jsonld_script_text, page_share, share_images

HOSTILE = "</script><script>alert(1)</script><!-- & -->"


def test_jsonld_cannot_close_its_script_element():
    text = jsonld_script_text({"name": HOSTILE, "x": "\u2028"})
    for bad in ("<", ">", "&", "\u2028"):
        assert bad not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"name": HOSTILE, "x": "\u2028"}


def share(directory: Path, **overrides):
    glossary = load_glossary(directory)
    args = dict(slug="alpha-term", is_home=False, title="ignored", description="ignored",
                page_url="terms/alpha-term/", site_url="", site_name="Test Glossary",
                site_description="Terms for tests.", chart_images=False)
    args.update(overrides)
    return page_share(glossary, **args)


def test_term_page_without_site_url_uses_relative_urls(write_glossary):
    meta = share(write_glossary({"alpha-term": {"aliases": ["First"]}}))
    assert meta["type"] == "article" and meta["title"] == "Alpha Term"
    assert meta["description"] == "Alpha Term is a term used in tests."
    assert meta["url"] == "../../terms/alpha-term/"
    assert meta["image"] == "../../" + SITE_CARD
    data = json.loads(meta["jsonld"])
    assert data["@type"] == "DefinedTerm" and data["name"] == "Alpha Term"
    assert data["alternateName"] == ["First"]
    assert data["inDefinedTermSet"] == {"@type": "DefinedTermSet", "name": "Test Glossary",
                                        "url": "../../"}


def test_site_url_makes_every_url_absolute(write_glossary):
    directory = write_glossary({"alpha-term": {"sections": [
        {"title": "A chart", "body": "Words. " * 10, "chart": "loop"},
        {"title": "Another", "body": "Words. " * 10, "chart": "moat"}]}})
    meta = share(directory, site_url="https://glossary.example.org/sub", chart_images=True)
    assert meta["url"] == "https://glossary.example.org/sub/terms/alpha-term/"
    assert meta["image"] == "https://glossary.example.org/sub/assets/social/loop.png"
    home = share(directory, slug=None, is_home=True, page_url="",
                 site_url="https://glossary.example.org/sub/")
    data = json.loads(home["jsonld"])
    assert data["@type"] == "DefinedTermSet" and data["url"] == "https://glossary.example.org/sub/"
    assert [t["url"] for t in data["hasDefinedTerm"]] == [
        f"https://glossary.example.org/sub/terms/{s}/"
        for s in ("alpha-term", "beta-term", "gamma-term")]


def test_other_pages_get_the_site_card_and_no_jsonld(write_glossary):
    meta = share(write_glossary(), slug=None, title="About", description="About us.",
                 page_url="about/")
    assert (meta["type"], meta["title"], meta["jsonld"]) == ("website", "About", "")
    assert meta["image"] == "../" + SITE_CARD


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_share_images_render_once_and_come_from_the_cache(tmp_path, monkeypatch):
    import vl_convert

    folder = tmp_path / "social"

    def build(name: str = "Test Glossary") -> dict[str, bytes]:
        cache = Cache(folder)
        found = share_images({}, name, "Terms for tests.", cache)
        cache.save()
        return found

    images = build()
    assert list(images) == [SITE_CARD]
    assert png_size(images[SITE_CARD]) == (1200, 630)
    cached = list((folder / "social").iterdir())
    assert len(cached) == 1 and cached[0].read_bytes() == images[SITE_CARD]

    renders = []
    render = vl_convert.vegalite_to_png
    monkeypatch.setattr(vl_convert, "vegalite_to_png",
                        lambda *a, **k: renders.append(1) or render(*a, **k))
    again = build()
    assert again == images and not renders  # a hit

    cached[0].write_bytes(b"\x89PNG\r\n\x1a\nnot the image")  # damaged: rendered again
    again = build()
    assert again == images and renders == [1]
    assert cached[0].read_bytes() == images[SITE_CARD]  # and healed


def test_share_images_keep_only_the_images_a_build_used(tmp_path):
    folder = tmp_path / "social"
    for name in ("Old name", "Test Glossary"):  # two builds
        cache = Cache(folder)
        images = share_images({}, name, "Terms for tests.", cache)
        cache.save()
    [kept] = (folder / "social").iterdir()
    assert kept.read_bytes() == images[SITE_CARD]

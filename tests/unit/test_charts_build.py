"""Charts at build time: cache, determinism, schema validity, escaping, no network at run time."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from altair.vegalite.v6.schema import load_schema
from bs4 import BeautifulSoup

from glossary_site import charts
from glossary_site.build.cache import Cache

ROOT = Path(__file__).resolve().parents[2]

PLATEAU = '''\
"""Learning curve <plateau> & "friends"

Error falls as a power law of data, then flattens:
each extra record buys less.
"""
import altair as alt
import numpy as np
import pandas as pd


def chart():
    d = np.logspace(0, 5, 30)
    df = pd.concat(
        [pd.DataFrame({"data": d, "error": 0.05 + d ** -a, "alpha": a}) for a in (0.3, 0.5, 0.7)]
    )
    alpha = alt.param(name="alpha", value=0.5,
                      bind=alt.binding_range(min=0.3, max=0.7, step=0.2, name="alpha "))
    return (
        alt.Chart(df).mark_line()
        .encode(x=alt.X("data:Q").scale(type="log"), y="error:Q", tooltip=["data:Q", "error:Q"])
        .add_params(alpha).transform_filter("datum.alpha == alpha")
        .properties(width=400, height=200)
    )
'''

TWO_DATASETS = '''\
"""Two sources

A curve and a reference line, each from its own data frame.
"""
import altair as alt
import pandas as pd


def chart():
    a = alt.Chart(pd.DataFrame({"t": [0, 1, 2], "y": [1.0, 2.0, 2.5]})).mark_line()
    b = alt.Chart(pd.DataFrame({"level": [1.5]})).mark_rule()
    return a.encode(x="t", y="y") + b.encode(y="level")
'''

BROKEN = '''\
"""Broken

Raises.
"""


def chart():
    raise RuntimeError("boom")
'''

MakeRegistry = Callable[..., dict[str, str]]


@pytest.fixture
def make_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeRegistry:
    """Write chart modules into a fresh, uniquely named package; return its registry."""
    package = f"fake_charts_{uuid.uuid4().hex[:8]}"
    directory = tmp_path / "src" / package
    directory.mkdir(parents=True)
    (directory / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))

    def make(**modules: str) -> dict[str, str]:
        registry = {}
        for name, source in modules.items():
            (directory / f"{name}.py").write_text(source)
            registry[name.replace("_", "-")] = f"{package}.{name}"
        return registry

    return make


def test_fresh_build_reads_the_docstring_and_makes_every_file(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    registry = make_registry(plateau=PLATEAU)
    assets = charts.build_chart("plateau", Cache(tmp_path / "cache"), registry=registry)

    assert assets.title == 'Learning curve <plateau> & "friends"'
    assert assets.description == (
        "Error falls as a power law of data, then flattens: each extra record buys less."
    )
    assert len(assets.digest) == 64
    assert assets.svg_light.startswith("<svg") and assets.svg_dark.startswith("<svg")
    assert assets.svg_light != assets.svg_dark
    width, height = assets.size  # the plot area plus axes
    assert width > 400 and height > 200
    assert assets.csv.splitlines()[0].split(",") == ["data", "error", "alpha"]
    assert len(assets.csv.splitlines()) == 1 + 90
    assert set(charts.chart_files(assets)) == {
        "assets/charts/plateau.vl.json",
        "assets/charts/plateau.light.svg",
        "assets/charts/plateau.dark.svg",
        "assets/charts/plateau.csv",
    }
    spec = json.loads(assets.spec_json)
    assert spec["description"] == assets.description
    assert [p["name"] for p in spec["params"]] == ["alpha"]


def stored_charts(folder: Path) -> dict[str, object]:
    """The chart entries (digest → JSON) that a folder's saved chart cache holds."""
    index = json.loads((folder / "charts.json").read_text())
    return {d: v for d, v in index["entries"].items() if isinstance(v, dict)}


def no_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the chart was rebuilt on a cache hit")

    monkeypatch.setattr(charts.build, "_fresh", fail)


def test_cache_hit_is_identical_and_does_not_run_the_chart(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = make_registry(plateau=PLATEAU)
    cache = Cache(tmp_path / "cache")
    first = charts.build_chart("plateau", cache, registry=registry)
    charts.prune_cache(cache, {first.digest})  # the build ends: the cache is saved
    assert list(stored_charts(tmp_path / "cache")) == [first.digest]
    assert len(list((tmp_path / "cache" / "charts").iterdir())) == 4  # spec, two SVGs, CSV

    del sys.modules[registry["plateau"]]
    no_rebuild(monkeypatch)
    second = charts.build_chart("plateau", Cache(tmp_path / "cache"), registry=registry)

    assert second == first
    assert registry["plateau"] not in sys.modules  # not even imported


def test_the_build_cache_object_serves_charts_too(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = make_registry(plateau=PLATEAU)
    cache = Cache(tmp_path)
    first = charts.build_chart("plateau", cache, registry=registry)
    cache.save()  # the owner of the cache saves it
    assert list(stored_charts(tmp_path)) == [first.digest]
    no_rebuild(monkeypatch)
    assert charts.build_chart("plateau", Cache(tmp_path), registry=registry) == first


def test_cached_and_fresh_results_are_byte_identical_across_processes(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = make_registry(plateau=PLATEAU, two_sources=TWO_DATASETS)
    script = textwrap.dedent(f"""
        import sys; from pathlib import Path
        sys.path[:0] = [{str(ROOT)!r}, {str(tmp_path / "src")!r}]
        from glossary_site import charts
        from glossary_site.build.cache import Cache
        other = Cache(Path({str(tmp_path / "other")!r}))
        built = [charts.build_chart(chart_id, other, registry={registry!r})
                 for chart_id in {sorted(registry)!r}]
        charts.prune_cache(other, [assets.digest for assets in built])
    """)
    subprocess.run([sys.executable, "-c", script], check=True)

    here = {chart_id: charts.build_chart(chart_id, None, registry=registry)
            for chart_id in registry}
    no_rebuild(monkeypatch)  # the other process's entries, found under the same digests
    for chart_id, assets in here.items():
        assert charts.build_chart(chart_id, Cache(tmp_path / "other"),
                                  registry=registry) == assets


def test_editing_the_chart_module_changes_the_digest(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    registry = make_registry(plateau=PLATEAU)
    cache = Cache(tmp_path / "cache")
    before = charts.build_chart("plateau", cache, registry=registry)
    charts.prune_cache(cache, [before.digest])
    make_registry(plateau=PLATEAU.replace("width=400", "width=420"))
    del sys.modules[registry["plateau"]]
    cache = Cache(tmp_path / "cache")  # the next build
    after = charts.build_chart("plateau", cache, registry=registry)
    charts.prune_cache(cache, [after.digest])

    assert after.digest != before.digest
    assert after.size[0] == before.size[0] + 20
    assert list(stored_charts(tmp_path / "cache")) == [after.digest]
    assert len(list((tmp_path / "cache" / "charts").iterdir())) == 4  # the old files are gone


@pytest.mark.parametrize("damage", ["truncate", "garbage", "remove", "index"])
def test_a_damaged_cache_entry_is_rebuilt_and_healed(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    registry = make_registry(plateau=PLATEAU)
    cache = tmp_path / "cache"
    build = Cache(cache)
    first = charts.build_chart("plateau", build, registry=registry)
    charts.prune_cache(build, [first.digest])
    files = sorted((cache / "charts").iterdir())
    if damage == "truncate":
        files[0].write_bytes(files[0].read_bytes()[:100])
    elif damage == "garbage":
        for file in files:
            file.write_bytes(b"\xff\xfe garbage")
    elif damage == "remove":
        files[-1].unlink()
    else:
        (cache / "charts.json").write_bytes(b"\x00{not json")

    build = Cache(cache)
    assert charts.build_chart("plateau", build, registry=registry) == first
    charts.prune_cache(build, [first.digest])
    no_rebuild(monkeypatch)
    assert charts.build_chart("plateau", Cache(cache), registry=registry) == first


def test_the_csv_holds_the_main_dataset_not_the_helpers(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    registry = make_registry(two_sources=TWO_DATASETS)
    assets = charts.build_chart("two-sources", Cache(tmp_path / "cache"), registry=registry)

    assert len(json.loads(assets.spec_json)["datasets"]) == 2
    assert assets.csv == "t,y\n0,1.0\n1,2.0\n2,2.5\n"


def test_unknown_and_failing_charts_raise_a_clear_error(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    registry = make_registry(plateau=PLATEAU, broken=BROKEN)
    with pytest.raises(charts.ChartError, match=r"unknown chart id 'platau' \(known: broken, plat"):
        charts.build_chart("platau", Cache(tmp_path), registry=registry)
    with pytest.raises(charts.ChartError, match=r"chart 'broken'.*boom"):
        charts.build_chart("broken", Cache(tmp_path), registry=registry)
    charts.prune_cache(Cache(tmp_path))
    assert not (tmp_path / "charts.json").exists() and not (tmp_path / "charts").exists()


def test_figure_html_escapes_docstring_text(make_registry: MakeRegistry, tmp_path: Path) -> None:
    hostile = PLATEAU.replace("buys less.", 'buys <script>alert("x")</script>')
    registry = make_registry(plateau=hostile)
    assets = charts.build_chart("plateau", Cache(tmp_path / "cache"), registry=registry)
    markup = charts.figure_html(assets, "../../")

    assert "<script" not in markup
    assert "\n\n" not in markup and not any(line.startswith(" ") for line in markup.splitlines())
    figure = BeautifulSoup(markup, "html.parser").figure
    assert figure is not None
    assert figure["id"] == "chart-plateau"
    assert figure["data-spec"] == "../../assets/charts/plateau.vl.json"
    images = figure.find_all("img")
    assert [img["src"] for img in images] == [
        "../../assets/charts/plateau.light.svg#only-light",
        "../../assets/charts/plateau.dark.svg#only-dark",
    ]
    for img in images:
        assert img["alt"] == assets.description and "<script>" in assets.description
        assert (int(img["width"]), int(img["height"])) == assets.size
    caption = figure.figcaption
    assert caption is not None
    assert caption.find(class_="fg-chart__title").get_text() == assets.title
    links = {a.get_text(): a["href"] for a in caption.find_all("a")}
    assert links == {
        "Data (CSV)": "../../assets/charts/plateau.csv",
        "Vega-Lite spec (JSON)": "../../assets/charts/plateau.vl.json",
    }


def test_script_tags_are_deferred_and_relative() -> None:
    soup = BeautifulSoup(charts.script_tags("../"), "html.parser")
    scripts = soup.find_all("script")
    # Only charts.js: it loads vega-bundle.js itself when a chart nears the viewport.
    assert [s["src"] for s in scripts] == ["../assets/javascripts/charts.js"]
    assert all(s.has_attr("defer") for s in scripts)


def test_static_files_are_self_contained(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path)
    files = charts.static_files(cache)
    cache.save()
    assert set(files) == {
        "assets/javascripts/vega-bundle.js",
        "assets/javascripts/charts.js",
    }
    for path in ("assets/javascripts/charts.js",):
        assert "http://" not in files[path] and "https://" not in files[path], path
        assert "@import" not in files[path] and "url(" not in files[path], path
    bundle = files["assets/javascripts/vega-bundle.js"]
    assert "window.vegaEmbed" in bundle
    for cdn in ("cdn.jsdelivr", "unpkg.com", "googleapis", "cdnjs"):
        assert cdn not in bundle
    assert files["assets/javascripts/charts.js"].startswith("window.FG_CHART_THEMES = {")

    def fail() -> str:
        raise AssertionError("the bundle was made again")

    monkeypatch.setattr(charts.runtime, "_make_bundle", fail)
    assert charts.static_files(Cache(tmp_path)) == files  # the cached bundle is the same
    monkeypatch.undo()
    for file in (tmp_path / "vega").iterdir():  # damaged: made again
        file.write_bytes(b"garbage")
    assert charts.static_files(Cache(tmp_path)) == files


# ----------------------------------------------------------------- the real chart modules


def _real_chart_ids() -> list[str]:
    try:
        return charts.chart_ids()
    except ImportError:
        return []


@pytest.fixture(scope="module")
def real_cache(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    return Cache(tmp_path_factory.mktemp("chart-cache"))


@pytest.mark.skipif(not _real_chart_ids(), reason="flywheel_sims.charts is not there yet")
@pytest.mark.parametrize("chart_id", _real_chart_ids() or ["none"])
def test_every_real_chart_validates_and_has_data(chart_id: str, real_cache: Cache) -> None:
    assets = charts.build_chart(chart_id, real_cache)
    spec = json.loads(assets.spec_json)

    errors = list(jsonschema.Draft7Validator(load_schema()).iter_errors(spec))
    assert not errors, [e.message for e in errors[:3]]
    assert any(rows for rows in spec.get("datasets", {}).values()), "no inline data"
    assert len(assets.csv.splitlines()) > 1
    assert assets.title and assets.description
    assert all(assets.size)
    assert charts.build_chart(chart_id, real_cache) == assets


# ----------------------------------------------------------------- registry and store


def test_charts_are_found_by_listing_the_configured_simulations_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = f"fake_sims_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / "src" / package / "charts"
    folder.mkdir(parents=True)
    (folder.parent / "__init__.py").write_text("")
    (folder / "__init__.py").write_text("")
    (folder / "two_sources.py").write_text(TWO_DATASETS)
    (folder / "_style.py").write_text("raise RuntimeError('helpers are not charts')\n")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))

    assert charts.chart_ids(simulations=package) == ["two-sources"]
    assert f"{package}.charts.two_sources" not in sys.modules  # listing imports no chart
    assets = charts.build_chart("two-sources", Cache(tmp_path / "cache"), simulations=package)
    assert assets.csv.startswith("t,y\n")
    with pytest.raises(charts.ChartError, match="has no charts"):
        charts.build_chart("two-sources", None, simulations="no_such_sims")


def test_pruning_keeps_the_bundle_and_the_entries_in_use(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = make_registry(two_sources=TWO_DATASETS, plateau=PLATEAU)
    cache = tmp_path / "cache"
    build = Cache(cache)
    both = [charts.build_chart(cid, build, registry=registry) for cid in sorted(registry)]
    bundle = charts.store.cached_bundle(build, "k", lambda: "bundle")
    charts.prune_cache(build, [assets.digest for assets in both])
    build.save()
    assert set(stored_charts(cache)) == {assets.digest for assets in both}

    build = Cache(cache)  # the next build
    kept = charts.build_chart("two-sources", build, registry=registry)
    assert charts.store.cached_bundle(build, "k", lambda: "other") == bundle == "bundle"
    charts.prune_cache(build, [kept.digest])
    build.save()
    assert list(stored_charts(cache)) == [kept.digest]
    assert len(list((cache / "charts").iterdir())) == 4
    no_rebuild(monkeypatch)
    assert charts.build_chart("two-sources", Cache(cache), registry=registry) == kept


def test_charts_and_share_images_survive_a_cache_of_garbage(
    make_registry: MakeRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of the chart, bundle and share image caches overwritten with garbage: the
    next build makes the same assets, and the build after it reads them all from the
    cache again (issue 18: a cache that cannot hurt)."""
    from glossary_site.emit import sharing

    registry = make_registry(plateau=PLATEAU, two_sources=TWO_DATASETS)

    def build(cache: Cache) -> tuple[dict[str, charts.ChartAssets], dict[str, str],
                                     dict[str, bytes]]:
        built = {cid: charts.build_chart(cid, cache, registry=registry) for cid in registry}
        charts.prune_cache(cache, [assets.digest for assets in built.values()])
        runtime = charts.static_files(cache)
        images = sharing.share_images({cid: a.spec_json for cid, a in built.items()},
                                      "Test Glossary", "Terms for tests.", cache)
        cache.save()
        return built, runtime, images

    monkeypatch.setattr(charts.runtime, "_make_bundle", lambda: "the bundle")  # 1.5 s saved
    root = tmp_path / "cache"
    first = build(Cache(root))
    files = [path for path in root.rglob("*") if path.is_file()]
    assert {path.parent.name for path in files} >= {"charts", "vega", "social"}
    for number, path in enumerate(files):
        path.write_bytes(bytes([number % 256]) * (number % 7) + b"\x80\xff{garbage")

    assert build(Cache(root)) == first

    no_rebuild(monkeypatch)
    monkeypatch.setattr(charts.runtime, "_make_bundle", lambda: "made again")
    import vl_convert

    monkeypatch.setattr(vl_convert, "vegalite_to_png", lambda *a, **k: b"made again")
    assert build(Cache(root)) == first  # healed: everything is a hit

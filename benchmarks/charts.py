"""Benchmark (not a test): how long the charts take to build, cold and warm, and what they weigh.

    python benchmarks/charts.py [SITE_DIR]

- cold: every chart in ``flywheel_sims.charts.CHARTS`` built into an empty cache (the chart
  modules run, the simulations run, vl-convert renders two SVGs each);
- warm: the same again with the cache filled (what a rebuild with nothing changed pays);
- the chart runtime: the Vega bundle made by vl-convert (cold, then from its cache), charts.js
  and charts.css, raw and gzipped;
- with SITE_DIR (a built site), the weight of the Data Flywheel page: its HTML, the chart
  code it loads, and the chart files (static SVGs and specs) it can fetch.

Targets from issue 4: cold build of all charts within 10 s; warm adds under 1 s.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary_site import charts  # noqa: E402
from glossary_site.build.cache import Cache  # noqa: E402

PAGE = Path("terms/data-flywheel/index.html")


def kib(n: int) -> str:
    return f"{n / 1024:8.1f} KiB"


def sizes(text: str | bytes) -> tuple[int, int]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return len(data), len(gzip.compress(data, compresslevel=6))


def timed_builds(ids: list[str], cache: Cache) -> tuple[float, dict[str, float]]:
    per_chart: dict[str, float] = {}
    start = time.perf_counter()
    for chart_id in ids:
        t0 = time.perf_counter()
        charts.build_chart(chart_id, cache)
        per_chart[chart_id] = time.perf_counter() - t0
    return time.perf_counter() - start, per_chart


def bench_builds() -> None:
    t0 = time.perf_counter()
    import altair  # noqa: F401
    import vl_convert  # noqa: F401

    imports = time.perf_counter() - t0
    try:
        ids = charts.chart_ids()
    except ImportError as exc:
        sys.exit(f"flywheel_sims.charts is not available ({exc}); nothing to measure")
    print(f"charts: {', '.join(ids)}")
    print(f"import altair + vl_convert: {imports:6.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp))
        cold, cold_each = timed_builds(ids, cache)
        warm, warm_each = timed_builds(ids, cache)
        print(f"{'chart':<22}{'cold (s)':>10}{'warm (ms)':>11}")
        for chart_id in ids:
            print(f"{chart_id:<22}{cold_each[chart_id]:>10.2f}{warm_each[chart_id] * 1000:>11.1f}")
        print(f"{'all charts':<22}{cold:>10.2f}{warm * 1000:>11.1f}")
        print(f"target: cold < 10 s -> {'ok' if cold < 10 else 'MISSED'}; "
              f"warm < 1 s -> {'ok' if warm < 1 else 'MISSED'}")

        t0 = time.perf_counter()
        files = charts.static_files(cache)
        bundle_cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        charts.static_files(cache)
        bundle_warm = time.perf_counter() - t0
        print(f"chart runtime: {bundle_cold:.2f} s to make, {bundle_warm * 1000:.1f} ms cached")
        for path, text in files.items():
            raw, gz = sizes(text)
            print(f"  {path:<40}{kib(raw)} raw {kib(gz)} gzip")
        total = [charts.build_chart(cid, cache) for cid in ids]
        svg = sum(len(a.svg_light.encode()) for a in total)
        spec = sum(len(a.spec_json.encode()) for a in total)
        print(f"all charts: light SVGs {kib(svg)}, specs {kib(spec)}")


def bench_page(site: Path) -> None:
    page = site / PAGE
    if not page.is_file():
        sys.exit(f"{page} not found: is {site} a built site?")
    html = page.read_text(encoding="utf-8")
    raw, gz = sizes(html)
    print(f"\n{PAGE.parent}/ page weight")
    print(f"  {'HTML':<44}{kib(raw)} raw {kib(gz)} gzip")
    base = page.parent
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    styles = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    loaded = scripts + styles
    charts_loaded = [u for u in scripts if "vega-bundle" in u or "charts.js" in u]
    images = re.findall(r'<img[^>]+src="([^"#]+\.svg)(?:#[^"]*)?"', html)
    specs = re.findall(r'data-spec="([^"]+)"', html)
    totals = {"code": [0, 0], "chart code": [0, 0], "svg (one palette)": [0, 0], "specs": [0, 0]}
    for url in loaded:
        target = (base / url.split("?")[0]).resolve()
        if not target.is_file():
            continue
        r, g = sizes(target.read_bytes())
        totals["code"][0] += r
        totals["code"][1] += g
        if url in charts_loaded:
            totals["chart code"][0] += r
            totals["chart code"][1] += g
    for url in images:
        if ".dark." in url:
            continue
        r, g = sizes((base / url).resolve().read_bytes())
        totals["svg (one palette)"][0] += r
        totals["svg (one palette)"][1] += g
    for url in specs:
        r, g = sizes((base / url).resolve().read_bytes())
        totals["specs"][0] += r
        totals["specs"][1] += g
    labels = {
        "code": "all scripts + stylesheets loaded",
        "chart code": "  of which chart code (bundle + charts.js)",
        "svg (one palette)": f"static SVGs, {len(images) // 2} figures",
        "specs": "Vega-Lite specs (fetched when in view)",
    }
    for key, (r, g) in totals.items():
        print(f"  {labels[key]:<44}{kib(r)} raw {kib(g)} gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site, to weigh its pages")
    args = parser.parse_args()
    bench_builds()
    if args.site:
        bench_page(args.site)


if __name__ == "__main__":
    main()

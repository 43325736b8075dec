"""Benchmark (not a test): Lighthouse scores of the site as a reader's phone would see it.

    python benchmarks/lighthouse.py [--site SITE_DIR] [--runs N] [PATH ...]

Serves a built site (``--site``; by default the project is built into a temporary folder
with ``mkdocs build --strict``) from a small static server on 127.0.0.1 that gzips text
responses and sends cache headers, as static hosts do, then runs Lighthouse (the npm package
pinned in ``package.json``: ``npm ci`` or ``make test`` installs it) with its mobile defaults
(Moto G Power viewport, simulated slow 4G and 4× CPU slowdown) in Debian's Chromium, headless.
Prints performance, accessibility, best practices and SEO for each page (the median of
``--runs`` runs), with the audits that cost points. Default pages: the home page and Data
Flywheel. Issue 10's target: each score at least 95.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import mimetypes
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = ("", "terms/data-flywheel/")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it, with cache headers."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep quiet: the benchmark prints only scores."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Serve a file (``index.html`` for a folder, ``404.html`` when missing)."""
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/")
                         or kind == "application/javascript" else kind)
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        # Pages revalidate; assets are named by version or content, so they may be kept.
        cache = "no-cache" if kind == "text/html" else "public, max-age=31536000"
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start the gzip server on a free port of 127.0.0.1; return it and its base URL."""
    mimetypes.add_type("application/javascript", ".js")
    mimetypes.add_type("image/svg+xml", ".svg")
    handler = functools.partial(GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build(into: Path) -> Path:
    """Build the project's site into ``into`` with mkdocs (strict); return the site dir."""
    site = into / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--quiet",
                    "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
                   check=True, cwd=ROOT, env=env)
    return site


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run with mobile defaults; the JSON report."""
    command = [
        str(LIGHTHOUSE), url,
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "CHROME_PATH": CHROME}, check=False)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def losses(report: dict[str, Any]) -> list[str]:
    """The scored audits below 0.9, as 'category: title (score, shown value)'."""
    out = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 0.9:
                shown = f", {audit['displayValue']}" if audit.get("displayValue") else ""
                out.append(f"  {name}: {audit['title']} ({score:.2f}{shown})")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the scores per page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=list(PAGES), help="site paths to measure")
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median shown)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} not found: run 'npm ci' first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="fg-lighthouse-") as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp))
        server, base = serve(site)
        try:
            print(f"Lighthouse (mobile defaults) on {base}, gzip, {args.runs} run(s) per page")
            print(f"{'page':32} " + " ".join(f"{c:>14}" for c in CATEGORIES))
            for path in args.paths:
                reports = [lighthouse(base + path.lstrip("/")) for _ in range(args.runs)]
                scores = [
                    statistics.median(r["categories"][c]["score"] * 100 for r in reports)
                    for c in CATEGORIES
                ]
                print(f"{'/' + path:32} " + " ".join(f"{s:>14.0f}" for s in scores))
                for line in losses(reports[len(reports) // 2]):
                    print(line)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

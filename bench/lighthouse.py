"""Lighthouse on learners' pages: figures printed, never asserted.

    python bench/lighthouse.py [--site site] [--build] [--runs 3] [--lesson module/lesson.html]

Serves the built course (site/, built first when missing or with --build) on 127.0.0.1, with
gzip like any static host, and runs Lighthouse from node_modules (`npm ci` installs it) with
its mobile settings (simulated slow 4G, 4x slower CPU) on one lesson page and the course
home, `--runs` times each. Prints the median performance score and metrics, and every
resource the lesson page fetched at load with its gzipped transfer size.

Lighthouse times the page's CPU work on this machine: on a busy machine TBT rises, so compare
figures taken in one run, or on a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("MICROLEARN_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
LESSON = "foundations/hearing-vs-listening.html"  # the first lesson: practice questions
METRICS = (
    ("FCP", "first-contentful-paint", "s"),
    ("LCP", "largest-contentful-paint", "s"),
    ("TBT", "total-blocking-time", "ms"),
    ("CLS", "cumulative-layout-shift", ""),
    ("SI", "speed-index", "s"),
)
GZIP_LEVEL = 6  # 0: send files as they are
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
TYPES = {".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped (level 6, as common web servers do), kept alive."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._send(body=True)

    def do_HEAD(self) -> None:
        self._send(body=False)

    def _send(self, body: bool) -> None:
        root = Path(self.directory)
        path = root / unquote(urlsplit(self.path).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.resolve().is_relative_to(root.resolve()) or not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path.suffix) or self.guess_type(str(path)))
        if (
            GZIP_LEVEL
            and path.suffix in COMPRESSED
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            data = gzip.compress(data, GZIP_LEVEL, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` on 127.0.0.1 (a free port), gzipped, while the block runs."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _GzipHandler(*a, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str, workdir: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, performance only) as its JSON report."""
    out = workdir / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _value(report: dict[str, Any], audit: str) -> float:
    return float(report["audits"][audit]["numericValue"])


def _shown(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value / 1000:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:.3f}"


def summary(reports: list[dict[str, Any]]) -> str:
    """Median score and metrics of several runs of one page, each run's score after."""
    scores = [round(100 * float(r["categories"]["performance"]["score"])) for r in reports]
    parts = [f"performance {statistics.median(scores):.0f} (runs: {', '.join(map(str, scores))})"]
    for label, audit, unit in METRICS:
        parts.append(
            f"{label} {_shown(statistics.median(_value(r, audit) for r in reports), unit)}"
        )
    return " | ".join(parts)


def resources(report: dict[str, Any], base: str) -> list[str]:
    """The site's files the page fetched while Lighthouse watched it load."""
    items = report["audits"]["network-requests"]["details"]["items"]
    paths = [unquote(urlsplit(str(item["url"])).path) for item in items]
    return [
        path.lstrip("/")
        for path, item in zip(paths, items, strict=True)
        if str(item["url"]).startswith(base)
    ]


def gzipped(site: Path, rel: str) -> int:
    """Bytes of one file of the site as a server gzips it (Lighthouse's own transfer sizes
    leave out what a worker fetched)."""
    path = site / rel
    if path.is_dir() or not rel:
        path = path / "index.html"
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


_LOADED = re.compile(
    r'<script[^>]*\ssrc="([^"]+)"|<link[^>]*\srel="(?:stylesheet|icon)"[^>]*\shref="([^"]+)"'
    r'|<img(?![^>]*loading="lazy")[^>]*\ssrc="([^"]+)"'
)


def static_weight(site: Path, page: Path) -> int:
    """Gzipped bytes of a page plus what its HTML names for loading at once (scripts,
    stylesheets, icon, eager images), read from the files, without a browser."""
    html = page.read_text(encoding="utf-8")
    total = gzipped(site, page.relative_to(site).as_posix())
    for match in _LOADED.finditer(html):
        ref = next(group for group in match.groups() if group)
        if "//" in ref or ref.startswith("data:"):
            continue
        target = (page.parent / unquote(ref.split("?")[0])).resolve()
        if target.is_file():
            total += gzipped(site, target.relative_to(site.resolve()).as_posix())
    return total


def every_lesson(site: Path) -> str:
    """Median and largest static weight over the site's lesson pages."""
    lessons = [p for p in sorted(site.glob("*/*.html")) if "data-ml-lesson=" in p.read_text()]
    if not lessons:
        return "no lesson pages found"
    weights = sorted((static_weight(site, p), p.relative_to(site).as_posix()) for p in lessons)
    median = statistics.median(w for w, _ in weights)
    heaviest = ", ".join(f"{rel} {w / 1000:.1f} kB" for w, rel in weights[-3:][::-1])
    return f"{len(weights)} lesson pages, median {median / 1000:.1f} kB; heaviest: {heaviest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder")
    parser.add_argument("--build", action="store_true", help="build the shipped course first")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lesson", default=LESSON, help="lesson page, relative to the site")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    args = parser.parse_args()
    global GZIP_LEVEL
    GZIP_LEVEL = 0 if args.no_gzip else GZIP_LEVEL
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `npm ci` first")
    if args.build or not (args.site / "index.html").exists():
        print("building the shipped course ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "generator", "-q", "build", "--no-handouts", "-C", str(ROOT)]
            + ["-d", str(args.site)],
            check=True,
        )
    if not (args.site / args.lesson).is_file():
        sys.exit(f"{args.site / args.lesson}: no such page (choose one with --lesson)")
    print(f"Lighthouse {_version()}, mobile preset, {args.runs} runs per page, site {args.site}")
    with serve(args.site.resolve()) as base, tempfile.TemporaryDirectory() as tmp:
        for name, rel in (("lesson", args.lesson), ("home", "")):
            reports = [lighthouse(base + rel, Path(tmp)) for _ in range(args.runs)]
            print(f"  {name:<7} {rel or 'index.html'}: {summary(reports)}", flush=True)
            if name == "lesson":
                fetched = resources(reports[-1], base)
        sizes = sorted(((gzipped(args.site, rel), rel) for rel in fetched), reverse=True)
        total = sum(size for size, _ in sizes)
        print(f"\n  lesson page at load: {len(sizes)} requests, {total / 1000:.1f} kB gzipped")
        for size, rel in sizes:
            print(f"    {size / 1000:7.1f} kB  {rel}")
        print(f"\n  from the HTML alone: {every_lesson(args.site)}")


def _version() -> str:
    node = shutil.which("node") or "node"
    out = subprocess.run(
        [node, str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


if __name__ == "__main__":
    main()

"""HTML to PDF with WeasyPrint: cached by content hash, rendered in parallel processes.

A PDF's cache key hashes its finished HTML (which holds every model field, course field and
template it shows), the stylesheet (with the paper size), its page limit and the generator and
WeasyPrint versions. A rebuild with unchanged inputs therefore renders nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import io
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib import metadata
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import BuildError, SystemDependencyError
from generator.progress import Progress

log = logging.getLogger(__name__)
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
KEEP_DAYS = 30  # unused cache entries older than this are removed


@dataclass(frozen=True)
class Job:
    """One PDF to make. `variants` are alternative HTML, fullest first: the first one that
    fits in `max_pages` is printed (or the last one, if none fits)."""

    name: str
    variants: tuple[str, ...]
    max_pages: int | None = None


@dataclass(frozen=True)
class Rendered:
    file: Path
    pages: int
    variant: int
    size: int
    cached: bool


class Cache:
    """Finished PDFs by key, each with a small JSON note of its page count and variant."""

    def __init__(self, folder: Path, css: str) -> None:
        self.folder = folder
        self.css = css
        self._salt = json.dumps([__version__, _weasyprint_version(), css])

    def key(self, job: Job) -> str:
        digest = hashlib.sha256(self._salt.encode())
        digest.update(json.dumps([job.max_pages, *job.variants]).encode())
        return digest.hexdigest()[:32]

    def get(self, job: Job) -> Rendered | None:
        pdf, note = self._paths(self.key(job))
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            size = pdf.stat().st_size
        except (OSError, ValueError):
            return None
        os.utime(note)  # recently used: keep it
        return Rendered(pdf, int(data["pages"]), int(data["variant"]), size, True)

    def target(self, job: Job) -> Path:
        return self._paths(self.key(job))[0]

    def store(self, job: Job, pages: int, variant: int) -> Rendered:
        pdf, note = self._paths(self.key(job))
        tmp = note.with_name(f"{note.name}.{os.getpid()}.tmp")  # builds may run side by side
        tmp.write_text(
            json.dumps({"name": job.name, "pages": pages, "variant": variant}), encoding="utf-8"
        )
        os.replace(tmp, note)  # the note is written last: a note means a complete PDF
        return Rendered(pdf, pages, variant, pdf.stat().st_size, False)

    def prune(self, keep_days: int = KEEP_DAYS) -> None:
        """Drop entries nobody used for `keep_days`, so edits do not pile up forever."""
        cutoff = time.time() - keep_days * 86400
        for path in [*self.folder.glob("*.json"), *self.folder.glob("*.tmp")]:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    if path.suffix == ".json":
                        path.with_suffix(".pdf").unlink(missing_ok=True)

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.pdf", self.folder / f"{key}.json"


class PdfRenderer:
    """Renders jobs, reusing one process pool across calls; use as a context manager."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.rendered = 0
        self.cached = 0
        self._pool: Executor | None = None

    def __enter__(self) -> PdfRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def render(self, jobs: list[Job], label: str = "Rendering PDFs") -> dict[str, Rendered]:
        """Every job's PDF, from the cache or freshly rendered (in parallel); `label` names
        them in the progress line."""
        done: dict[str, Rendered] = {}
        todo: list[Job] = []
        for job in jobs:
            hit = self.cache.get(job)
            if hit is None:
                todo.append(job)
            else:
                done[job.name] = hit
        self.cached += len(done)
        if not todo:
            return done
        check_system()
        self.cache.folder.mkdir(parents=True, exist_ok=True)
        # Big documents first, so no core is left alone with the longest one at the end.
        todo.sort(key=lambda j: -len(j.variants[0]))
        with Progress(len(todo), label) as progress:
            for job, (pages, variant) in self._run(todo):
                done[job.name] = self.cache.store(job, pages, variant)
                self.rendered += 1
                progress.advance()
        return done

    def _run(self, todo: list[Job]) -> Iterator[tuple[Job, tuple[int, int]]]:
        if len(todo) == 1 or (os.cpu_count() or 1) == 1:
            for job in todo:  # not worth starting processes for
                yield (
                    job,
                    render_job(
                        job.variants, self.cache.css, job.max_pages, str(self.cache.target(job))
                    ),
                )
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=min(os.cpu_count() or 1, len(todo)),
                mp_context=_context(),
                initializer=_die_with_parent,
            )
        futures: dict[Future[tuple[int, int]], Job] = {
            self._pool.submit(
                render_job, job.variants, self.cache.css, job.max_pages, str(self.cache.target(job))
            ): job
            for job in todo
        }
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BrokenProcessPool:
            raise BuildError(
                "a PDF rendering process stopped unexpectedly (out of memory?); "
                "build again, or with --no-handouts"
            ) from None


def _die_with_parent() -> None:
    """A worker ends when the build process ends, even by SIGKILL, instead of lingering."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


_PR_SET_PDEATHSIG = 1


def _context() -> BaseContext:
    """'fork' starts workers fastest and needs no importable main script; with other threads
    running (a file watcher, a browser) forking can deadlock, so then 'spawn'."""
    if "fork" in get_all_start_methods() and threading.active_count() == 1:
        return get_context("fork")
    return get_context("spawn")


def render_job(
    variants: tuple[str, ...], css: str, max_pages: int | None, target: str
) -> tuple[int, int]:
    """Render the first variant that fits (in a worker process); returns (pages, variant)."""
    weasyprint = import_weasyprint()
    stylesheet = weasyprint.CSS(string=css)
    seen: set[str] = set()
    fetcher = _offline_fetcher(weasyprint)
    document = None
    chosen = 0
    for index, html in enumerate(variants):
        if html in seen:
            continue
        seen.add(html)
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=[stylesheet]
        )
        chosen = index
        if max_pages is None or len(document.pages) <= max_pages:
            break
    assert document is not None
    tmp = f"{target}.{os.getpid()}.tmp"
    document.write_pdf(tmp)
    os.replace(tmp, target)
    return len(document.pages), chosen


def _offline_fetcher(weasyprint: Any) -> Any:
    """Only embedded data (the QR codes) is fetched: a build never reaches the network."""
    if hasattr(weasyprint.urls, "URLFetcher"):  # WeasyPrint >= 66
        return weasyprint.urls.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint
        if not url.startswith("data:"):
            raise ValueError(f"handouts only embed data: URLs, not {url[:80]}")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def import_weasyprint() -> Any:
    """WeasyPrint, or a one-line error naming the Debian packages to install."""
    # WeasyPrint prints installation advice on stdout when a library is missing; ours is shorter.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            import weasyprint
        except OSError as exc:
            raise SystemDependencyError(
                f"PDF handouts need system libraries that are missing ({_first_line(exc)}). "
                f"On Debian/Ubuntu: sudo apt-get install {DEBIAN_PACKAGES} "
                f"(or build with --no-handouts)"
            ) from None
    return weasyprint


def check_system() -> None:
    """Fail early, in this process, if WeasyPrint cannot load its libraries."""
    import_weasyprint()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__


def _weasyprint_version() -> str:
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return "unknown"

"""One fixed build date per source tree, so two builds of the same input are identical.

The site engine stamps the build date into sitemap.xml (and its gzip header). It honours
`SOURCE_DATE_EPOCH`; when that is not set we pin it to the time the course source last
changed: the last git commit that touched content/, quizzes/ or the site config, or else
the newest source file's modification time. Either way the date no longer depends on the
wall clock, only on the input.
"""

from __future__ import annotations

import os
import subprocess
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SOURCES = ("content", "quizzes", "mkdocs.yml", "microlearn.yaml")


def source_date_epoch(root: Path) -> int:
    """Seconds since 1970 of the last change to the course source in `root`."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return int(env)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *SOURCES],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
        if out.strip().isdigit():
            return int(out.strip())
    except (OSError, subprocess.SubprocessError):
        pass  # no git, or not a repository: fall back to file times
    times = [p.stat().st_mtime for name in SOURCES for p in _files(root / name)]
    return int(max(times, default=0))


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from (p for p in path.rglob("*") if p.is_file())


@contextmanager
def pinned_build_date(root: Path) -> Iterator[int]:
    """Set SOURCE_DATE_EPOCH for the duration of the block (restored afterwards)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = source_date_epoch(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def zip_time() -> tuple[int, int, int, int, int, int]:
    """The date of every zip member: SOURCE_DATE_EPOCH (zip dates start in 1980), so a
    package built twice from the same source is byte for byte the same."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0), 315532800)
    return time.gmtime(epoch)[:6]


def zip_entry(name: str, *, stored: bool = False) -> zipfile.ZipInfo:
    """A zip member dated by `zip_time`, deflated unless `stored`."""
    info = zipfile.ZipInfo(name, zip_time())
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info

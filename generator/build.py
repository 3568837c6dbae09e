"""The build pipeline, top to bottom: load -> validate -> render -> write -> engine -> outputs.

Nothing touches the published `site/` until the very end, when the finished staging site is
swapped in. Any failure before that leaves the previous `site/` exactly as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator import engine, lint, report
from generator.errors import BuildError, ContentError, Problem
from generator.handouts import HandoutOutput
from generator.lms import LmsOutput
from generator.loader import load
from generator.models import Curriculum
from generator.render import SiteExtras, render_site
from generator.reproducible import pinned_build_date
from generator.validate import assemble, check
from generator.write import write_staging

log = logging.getLogger(__name__)
SCRATCH = ".microlearn"


@dataclass
class BuildResult:
    site_dir: Path
    curriculum: Curriculum
    warnings: list[Problem] = field(default_factory=list)
    """Warnings and information notes (errors stop the build)."""
    engine_warnings: list[str] = field(default_factory=list)
    pages: int = 0


def validate(root: Path, *, strict: bool = False) -> tuple[Curriculum | None, list[Problem]]:
    """Load and check the source. Returns the curriculum (None if there are errors) and
    every problem found; with `strict`, warnings count as errors."""
    source = load(root)
    problems = source.problems + check(source)
    if not any(p.severity == "error" for p in problems) and source.course is not None:
        cur = assemble(source)
        problems += lint.run(cur, source)
    else:
        cur = None
    failing = [p for p in problems if p.severity == "error" or (strict and p.severity == "warning")]
    return (None if failing or cur is None else cur), sorted(problems)


def build(root: Path, *, site_dir: Path | None = None, strict: bool = False,
          handouts: bool = True, paper: str | None = None,
          site_url: str | None = None) -> BuildResult:
    """Build the course in `root` into `site_dir` (default `root/site`). `site_url` is where
    the site will be published (handouts link back to it with QR codes)."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    cur, problems = validate(root, strict=strict)                       # load + validate
    if cur is None:  # every problem, so warnings are not held back until the errors are fixed
        raise ContentError(report.promote(problems, strict))

    extras = SiteExtras()
    outputs = _outputs(handouts, site_url)
    for output in outputs:                                              # plan downloads
        output.plan(cur, extras, root=root, paper=paper)
    site = render_site(cur, extras)                                     # render
    with _scratch(root) as scratch:  # one per build: a preview and a build may run together
        staging = write_staging(root, scratch, site, cur.course)        # write
        with pinned_build_date(root):  # dates in the output follow the input, not the clock
            engine_warnings = engine.build_site(staging.config, staging.site)  # engine build
            for output in outputs:                                      # handouts, exports
                output.produce(cur, staging.site, root=root)
        swap_in(staging.site, site_dir)                                 # publish
    log.info("built %d pages into %s", len(site.pages), site_dir)
    return BuildResult(site_dir, cur, [p for p in problems if p.severity != "error"],
                       engine_warnings, len(site.pages))


class Output(Protocol):
    """An extra product of the build (handouts, exports): planned before the pages are
    rendered, so pages can link to it, and produced into the staging site afterwards."""

    def plan(self, cur: Curriculum, extras: SiteExtras, *, root: Path,
             paper: str | None) -> None: ...

    def produce(self, cur: Curriculum, site: Path, *, root: Path) -> None: ...


def _outputs(handouts: bool, site_url: str | None = None) -> list[Output]:
    """Handouts first: the LMS package includes the learner PDFs."""
    return [*([HandoutOutput(site_url=site_url)] if handouts else []), LmsOutput()]


@contextlib.contextmanager
def _scratch(root: Path) -> Iterator[Path]:
    """A fresh staging folder inside the project (same file system as site/), removed after."""
    parent = root / SCRATCH
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=parent))
    try:
        yield folder / "out"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `new_site` with renames, so readers never see half a site."""
    if not (new_site / "index.html").is_file():
        raise BuildError(f"the engine produced no index.html in {new_site}")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    incoming = site_dir.with_name(site_dir.name + ".incoming")
    old = site_dir.with_name(site_dir.name + ".old")
    for leftover in (incoming, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.move(str(new_site), incoming)  # same file system as site_dir from here on
    if site_dir.exists():
        os.replace(site_dir, old)
    try:
        os.replace(incoming, site_dir)
    except OSError:
        if old.exists():
            os.replace(old, site_dir)
        raise
    if old.exists():
        shutil.rmtree(old)

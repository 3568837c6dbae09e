"""The build pipeline, top to bottom: load -> validate -> render -> write -> engine -> outputs.

Nothing touches the published `site/` until the very end, when the finished staging site is
swapped in. Any failure before that leaves the previous `site/` exactly as it was. Trainer
material (answer keys, facilitator guide) is staged and swapped in the same way, into its own
folder next to the site (`site-trainer/`), so publishing `site/` never publishes answers.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import engine, lint, outdir, report
from generator.apart import Later, apart
from generator.config import load_config
from generator.engine.userconfig import read_user_config
from generator.engine.write import Staging, add_files, write_staging
from generator.errors import BuildError, ContentError, Problem
from generator.loader import load
from generator.memory import collections_paused, release_memory
from generator.models import Curriculum
from generator.outputs import exports
from generator.outputs.base import Output, SiteExtras
from generator.outputs.handouts import HandoutOutput
from generator.outputs.lms import LmsOutput, package_path
from generator.render import render_site
from generator.reproducible import pinned_build_date
from generator.validate import assemble, check

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
    trainer_dir: Path | None = None
    """The trainer folder, when this build wrote one."""


def validate(root: Path, *, strict: bool = False) -> tuple[Curriculum | None, list[Problem]]:
    """Load and check the source. Returns the curriculum (None if there are errors) and
    every problem found; with `strict`, warnings count as errors."""
    with collections_paused():  # what is loaded stays alive: no garbage to look for
        source = load(root)
        problems = source.problems + check(source) + read_user_config(root)[1]
        cur = None
        if not any(p.severity == "error" for p in problems) and source.course is not None:
            cur = assemble(source)
            problems += lint.run(cur, source)
        elif source.course is not None:  # warnings come with the errors, not after their fix
            problems += lint.run(assemble(source, partial=True), source, whole_course=False)
    failing = [p for p in problems if p.severity == "error" or (strict and p.severity == "warning")]
    return (None if failing or cur is None else cur), sorted(problems)


def build(
    root: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    handouts: bool = True,
    paper: str | None = None,
    site_url: str | None = None,
) -> BuildResult:
    """Build the course in `root` into `site_dir` (default `root/site`). `site_url` is where
    the site will be published (handouts link back to it with QR codes)."""
    root = root.resolve()
    scratch = root / SCRATCH
    site_dir = outdir.claim(root, site_dir or root / "site", scratch=scratch)  # ours?
    config = load_config(root)[0]
    trainer_dir = None  # trainer files get their own folder (not for previews)
    if handouts and not config.trainer_in_site and scratch not in site_dir.parents:
        trainer_dir = outdir.claim(root, trainer_folder(site_dir), scratch=scratch)
    handout = HandoutOutput(site_url=site_url, trainer_in_site=config.trainer_in_site)
    lms = LmsOutput(strict=strict)  # after the handouts: packages carry the PDFs
    outputs: list[Output] = [*([handout] if handouts else []), lms]
    with _scratch(root) as work:  # one per build: a preview and a build may run together

        def prepare(keep: Callable[[tuple[Curriculum, list[Output]]], None]) -> _Prepared:
            return _prepare(root, work, outputs, keep, strict=strict, paper=paper)

        if _large(root):  # its memory is gone when the engine starts
            ready, later = apart(prepare, work.parent / "prepare")
        else:
            later = Later()
            ready = prepare(later.keep)
            release_memory()  # the pages are on disk now; the engine needs the memory more
        staging, pages, problems = ready.staging, ready.pages, ready.problems
        with pinned_build_date(root):  # dates in the output follow the input, not the clock
            engine_warnings = engine.build_site(
                staging.config, staging.site, staging.origins
            )  # engine build
            if strict and engine_warnings:
                raise BuildError(
                    "the site engine warned (an error under --strict): "
                    + "; ".join(engine_warnings)
                )
            release_memory()  # the engine's pages and structures, for the outputs
            cur, outputs = later.get()
            handout = next((o for o in outputs if isinstance(o, HandoutOutput)), handout)
            for output in outputs:  # handouts, exports
                output.produce(cur, staging.site, root=root)
            trainer = staging.root / "trainer"
            wrote_trainer = trainer_dir is not None and handout.produce_trainer(cur, trainer)
            if wrote_trainer:  # question banks hold every key: trainers only
                exports.write_all(cur, trainer / exports.EXPORTS)
        publish(
            staging.site,
            site_dir,
            scratch=scratch,
            trainer=(trainer, trainer_dir) if wrote_trainer and trainer_dir else None,
        )  # swap in
    log.info("built %d pages into %s", pages, site_dir)
    return BuildResult(
        site_dir,
        cur,
        [p for p in problems if p.severity != "error"],
        engine_warnings,
        pages,
        trainer_dir if wrote_trainer else None,
    )


def build_package(root: Path, kind: str, out_dir: Path) -> Path:
    """Build the course (handouts included) into a scratch folder and copy its LMS package
    `kind` into `out_dir`; returns the file written. The published site/ is not touched."""
    parent = root.resolve() / SCRATCH / outdir.EXPORT
    parent.mkdir(parents=True, exist_ok=True)
    outdir.clean_stale_staging(parent, prefix="export-")
    folder = Path(tempfile.mkdtemp(prefix=f"export-{os.getpid()}-", dir=parent))
    try:
        result = build(root, site_dir=folder / "site")
        source = result.site_dir / package_path(result.curriculum, kind)
        if not source.is_file():  # left out: the course is too big for this format
            raise BuildError(
                "; ".join(w.message for w in result.warnings if w.message.startswith(source.name))
                or f"the build wrote no {source.name}"
            )
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / source.name
        shutil.copyfile(source, target)
        return target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


APART_FILES = 200
"""Courses with this many lesson and quiz files or more are loaded, checked and rendered in
a child process (`apart.py`): the engine then starts in a process without that data, which
keeps the build's peak memory close to the engine's own. A small course gains nothing, and
in one process the caller's log handlers see every record."""


def _large(root: Path) -> bool:
    files = 0
    for pattern in ("content/*/*.yaml", "quizzes/*.yaml"):
        files += sum(1 for _ in root.glob(pattern))
    return files >= APART_FILES


@dataclass
class _Prepared:
    """What the engine step needs from the prepared course (small, read at once)."""

    staging: Staging
    pages: int
    problems: list[Problem]


def _prepare(
    root: Path,
    work: Path,
    outputs: list[Output],
    keep: Callable[[tuple[Curriculum, list[Output]]], None],
    *,
    strict: bool,
    paper: str | None,
) -> _Prepared:
    """Load, validate, plan the outputs, render and write the engine's input into `work`.
    Returns what the engine needs; the curriculum and the planned outputs, which the later
    steps need, go to `keep` as soon as they are final (rendering only reads them)."""
    cur, problems = validate(root, strict=strict)  # load + validate
    if cur is None:  # every problem, so warnings are not held back until the errors are fixed
        raise ContentError(report.promote(problems, strict))
    extras = SiteExtras()
    for output in outputs:  # plan downloads
        output.plan(cur, extras, root=root, paper=paper)
    problems += [n for o in outputs if isinstance(o, HandoutOutput) for n in o.notes(cur)]
    problems += [n for o in outputs if isinstance(o, LmsOutput) for n in o.notes()]
    cur.lesson_docs = {}  # parsed files with the place of every value: only notes needed them
    keep((cur, outputs))
    release_memory(collect=False)  # for the pages; the parsed files hold no cycles
    with collections_paused():  # the pages stay alive until written
        site = render_site(cur, extras)  # render
    staging = write_staging(root, work, site, cur.course)  # write
    add_files(staging, cur.media)  # images and audio the pages use
    return _Prepared(staging, len(site.pages), problems)


def trainer_folder(site_dir: Path) -> Path:
    """Where trainer files go: next to the site, e.g. `site/` -> `site-trainer/`."""
    return site_dir.with_name(site_dir.name + "-trainer")


@contextlib.contextmanager
def _scratch(root: Path) -> Iterator[Path]:
    """A fresh staging folder inside the project (same file system as site/), removed after.
    Its name carries the process id, so a later build can tell a killed build's leftovers."""
    parent = root / SCRATCH
    parent.mkdir(parents=True, exist_ok=True)
    outdir.clean_stale_staging(parent)
    folder = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=parent))
    try:
        yield folder / "out"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(
    new_site: Path,
    site_dir: Path,
    *,
    scratch: Path,
    trainer: tuple[Path, Path] | None = None,
) -> None:
    """Swap the finished staging site in, under the project lock so builds queue.
    `trainer` is (staged trainer folder, its target), swapped in the same way."""
    if not (new_site / "index.html").is_file():
        raise BuildError(f"the engine produced no index.html in {new_site}")
    pairs = [(new_site, site_dir), *([trainer] if trainer else [])]
    for new, target in pairs:
        outdir.mark(new)
        target.parent.mkdir(parents=True, exist_ok=True)
    with outdir.project_lock(scratch):
        for new, target in pairs:
            outdir.recover(target)
            outdir.swap_in(new, target)

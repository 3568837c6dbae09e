"""LMS packages for upload to any LMS (`KINDS`: SCORM 1.2, SCORM 2004, cmi5).

The package is the learner site (trainer files left out) plus a launch page, `scorm.html`,
that holds the LMS session and shows the course in a frame. Quiz results travel from the
pages to the LMS through `assets/microlearn/lms.js`: the final assessment's result in the
current LMS attempt sets the score and status (passed or failed); without one, the course is
completed once every lesson was visited. Quiz results, lessons visited and the bookmark are
kept in the LMS attempt, so progress follows the learner between browsers; a course whose
progress could overflow `cmi.suspend_data` stops the build (`suspend.py`). Built after the
engine, from the staging site.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import jinja2

from generator import urls
from generator.engine.files import unused_by_learners
from generator.errors import BuildError, Problem
from generator.models import Curriculum, LessonRef, Module, Quiz
from generator.outputs.base import SiteExtras
from generator.outputs.lms import pack, suspend
from generator.quizview import quiz_version
from generator.reproducible import zip_entry, zip_time

log = logging.getLogger(__name__)
COURSE_FILE = "content/course.yaml"
RUNTIME_DIR = "assets/microlearn/"
LAUNCH = "scorm.html"
# zlib's deflate level for archives too large for plain zip headers (`zipfile` writes them;
# the others are packed by `pack`): 3 is twice as fast as the default 6, for an archive
# about a tenth larger.
ZIP64_LEVEL = 3
PACKED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz", ".zip", ".pdf")
TRAINER_ONLY = ("handouts/trainer/", urls.html_path(urls.TRAINER))


def package_path(cur: Curriculum, kind: str = "scorm12") -> str:
    """Site-relative path of one package (`KINDS` names them)."""
    return f"downloads/{KINDS[kind].file_name(cur)}"


class PackageKind(Protocol):
    """One LMS package format: what it adds to the learner site's files."""

    name: str
    summary: str

    def check(self, cur: Curriculum) -> None:
        """Refuse, before anything is built, a course this format cannot carry."""

    def file_name(self, cur: Curriculum) -> str: ...

    def generated(self, cur: Curriculum, files: list[str]) -> dict[str, str | bytes]:
        """Files the package adds (launch pages, manifest...), given the site's files."""
        ...


class Scorm12:
    """SCORM 1.2: one SCO for the whole course, `scorm.html` holding the LMS session."""

    name = "scorm12"
    summary = "SCORM 1.2 package, one SCO for the course"

    def check(self, cur: Curriculum) -> None:
        suspend.check_fits(len(course_quizzes(cur)), len(cur.ordered_lessons()))

    def file_name(self, cur: Curriculum) -> str:
        return f"{cur.course.id}-scorm12.zip"

    def generated(self, cur: Curriculum, files: list[str]) -> dict[str, str | bytes]:
        env = environment("generator.outputs.lms")
        final = cur.final_quiz()
        quizzes = course_quizzes(cur)
        launch = launch_page(cur, quizzes, cur.ordered_lessons(), final=final is not None)
        manifest = env.get_template("imsmanifest.xml.j2").render(
            course=cur.course, final=final, launch=LAUNCH, files=sorted([*files, LAUNCH])
        )
        return {LAUNCH: launch, "imsmanifest.xml": manifest}


SCRIPTS = ("store.js", "lms-core.js", "lms-bridge.js", "lms.js")
"""The runtime a launch page loads, from assets/microlearn/ (lms.js, the bridge, last)."""


def launch_page(
    cur: Curriculum,
    quizzes: Sequence[Quiz],
    lessons: Sequence[LessonRef],
    *,
    final: bool,
    title: str = "",
    sco: Mapping[str, object] | None = None,
    scripts: Sequence[str] = SCRIPTS,
) -> str:
    """A launch page: the LMS session's holder, showing the course in a frame. It counts
    `lessons` and `quizzes` (the final last, when `final`); `sco` configures a dialect."""
    return (
        environment("generator.outputs.lms")
        .get_template("scorm.html.j2")
        .render(
            course=cur.course,
            title=title or cur.course.title,
            final=cur.final_quiz() if final else None,
            final_page=urls.html_path(urls.ASSESSMENT) if final else "",
            quiz_ids=[q.id for q in quizzes],
            versions=[quiz_version(q) for q in quizzes],
            lesson_pages=[
                urls.html_path(urls.lesson_page(r.module.id, r.lesson.id)) for r in lessons
            ],
            sco=sco,
            scripts=scripts,
        )
    )


class LmsOutput:
    """Writes the LMS packages (`KINDS`) into the finished site under downloads/."""

    def __init__(self, kinds: Sequence[str] | None = None, *, strict: bool = False) -> None:
        self.kinds = [KINDS[k] for k in (kinds if kinds is not None else KINDS)]
        self.strict = strict
        self.skipped: list[tuple[str, str]] = []
        """(file name, why): packages left out because they cannot carry the course."""

    def plan(
        self, cur: Curriculum, extras: SiteExtras, *, root: Path, paper: str | None = None
    ) -> None:
        """Leave out, before anything is built, a package that could not carry the course:
        the site and the other packages are still built, with a warning (an error under
        --strict), since a course too big for one LMS format may well never go to one."""
        carried = []
        for kind in self.kinds:
            try:
                kind.check(cur)
            except BuildError as exc:
                if self.strict:
                    raise
                self.skipped.append((kind.file_name(cur), str(exc)))
            else:
                carried.append(kind)
        self.kinds = carried

    def notes(self) -> list[Problem]:
        """A warning per package left out, located at the course file."""
        return [
            Problem(COURSE_FILE, 1, 1, f"{name} not written: {why}", "warning", "lms-package")
            for name, why in self.skipped
        ]

    def produce(self, cur: Curriculum, site_dir: Path, *, root: Path) -> None:
        started = time.perf_counter()
        files = site_files(site_dir)
        archives = [
            (site_dir / package_path(cur, kind.name), kind.generated(cur, files))
            for kind in self.kinds
        ]
        write_zips(site_dir, files, archives)
        for target, generated in archives:
            log.info(
                "LMS package %s: %d files, %.1f MB",
                target.name,
                len(files) + len(generated),
                target.stat().st_size / 1e6,
            )
        log.info("LMS packages written in %.1f s", time.perf_counter() - started)


def site_files(site_dir: Path) -> list[str]:
    """The learner site's files every package carries: no trainer files, no downloads
    folder, no source maps or foreign stemmers (`unused_by_learners`)."""
    unused = unused_by_learners(site_dir)
    return sorted(
        rel
        for rel in (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
        if not _excluded(rel) and not unused(rel)
    )


def write_zips(
    site_dir: Path,
    files: list[str],
    archives: Sequence[tuple[Path, dict[str, str | bytes]]],
) -> None:
    """Write each archive: its generated files, then the site's `files` shared by all. Each
    shared file is read and compressed once, and its bytes go into every archive."""
    stamp = zip_time()
    sizes = [(site_dir / rel).stat().st_size for rel in files]
    if not all(pack.fits(sizes + [len(t) * 4 for t in gen.values()]) for _, gen in archives):
        _write_zips_zip64(site_dir, files, archives)
        return
    with contextlib.ExitStack() as stack:
        writers = []
        for target, generated in archives:
            target.parent.mkdir(parents=True, exist_ok=True)
            writer = pack.ZipWriter(stack.enter_context(target.open("wb")), stamp)
            for name, text in sorted(generated.items()):
                writer.add(_packed(name, text.encode() if isinstance(text, str) else text))
            writers.append(writer)
        for rel in files:
            shared = _packed(rel, (site_dir / rel).read_bytes())
            for writer in writers:
                writer.add(shared)
        for writer in writers:
            writer.close()


def _stored(name: str) -> bool:
    return name.lower().endswith(PACKED)  # deflating them again costs time and saves nothing


def _packed(name: str, data: bytes) -> pack.Entry:
    return pack.entry(name, data, stored=_stored(name))


def _zip_entry(name: str) -> zipfile.ZipInfo:
    return zip_entry(name, stored=_stored(name))


def _write_zips_zip64(
    site_dir: Path,
    files: list[str],
    archives: Sequence[tuple[Path, dict[str, str | bytes]]],
) -> None:
    """Archives too large for plain zip headers: zipfile adds the zip64 records."""
    for target, generated in archives:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w") as zf:
            for name, text in sorted(generated.items()):
                zf.writestr(_zip_entry(name), text, compresslevel=ZIP64_LEVEL)
            for rel in files:
                zf.writestr(
                    _zip_entry(rel), (site_dir / rel).read_bytes(), compresslevel=ZIP64_LEVEL
                )


@dataclass(frozen=True)
class ModulePart:
    """A module as a package counts it: its lessons in course order and its lesson quizzes
    (never the final assessment). A SCORM 2004 SCO or a cmi5 AU tracks one."""

    module: Module
    lessons: list[LessonRef]
    quizzes: list[Quiz]


def module_parts(cur: Curriculum) -> list[ModulePart]:
    """Every module's part, in course order."""
    lessons = cur.ordered_lessons()
    parts = []
    for module in cur.modules:
        refs = [r for r in lessons if r.module.id == module.id]
        ids = dict.fromkeys(r.lesson.quiz for r in refs if r.lesson.quiz)
        final = cur.course.final_assessment
        quizzes = [cur.quizzes[i] for i in ids if i in cur.quizzes and i != final]
        parts.append(ModulePart(module, refs, quizzes))
    return parts


def runtime_files(package: str, names: Sequence[str]) -> dict[str, str | bytes]:
    """A format's own runtime scripts (its `runtime/` folder), as the package holds them."""
    folder = resources.files(package) / "runtime"
    return {f"{RUNTIME_DIR}{n}": (folder / n).read_text(encoding="utf-8") for n in names}


def course_quizzes(cur: Curriculum) -> list[Quiz]:
    """The quizzes in the order the package numbers them: lesson quizzes, then the final."""
    ids = [r.lesson.quiz for r in cur.ordered_lessons() if r.lesson.quiz]
    final = cur.final_quiz()
    ordered = dict.fromkeys([*ids, *([final.id] if final else [])])
    return [cur.quizzes[i] for i in ordered if i in cur.quizzes]


def _excluded(rel: str) -> bool:
    return rel.startswith("downloads/") or any(rel == t or rel.startswith(t) for t in TRAINER_ONLY)


@functools.cache
def environment(package: str) -> jinja2.Environment:
    """A package format's own templates (launch pages, manifest), escaped for HTML and XML;
    one per package, so a template is compiled once however many SCOs use it."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _kinds() -> dict[str, PackageKind]:
    from generator.outputs.lms.cmi5 import Cmi5  # they build on this module
    from generator.outputs.lms.scorm2004 import Scorm2004

    return {k.name: k for k in (Scorm12(), Scorm2004(), Cmi5())}


KINDS: dict[str, PackageKind] = _kinds()
"""Every package format, by name; a build writes all of them into `downloads/`."""

"""LMS package: the built site as a SCORM 1.2 package, for upload to any LMS.

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

import logging
import os
import time
import zipfile
from pathlib import Path

import jinja2

from generator import urls
from generator.engine.files import unused_by_learners
from generator.models import Curriculum, Quiz
from generator.outputs.base import SiteExtras
from generator.outputs.lms import suspend
from generator.quizview import quiz_version

log = logging.getLogger(__name__)
LAUNCH = "scorm.html"
# Deflate level: 3 packs a large course's pages twice as fast as the default 6, for a
# package about a tenth larger (1,000 lessons: 1.0 s instead of 2.3 s, 25.7 MB vs 23.5 MB).
LEVEL = 3
PACKED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz", ".zip", ".pdf")
TRAINER_ONLY = ("handouts/trainer/", urls.html_path(urls.TRAINER))


def package_path(cur: Curriculum) -> str:
    """Site-relative path of the package."""
    return f"downloads/{cur.course.id}-scorm12.zip"


class LmsOutput:
    """Writes the SCORM 1.2 package into the finished site under downloads/."""

    def plan(
        self, cur: Curriculum, extras: SiteExtras, *, root: Path, paper: str | None = None
    ) -> None:
        """Refuse, before anything is built, a course whose progress would not fit the LMS."""
        suspend.check_fits(len(course_quizzes(cur)), len(cur.ordered_lessons()))

    def produce(self, cur: Curriculum, site_dir: Path, *, root: Path) -> None:
        started = time.perf_counter()
        target = site_dir / package_path(cur)
        unused = unused_by_learners(site_dir)  # lean: no source maps, no foreign stemmers
        files = sorted(
            rel
            for rel in (
                p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()
            )
            if not _excluded(rel) and not unused(rel)
        )
        env = _environment()
        final = cur.final_quiz()
        quizzes = course_quizzes(cur)
        generated = {
            LAUNCH: env.get_template("scorm.html.j2").render(
                course=cur.course,
                final=final,
                final_page=urls.html_path(urls.ASSESSMENT) if final else "",
                quiz_ids=[q.id for q in quizzes],
                versions=[quiz_version(q) for q in quizzes],
                lesson_pages=[
                    urls.html_path(urls.lesson_page(r.module.id, r.lesson.id))
                    for r in cur.ordered_lessons()
                ],
            ),
        }
        generated["imsmanifest.xml"] = env.get_template("imsmanifest.xml.j2").render(
            course=cur.course, final=final, launch=LAUNCH, files=sorted([*files, LAUNCH])
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        stamp = _zip_time()
        with zipfile.ZipFile(target, "w") as zf:
            for name, text in sorted(generated.items()):
                zf.writestr(_entry(name, stamp), text, compresslevel=LEVEL)
            for rel in files:
                zf.writestr(_entry(rel, stamp), (site_dir / rel).read_bytes(), compresslevel=LEVEL)
        log.info(
            "LMS package: %d files, %.1f MB (%.1f s)",
            len(files) + len(generated),
            target.stat().st_size / 1e6,
            time.perf_counter() - started,
        )


def course_quizzes(cur: Curriculum) -> list[Quiz]:
    """The quizzes in the order the package numbers them: lesson quizzes, then the final."""
    ids = [r.lesson.quiz for r in cur.ordered_lessons() if r.lesson.quiz]
    final = cur.final_quiz()
    ordered = dict.fromkeys([*ids, *([final.id] if final else [])])
    return [cur.quizzes[i] for i in ordered if i in cur.quizzes]


def _excluded(rel: str) -> bool:
    return rel.startswith("downloads/") or any(rel == t or rel.startswith(t) for t in TRAINER_ONLY)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, stamp)
    packed = name.lower().endswith(PACKED)  # deflating them again costs time and saves nothing
    info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _zip_time() -> tuple[int, int, int, int, int, int]:
    """Entry dates follow the source (SOURCE_DATE_EPOCH), so rebuilds are identical."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0), 315532800)  # zip: >= 1980
    return time.gmtime(epoch)[:6]


def _environment() -> jinja2.Environment:
    """The package's own templates (launch page, manifest), escaped for HTML and XML."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator.outputs.lms", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )

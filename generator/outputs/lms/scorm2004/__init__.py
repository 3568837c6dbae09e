"""SCORM 2004 (4th edition) package: one SCO per module, plus one for the final assessment.

An LMS shows each module's progress on its own: a module's SCO opens its first lesson (or
the learner's bookmark in it), counts its lessons visited (completion) and its lesson
quizzes (score and success); the assessment's SCO reports the final's score, passed or
failed by the pass mark, and one `cmi.interactions` record per question answered. Every SCO
runs the shared bridge (`assets/microlearn/lms.js`) with the dialect of
`runtime/scorm2004-core.js`, on a launch page like SCORM 1.2's, and keeps its state in its
own `cmi.suspend_data` with the 1.2 encoding.

Sequencing (`templates/imsmanifest.xml.j2`): choice and flow on the organization, so a
learner opens any module from the LMS's menu or continues to the next; the course is
complete when every SCO is; it is satisfied (passed) by the final assessment when the
course has one (modules do not count towards satisfaction or measure), otherwise when every
module is.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.models import Curriculum, LessonRef, Quiz
from generator.outputs.lms import (
    RUNTIME_DIR,
    SCRIPTS,
    environment,
    launch_page,
    module_parts,
    runtime_files,
    suspend,
)

RUNTIME = ("scorm2004-core.js", "scorm2004.js")
"""This format's runtime, added to the package's assets/microlearn/."""
SUSPEND_LIMIT = 64000
"""SCORM 2004's cmi.suspend_data holds at most this many characters."""
SITE_FILES = "site-files"
"""The resource (an asset) listing the learner site's files every SCO depends on."""


@dataclass(frozen=True)
class Sco:
    """One SCO: its manifest names, its launch page and the part of the course it counts."""

    ident: str
    title: str
    launch: str
    lessons: list[LessonRef]
    quizzes: list[Quiz]
    module: str = ""  # the module's id; "" for the assessment
    final: Quiz | None = None

    @property
    def home(self) -> str:
        """The page a first launch opens."""
        if self.final is not None:
            return urls.html_path(urls.ASSESSMENT)
        first = self.lessons[0]
        return urls.html_path(urls.lesson_page(first.module.id, first.lesson.id))


def scos(cur: Curriculum) -> list[Sco]:
    """The package's SCOs in course order: the modules, then the final assessment."""
    final = cur.final_quiz()
    out = [
        Sco(
            f"module-{part.module.id}",
            part.module.title,
            f"scorm2004-module-{part.module.id}.html",
            part.lessons,
            part.quizzes,
            part.module.id,
        )
        for part in module_parts(cur)
    ]
    if final is not None:
        out.append(
            Sco("assessment", final.title, "scorm2004-assessment.html", [], [final], final=final)
        )
    return out


def _objectives(sco: Sco) -> dict[str, dict[str, str]]:
    """{quiz id: {question id: "<lesson id>/<objective id>"}} for cmi.interactions."""
    out: dict[str, dict[str, str]] = {}
    for quiz in sco.quizzes:
        lesson = next((r.lesson.id for r in sco.lessons if r.lesson.quiz == quiz.id), None)
        out[quiz.id] = {}
        for q in quiz.questions:
            owner, objective = q.objective_ref(lesson)
            out[quiz.id][q.id] = f"{owner}/{objective}" if owner else objective
    return out


class Scorm2004:
    """SCORM 2004 4th edition: one SCO per module and one for the final assessment."""

    name = "scorm2004"
    summary = "SCORM 2004 (4th edition) package, one SCO per module"

    def check(self, cur: Curriculum) -> None:
        for sco in scos(cur):
            suspend.check_fits(
                len(sco.quizzes),
                len(sco.lessons),
                limit=SUSPEND_LIMIT,
                package="SCORM 2004",
                part=f"'{sco.title}'",
            )

    def file_name(self, cur: Curriculum) -> str:
        return f"{cur.course.id}-scorm2004.zip"

    def generated(self, cur: Curriculum, files: list[str]) -> dict[str, str | bytes]:
        out = runtime_files(__package__, RUNTIME)
        scripts = [*SCRIPTS[:-1], "scoring.js", *RUNTIME, SCRIPTS[-1]]
        parts = scos(cur)
        final = cur.final_quiz()
        for sco in parts:
            config = {
                "sco": sco.ident,
                "home": sco.home,
                "objectives": _objectives(sco),
                "others": [m.id for m in cur.modules if m.id != sco.module],
                "assessment": urls.html_path(urls.ASSESSMENT) if final and not sco.final else "",
            }
            out[sco.launch] = launch_page(
                cur,
                sco.quizzes,
                sco.lessons,
                final=sco.final is not None,
                title=f"{sco.title} – {cur.course.title}",
                sco=config,
                scripts=scripts,
            )
        shared = sorted({*files, *(RUNTIME_DIR + n for n in RUNTIME)})
        out["imsmanifest.xml"] = (
            environment(__package__)
            .get_template("imsmanifest.xml.j2")
            .render(
                course=cur.course, scos=parts, final=cur.final_quiz(), files=shared, site=SITE_FILES
            )
        )
        return out

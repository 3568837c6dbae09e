"""cmi5 package: the learner site with `cmi5.xml`, one AU (assignable unit) per module plus
one for the final assessment, all launched through `cmi5.html?au=<key>`.

The LMS launches an AU with the cmi5 launch parameters (endpoint, fetch, actor,
registration, activityId); the launch page takes the auth token from the fetch URL, reads
`LMS.LaunchData` from the LMS's LRS and sends xAPI statements there (`runtime/cmi5.js`,
decisions in `runtime/cmi5-core.js`). A module's AU is completed once each of its lessons was
opened (moveOn "Completed": lesson quizzes are practice and do not judge a module); the final
assessment's AU is passed or failed against its masteryScore, the quiz's pass mark / 100
(moveOn "Passed").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator import urls
from generator.models import Curriculum
from generator.outputs import lms
from generator.quizview import quiz_version

LAUNCH = "cmi5.html"
FINAL_AU = "final-assessment"  # a reserved id (urls.RESERVED): no module can take it
RUNTIME = ("cmi5-core.js", "cmi5.js")


@dataclass(frozen=True)
class Unit:
    """One AU: what cmi5.xml says about it and what the launch page needs to track it."""

    key: str  # the `au` launch parameter
    title: str
    description: str
    move_on: str
    pages: list[str]  # lesson pages, or the assessment page
    quizzes: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    final: str = ""  # quiz id that passes or fails the AU
    mastery: str = ""  # masteryScore, a decimal in [0, 1]

    @property
    def url(self) -> str:
        return f"{LAUNCH}?au={self.key}"


def course_iri(cur: Curriculum) -> str:
    """The course's IRI: its published address, else a URN named after its id."""
    return cur.course.url.rstrip("/") if cur.course.url else f"urn:microlearn:{cur.course.id}"


def au_iri(cur: Curriculum, unit: Unit) -> str:
    return f"{course_iri(cur)}/cmi5/{unit.key}"


def units(cur: Curriculum) -> list[Unit]:
    """The AUs in course order: every module, then the final assessment if there is one."""
    out: list[Unit] = []
    for part in lms.module_parts(cur):
        out.append(
            Unit(
                key=part.module.id,
                title=part.module.title,
                description=part.module.summary.strip(),
                move_on="Completed",
                pages=[
                    urls.html_path(urls.lesson_page(r.module.id, r.lesson.id)) for r in part.lessons
                ],
                quizzes=[q.id for q in part.quizzes],
                versions=[quiz_version(q) for q in part.quizzes],
            )
        )
    final = cur.final_quiz()
    if final:
        out.append(
            Unit(
                key=FINAL_AU,
                title=final.title,
                description=final.title,
                move_on="Passed",
                pages=[urls.html_path(urls.ASSESSMENT)],
                quizzes=[final.id],
                versions=[quiz_version(final)],
                final=final.id,
                mastery=str(Decimal(final.pass_mark) / 100),
            )
        )
    return out


class Cmi5:
    """cmi5: `cmi5.xml` with an AU per module and one for the final assessment."""

    name = "cmi5"
    summary = "cmi5 package, an AU per module and one for the final assessment"

    def check(self, cur: Curriculum) -> None:
        """Progress travels in the xAPI State API, which has no size limit to check."""

    def file_name(self, cur: Curriculum) -> str:
        return f"{cur.course.id}-cmi5.zip"

    def generated(self, cur: Curriculum, files: list[str]) -> dict[str, str | bytes]:
        env = lms.environment(__package__)
        aus = units(cur)
        tracked = {
            u.key: {
                "pages": u.pages,
                "quizzes": u.quizzes,
                "versions": u.versions,
                "final": u.final,
            }
            for u in aus
        }
        structure = env.get_template("cmi5.xml.j2").render(
            course=cur.course,
            course_id=course_iri(cur),
            aus=[(au_iri(cur, u), u) for u in aus],
        )
        launch = env.get_template("cmi5.html.j2").render(
            course=cur.course, aus=tracked, runtime=[lms.RUNTIME_DIR + n for n in RUNTIME]
        )
        out: dict[str, str | bytes] = {"cmi5.xml": structure, LAUNCH: launch}
        out.update(lms.runtime_files(__package__, RUNTIME))
        return out

"""The learner's own pages: pre-test, review, certificate, and the data their scripts read.

The runtime marks progress in the navigation, resumes where the learner left off and builds
review sessions in the browser, so it needs a map of the course (`course-data.js`, small,
loaded on every page) and, on the Review page only, the practice questions and flashcards
(`review-data.js`). Both are classic scripts that assign one global: they load from a folder
(file://) and inside an LMS frame, where fetching a JSON file would be refused. The final
assessment's and the pre-test's questions never go into the review data: their keys stay
on their own pages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import escape

from generator import urls
from generator.markup import MarkupRenderer, relative_url
from generator.models import Curriculum, LessonRef, Quiz
from generator.quizview import QuestionView, build_view, question_views, quiz_version

if TYPE_CHECKING:
    from generator.render import RenderedSite

DATA_GLOBALS = {urls.COURSE_DATA: "MicrolearnCourse", urls.REVIEW_DATA: "MicrolearnReviewData"}


def script(path: str, data: dict[str, Any]) -> str:
    """A classic script that assigns `data` to its global; `<` is escaped so no author text
    can close a script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("<", "\\u003c")
    return f"window.{DATA_GLOBALS[path]} = {safe};\n"


def _quiz_info(quiz: Quiz | None, page: str) -> dict[str, Any] | None:
    if quiz is None:
        return None
    return {
        "id": quiz.id,
        "page": urls.html_path(page),
        "pass": quiz.pass_mark,
        "version": quiz_version(quiz),
    }


def course_data(cur: Curriculum) -> dict[str, Any]:
    """What every page's runtime knows about the course: pages, lessons and their quizzes."""
    refs = cur.ordered_lessons()
    return {
        "course": cur.course.id,
        "title": cur.course.title,
        "version": cur.course.version or "",
        "lessons": [
            {
                "id": r.lesson.id,
                "title": r.lesson.title,
                "module": r.module.id,
                "page": urls.html_path(urls.lesson_page(r.module.id, r.lesson.id)),
                "quiz": r.lesson.quiz,
            }
            for r in refs
        ],
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "page": urls.html_path(urls.module_page(m.id)),
                "lessons": list(m.lessons),
            }
            for m in cur.modules
        ],
        "final": _quiz_info(cur.final_quiz(), urls.ASSESSMENT),
        "preTest": _quiz_info(cur.pre_test_quiz(), urls.PRE_TEST),
        "review": urls.html_path(urls.REVIEW),
        "certificate": urls.html_path(urls.CERTIFICATE) if cur.final_quiz() else None,
    }


def review_data(
    cur: Curriculum, md: MarkupRenderer, shared: Mapping[str, list[QuestionView]]
) -> dict[str, Any]:
    """Practice questions (lesson quizzes only) and flashcards, as the Review page shows them.
    `shared` holds, by quiz id, questions already made that read the same from any page."""
    page = urls.REVIEW
    questions = []
    for ref in cur.ordered_lessons():
        quiz = cur.lesson_quiz(ref.lesson)
        if quiz is None:
            continue
        lesson_url = relative_url(page, urls.lesson_page(ref.module.id, ref.lesson.id))
        views = shared.get(quiz.id)
        for q in question_views(quiz, md, page) if views is None else views:
            questions.append(
                {
                    "ref": f"{quiz.id}/{q.id}",
                    "lesson": ref.lesson.title,
                    "url": lesson_url,
                    "type": q.type,
                    "prompt": str(q.prompt),
                    "setting": q.setting or "",
                    "customer": q.customer or "",
                    "options": [
                        {
                            "key": o.key,
                            "text": o.text,
                            "correct": o.correct,
                            "feedback": str(o.feedback),
                        }
                        for o in q.options
                    ],
                    "steps": [{"key": s.key, "text": s.text} for s in q.steps],
                    "explanation": str(q.explanation),
                }
            )
    return {"questions": questions, "cards": _cards(cur, md, page)}


def _cards(cur: Curriculum, md: MarkupRenderer, page: str) -> list[dict[str, Any]]:
    cards = []
    if cur.glossary:
        for term in sorted(cur.glossary.terms, key=lambda t: t.term.casefold()):
            cards.append(
                {
                    "ref": f"term:{term.id}",
                    "front": f"What does “{term.term}” mean?",
                    "back": str(md.block(term.definition, page)),
                }
            )
    for ref in cur.ordered_lessons():
        items = "".join(f"<li>{escape(t)}</li>" for t in ref.lesson.takeaways)
        cards.append(
            {
                "ref": f"takeaways:{ref.lesson.id}",
                "front": f"What are the key takeaways of “{ref.lesson.title}”?",
                "back": f"<ul>{items}</ul>",
            }
        )
    return cards


def outcomes(cur: Curriculum, refs: list[LessonRef]) -> list[str]:
    """What the course promises: the author's outcomes, else each module's first objective."""
    if cur.course.outcomes:
        return list(cur.course.outcomes)
    firsts: dict[str, str] = {}
    for r in refs:
        firsts.setdefault(r.module.id, r.lesson.objectives[0].text)
    return list(firsts.values())


def add_pages(
    site: RenderedSite,
    env: jinja2.Environment,
    md: MarkupRenderer,
    cur: Curriculum,
    shared: Mapping[str, list[QuestionView]],
) -> None:
    """Add the pre-test, review and certificate pages and the runtime's data files
    (`shared`: see `review_data`)."""
    pre = cur.pre_test_quiz()
    if pre:
        site.add(
            urls.PRE_TEST,
            env.get_template("pretest.md.j2").render(
                quiz=build_view(pre, md, urls.PRE_TEST),
                course=cur.course,
                home_url=relative_url(urls.PRE_TEST, urls.HOME),
                first_url=_first_lesson_url(cur, urls.PRE_TEST),
            ),
            "the pre-test",
        )
    site.add(
        urls.REVIEW,
        env.get_template("review.md.j2").render(
            course=cur.course, data_url=relative_url(urls.REVIEW, urls.REVIEW_DATA)
        ),
        "the review page",
    )
    final = cur.final_quiz()
    if final:
        site.add(
            urls.CERTIFICATE,
            env.get_template("certificate.md.j2").render(
                course=cur.course,
                final=final,
                final_url=relative_url(urls.CERTIFICATE, urls.ASSESSMENT),
            ),
            "the certificate page",
        )
    site.add(urls.COURSE_DATA, script(urls.COURSE_DATA, course_data(cur)), "the course data")
    review = review_data(cur, md, shared)
    site.add(urls.REVIEW_DATA, script(urls.REVIEW_DATA, review), "the review data")


def _first_lesson_url(cur: Curriculum, page: str) -> str:
    first = cur.ordered_lessons()[0]
    return relative_url(page, urls.lesson_page(first.module.id, first.lesson.id))

"""Cross-file rules: references resolve, ids are unique, every quiz belongs somewhere.

`check(source)` returns problems; it never raises and never stops at the first one.
`assemble(source)` builds the `Curriculum` the renderers use, once the source is clean.
"""

from __future__ import annotations

from typing import Any

from generator import convgraph, media, urls
from generator.errors import Problem, did_you_mean
from generator.links import NEEDED, Link, LinkFinder, problem_with
from generator.loader import Source, duplicate_ids
from generator.models import GRADED, Curriculum, Quiz
from generator.yamlload import Document


def check(src: Source) -> list[Problem]:
    """Every cross-reference problem in the source."""
    problems = _check_reserved(src)
    owner: dict[str, str] = {}
    final = src.course.final_assessment if src.course else None
    pre = src.course.pre_test if src.course else None
    for lesson_id, lesson in src.lessons.items():
        doc = src.doc("lesson", lesson_id)
        problems += duplicate_ids(
            doc, "objectives", lesson.objective_ids(), f"lesson '{lesson_id}'"
        )
        if lesson.quiz is None or src.failed("quiz", lesson.quiz):
            continue
        if lesson.quiz not in src.quizzes:
            hint = did_you_mean(lesson.quiz, src.quizzes)
            problems.append(
                doc.problem(
                    ("quiz",),
                    f"lesson '{lesson_id}': quiz "
                    f"'{lesson.quiz}' does not exist (expected a file "
                    f"quizzes/{lesson.quiz}.yaml){hint}",
                    rule="reference",
                )
            )
        elif lesson.quiz in (final, pre):
            role = "final assessment" if lesson.quiz == final else "pre-test"
            problems.append(
                doc.problem(
                    ("quiz",),
                    f"lesson '{lesson_id}': quiz '{lesson.quiz}' is "
                    f"the course's {role}; give the lesson a "
                    "quiz of its own",
                    rule="reference",
                )
            )
            owner[lesson.quiz] = lesson_id  # judge its questions as the lesson's quiz
        elif lesson.quiz in owner:
            problems.append(
                doc.problem(
                    ("quiz",),
                    f"lesson '{lesson_id}': quiz '{lesson.quiz}' "
                    f"is already used by lesson '{owner[lesson.quiz]}'",
                    rule="duplicate-id",
                )
            )
        else:
            owner[lesson.quiz] = lesson_id

    if src.course and final and final not in src.quizzes and not src.failed("quiz", final):
        problems.append(
            src.doc("course", src.course.id).problem(
                ("final_assessment",),
                f"course: final_assessment '{final}' does not exist "
                f"(expected a file quizzes/{final}.yaml)",
                rule="reference",
            )
        )
    problems += _check_pre_test(src, pre, final)
    # A quiz whose lesson names it wrongly would look unowned; one error is enough.
    unsure = bool(src.unreadable) or any(p.rule == "reference" for p in problems)
    for quiz_id, quiz in src.quizzes.items():
        problems += _check_quiz(
            src,
            quiz,
            owner.get(quiz_id),
            is_final=quiz_id in (final, pre) and quiz_id not in owner,
            unsure=unsure,
        )

    if src.glossary:
        gdoc = src.doc("glossary", "glossary")
        problems += duplicate_ids(gdoc, "terms", [t.id for t in src.glossary.terms], "glossary")
        for i, term in enumerate(src.glossary.terms):
            for j, ref in enumerate(term.lessons):
                if ref not in src.lessons and not src.failed("lesson", ref):
                    problems.append(
                        gdoc.problem(
                            ("terms", i, "lessons", j),
                            f"glossary: term "
                            f"'{term.id}': lesson '{ref}' does not exist"
                            f"{did_you_mean(ref, src.lessons)}",
                            rule="reference",
                        )
                    )
    problems += convgraph.check(src)
    problems += _check_links(src)
    problems += media.check(src.root, _media_uses(src))
    return problems


def _check_pre_test(src: Source, pre: str | None, final: str | None) -> list[Problem]:
    """The pre-test names a quiz of its own: not missing, and not the final assessment."""
    if not src.course or not pre or src.failed("quiz", pre):
        return []
    doc = src.doc("course", src.course.id)
    if pre not in src.quizzes:
        return [
            doc.problem(
                ("pre_test",),
                f"course: pre_test '{pre}' does not exist (expected a file "
                f"quizzes/{pre}.yaml){did_you_mean(pre, src.quizzes)}",
                rule="reference",
            )
        ]
    if pre == final:
        return [
            doc.problem(
                ("pre_test",),
                f"course: pre_test '{pre}' is also the final assessment; "
                "give the pre-test a quiz of its own",
                rule="reference",
            )
        ]
    return []


def _check_reserved(src: Source) -> list[Problem]:
    """A module or lesson named like a page or folder of the site would replace it."""
    problems = []
    for kind, ids in (("module", src.modules), ("lesson", src.lessons)):
        for ident in sorted(set(ids) & urls.RESERVED):
            problems.append(
                src.doc(kind, ident).problem(
                    ("id",),
                    f"{kind} id '{ident}' is reserved: the site has its own '{ident}' page "
                    "or folder; choose another id",
                    rule="reserved-id",
                )
            )
    return problems


def _check_quiz(
    src: Source, quiz: Quiz, lesson_id: str | None, *, is_final: bool, unsure: bool = False
) -> list[Problem]:
    doc = src.doc("quiz", quiz.id)
    problems: list[Problem] = []
    if lesson_id is None and not is_final and unsure:
        return problems  # its lesson may be one that failed to load: don't pile on
    if lesson_id is None and not is_final:
        problems.append(
            doc.problem(
                ("id",),
                f"quiz '{quiz.id}' is not used by any lesson nor as the final assessment",
                severity="warning",
                rule="unused",
            )
        )
    problems += _check_assessment(src, quiz, lesson_id)
    if all(q.type not in GRADED for q in quiz.questions):
        problems.append(
            doc.problem(
                ("questions",),
                f"quiz '{quiz.id}': expected at least one scored question, found only "
                "'reply' tasks (they are practice and never scored)",
                key=True,
            )
        )
    seen: set[str] = set()
    for i, q in enumerate(quiz.questions):
        if q.id in seen:
            problems.append(
                doc.problem(
                    ("questions", i, "id"),
                    f"quiz '{quiz.id}': duplicate question id '{q.id}'",
                    rule="duplicate-id",
                )
            )
        seen.add(q.id)
        where = f"quiz '{quiz.id}' question '{q.id}'"
        ref_lesson, obj = q.objective_ref()
        if not ref_lesson:
            if quiz.assessment is not None:
                continue  # reported by _check_assessment
            if lesson_id is None:
                problems.append(
                    doc.problem(
                        ("questions", i, "objective"),
                        f"{where}: objective "
                        f"'{obj}' needs its lesson, as '<lesson-id>/{obj}', "
                        "because this quiz belongs to no lesson",
                        rule="reference",
                    )
                )
                continue
            ref_lesson = lesson_id
        lesson = src.lessons.get(ref_lesson)
        if lesson is None and src.failed("lesson", ref_lesson):
            continue
        if lesson is None:
            problems.append(
                doc.problem(
                    ("questions", i, "objective"),
                    f"{where}: lesson "
                    f"'{ref_lesson}' does not exist"
                    f"{did_you_mean(ref_lesson, src.lessons)}",
                    rule="reference",
                )
            )
        elif obj not in lesson.objective_ids():
            problems.append(
                doc.problem(
                    ("questions", i, "objective"),
                    f"{where}: objective "
                    f"'{obj}' does not exist in lesson '{ref_lesson}' "
                    f"(expected one of: {', '.join(lesson.objective_ids())})",
                    rule="reference",
                )
            )
    return problems


def _check_assessment(src: Source, quiz: Quiz, lesson_id: str | None) -> list[Problem]:
    """An assessment draws from one pool per lesson: every question names its lesson, and
    every pool holds at least `draw` questions."""
    if quiz.assessment is None:
        return []
    doc = src.doc("quiz", quiz.id)
    if lesson_id is not None:
        return [
            doc.problem(
                ("assessment",),
                f"quiz '{quiz.id}': assessment mode is for the final assessment, but lesson "
                f"'{lesson_id}' uses this quiz; remove 'assessment' or give the lesson "
                "a practice quiz",
                rule="assessment",
                key=True,
            )
        ]
    problems: list[Problem] = []
    for i, q in enumerate(quiz.questions):
        if not q.objective_ref()[0]:
            problems.append(
                doc.problem(
                    ("questions", i, "objective"),
                    f"quiz '{quiz.id}' question '{q.id}': expected '<lesson-id>/"
                    f"{q.objective}' in an assessment (the lesson is the question's pool), "
                    f"found '{q.objective}'",
                    rule="assessment",
                )
            )
    draw = quiz.assessment.draw
    for pool, questions in quiz.pools().items():
        if pool and len(questions) < draw:
            problems.append(
                doc.problem(
                    ("assessment", "draw"),
                    f"quiz '{quiz.id}': draws {draw} questions per lesson, but lesson "
                    f"'{pool}' has only {len(questions)} "
                    f"({', '.join(q.id for q in questions)}); add questions or lower 'draw'",
                    rule="assessment",
                )
            )
    return problems


def _check_links(src: Source) -> list[Problem]:
    terms = {t.id for t in src.glossary.terms} if src.glossary else set()
    finder = LinkFinder()
    hosts = frozenset(h.lower() for h in src.config.media_hosts)
    problems: list[Problem] = []
    for doc in src.docs.values():

        def find(doc: Document = doc) -> list[tuple[tuple[Any, ...], Link]]:
            if not doc.mentions(*NEEDED):  # most files: no text to convert
                return []
            return [(path, link) for path, text in doc.texts() for link in finder.find(text)]

        # The live preview keeps each unchanged file's links: finding them is the costly part.
        found_links = find() if src.cache is None else src.cache.derived(doc, "links", find)
        for path, link in found_links:
            found = _link_problem(link, src, terms, hosts)
            if found:
                problems.append(doc.problem(path, found[0], rule=found[1]))
    return problems


def _link_problem(
    link: Link, src: Source, terms: set[str], hosts: frozenset[str]
) -> tuple[str, str] | None:
    if link.internal is None:
        return problem_with(link, hosts)
    kind, target = link.internal
    known: Any = src.lessons if kind == "lesson" else terms
    if target in known or (kind == "lesson" and src.failed(kind, target)):
        return None
    what = "lesson" if kind == "lesson" else "glossary term"
    return f"link to {kind} '{target}': no such {what}{did_you_mean(target, known)}", "reference"


def _media_uses(src: Source) -> list[media.Use]:
    """Every media reference in the source: found once, for `check` and then `assemble`."""
    if src.media_uses is None:
        src.media_uses = list(media.uses(list(src.docs.values())))
    return src.media_uses


def assemble(src: Source, *, partial: bool = False) -> Curriculum:
    """The resolved course; call only when `check` and loading found no errors, or with
    `partial` for what did load (modules keep only the lessons that loaded)."""
    assert src.course is not None
    modules = [src.modules[m] for m in src.course.modules if m in src.modules or not partial]
    if partial:
        modules = [
            m.model_copy(update={"lessons": [x for x in m.lessons if x in src.lessons]})
            for m in modules
        ]
    return Curriculum(
        course=src.course,
        modules=modules,
        lessons=src.lessons,
        quizzes=src.quizzes,
        glossary=src.glossary,
        module_of=src.module_of,
        conversations=src.conversations,
        skills=src.skills,
        media=media.files(src.root, _media_uses(src)),
        lesson_docs={lesson_id: src.doc("lesson", lesson_id) for lesson_id in src.lessons},
        job_aids=src.job_aids,
    )

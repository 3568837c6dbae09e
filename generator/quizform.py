"""One quiz as an HTML form, for lesson pages, the pre-test and the final assessment.

The form works without JavaScript: answers sit in <details>. Nothing that gives an answer
away is linked to a control (aria-describedby) before the learner checks, and all of it is
marked data-search-exclude so the site search never holds it. Each excluded element holds no
element of its own tag (author Markdown cannot make div or details), because the search
indexer tracks exclusions by tag name.

An assessment (`quiz.assessment` set) is sealed: no correct flags, positions, feedback or
explanation in the page, only each question's sealed answer (see seal.py); the form stays
hidden until the runtime draws an attempt, and without JavaScript a notice says so.
Reply tasks are practice, not questions: they carry no .ml-question, so no score. An
assessment holds no reply tasks (validation refuses them).

Written in Python rather than as a template: a large course has a quiz on nearly every
lesson, and the template engine's cost per value made this form the largest part of
rendering one. Author text and ids go through `escape_text`, which escapes as an
autoescaping template does; `Markup` (sanitised author HTML), numbers and the form's own
keys ("o1", "s1", "true") are written as they are, which is what escaping them would give.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from generator.blockhtml import reply_task
from generator.markup import escape_text
from generator.quizview import QuestionView, QuizView

_NEEDS_JS = (
    '<p class="ml-needs-js">This assessment needs JavaScript: it draws a new set of questions'
    " for each attempt and checks your answers in the browser. Turn JavaScript on, or open the"
    " course in a browser that runs it.</p>\n"
)


def quiz_form(
    quiz: QuizView,
    course_id: str,
    next: Mapping[str, str] | None = None,
) -> Markup:
    """The whole form of `quiz`; `next` is where the result panel sends the learner on."""
    a = quiz.assessment
    fid = f"ml-{escape_text(quiz.id)}"
    graded = quiz.graded
    out = ['<div class="ml-quiz-wrap">\n']
    if a:
        out.append(_NEEDS_JS)
    out.append(
        f'<form class="ml-quiz{" ml-assessment" if a else ""}" id="{fid}"'
        f' data-course="{escape_text(course_id)}" data-quiz="{escape_text(quiz.id)}"'
        f' data-version="{quiz.version}" data-pass="{quiz.pass_mark}"'
        f' data-shuffle="{"true" if quiz.shuffle else "false"}"'
    )
    if a:
        out.append(
            f' data-draw="{a.draw}" data-attempts="{a.attempts}"'
            f' data-show-answers="{escape_text(a.show_answers)}" hidden'
        )
    out.append(f' aria-label="{escape_text(quiz.title)}" novalidate>\n')
    if a:
        plural = f" · {a.attempts} attempt{'s' if a.attempts != 1 else ''}"
        out.append(
            f'<p class="ml-quiz-meta">{quiz.drawn} questions per attempt, drawn from'
            f" {len(quiz.questions)} · pass mark {quiz.pass_mark}%"
            f"{plural if a.attempts else ''}</p>\n"
            '<p class="ml-attempts" role="status"></p>\n'
        )
    else:
        out.append(
            f'<p class="ml-quiz-meta">{graded} questions · pass mark {quiz.pass_mark}%</p>\n'
        )
    out.append(
        '<section class="ml-panel" aria-label="Result of this quiz" data-search-exclude>\n'
        '<div class="ml-result" role="status" aria-live="polite" tabindex="-1"></div>\n'
        '<div class="ml-missed" hidden><p>Questions to look at again:</p><ul></ul></div>\n'
        '<p class="ml-panel-actions" hidden><button type="button" class="ml-button'
        ' ml-show-answers" aria-pressed="false">Show correct answers</button>'
    )
    if next:
        out.append(
            f' <a class="ml-button ml-next" href="{escape_text(next["url"])}">'
            f"{escape_text(next['title'])}</a>"
        )
    out.append('</p>\n</section>\n<ol class="ml-questions">\n')
    for q in quiz.questions:
        if q.reply:
            out.append(f'<li class="ml-reply-item">{reply_task(q.reply, course_id)}</li>\n')
        else:
            out.append(_question(q, f"{fid}-{escape_text(q.id)}", graded, sealed=a is not None))
    out.append(
        "</ol>\n"
        '<div class="ml-actions" hidden>\n'
        '<button type="submit" class="ml-button ml-check">Check answers</button>\n'
        '<button type="button" class="ml-button ml-retry" hidden>Try again</button>\n'
        "</div>\n</form>\n</div>\n"
    )
    return Markup("".join(out))


def _question(q: QuestionView, qid: str, graded: int, *, sealed: bool) -> str:
    """One question; `qid` is its element id (escaped), `graded` how many the quiz scores."""
    out = [
        f'<li class="ml-question" data-qid="{escape_text(q.id)}" data-type="{q.type}" id="{qid}"'
    ]
    if sealed:
        out.append(f' data-pool="{escape_text(q.pool)}" data-seal="{escape_text(q.sealed)}"')
    out.append(
        f'>\n<fieldset>\n<legend><span class="ml-qnum">Question {q.number} of {graded}</span>\n'
    )
    if q.customer:
        setting = (
            f'<span class="ml-scenario-setting">{escape_text(q.setting)}</span>'
            if q.setting
            else ""
        )
        out.append(
            f'<span class="ml-scenario">{setting}<span class="ml-scenario-line">Customer:'
            f" “{escape_text(q.customer)}”</span></span>"
        )
    out.append(f'<span class="ml-prompt">{q.prompt}</span>')
    if q.type == "multiple" and "select all" not in q.prompt.lower():
        out.append(' <span class="ml-hint">(Select all that apply.)</span>')
    elif q.type == "ordering":
        out.append(
            f' <span class="ml-hint">(Give each step its position, 1 to {len(q.steps)}.)</span>'
        )
    out.append("</legend>\n")
    if q.type == "ordering":
        positions = "".join(f'<option value="{i}">{i}</option>' for i in range(1, len(q.steps) + 1))
        out.append('<div class="ml-steps">\n')
        for pos, s in q.display_steps:
            sid = f"{qid}-{s.key}"
            position = "" if sealed else f' data-position="{pos}"'
            out.append(
                f'<div class="ml-step" data-key="{s.key}"{position}>\n'
                f'<select id="{sid}" name="{sid}">\n<option value="">Position</option>\n'
                f"{positions}</select>\n"
                f'<label for="{sid}">{escape_text(s.text)}</label>\n'
                f"{_feedback(sid, s.feedback, sealed)}</div>\n"
            )
        out.append("</div>\n")
    else:
        out.append('<div class="ml-options">\n')
        for o in q.options:
            oid = f"{qid}-{o.key}"
            out.append(
                f'<div class="ml-option">\n<input type="{q.input_type}" id="{oid}"'
                f' name="{qid}" value="{o.key}"'
                f"{' data-correct' if o.correct and not sealed else ''}>\n"
                f'<label for="{oid}">{escape_text(o.text)}</label>\n'
                f"{_feedback(oid, o.feedback, sealed)}</div>\n"
            )
        out.append("</div>\n")
    out.append('<p class="ml-verdict" hidden></p>\n')
    if not sealed:
        out.append(_answer(q))
    out.append("</fieldset>\n</li>\n")
    return "".join(out)


def _feedback(control: str, feedback: Markup, sealed: bool) -> str:
    """An option's or a step's feedback, shown once checked; none in a sealed form."""
    if sealed:
        return ""
    return f'<div class="ml-feedback" id="{control}-fb" data-search-exclude hidden>{feedback}</div>'


def _answer(q: QuestionView) -> str:
    """The explanation, and the answer with its feedback, for a learner without JavaScript."""
    out = []
    if q.explanation:
        out.append(f'<div class="ml-explanation" data-search-exclude hidden>{q.explanation}</div>')
    out.append(
        '<details class="ml-answer" data-search-exclude>\n<summary>Answer and feedback</summary>\n'
    )
    if q.type == "ordering":
        out.append("<p>The correct order:</p>\n<ol>\n")
        out += [
            f"<li><strong>{escape_text(s.text)}</strong> — {s.feedback}</li>\n" for s in q.steps
        ]
        out.append("</ol>\n")
    else:
        out.append("<ul>\n")
        out += [
            f"<li><strong>{'Correct' if o.correct else 'Not correct'}:</strong>"
            f" {escape_text(o.text)} — {o.feedback}</li>\n"
            for o in q.options
        ]
        out.append("</ul>\n")
    out.append(f"{q.explanation}\n</details>\n")
    return "".join(out)

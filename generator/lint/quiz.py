"""Lint rules for quiz items: the classic item-writing flaws that let learners guess.

Thresholds are chosen so an honest quiz passes: position and length cues are flagged only
when they are far more frequent than chance would make them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.errors import Problem
from generator.lint.base import Context, Rule
from generator.lint.similar import similar_pairs
from generator.models import (
    Curriculum,
    MultipleQuestion,
    Option,
    OrderingQuestion,
    Question,
    Quiz,
    ReplyQuestion,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    ascii_words,
    word_count,
)
from generator.yamlload import Document

LETTERS = "ABCDEFGHIJ"
POSITION_P = 0.1  # chance of a pile-up this big in a quiz answered by coin flips
MIN_FEEDBACK_WORDS = 4
BARE_FEEDBACK = re.compile(
    r"^\W*(correct|incorrect|wrong|right|yes|no|true|false|well done|"
    r"good|great|not quite|try again|exactly|nope)\W*$",
    re.I,
)
ABOVE = re.compile(
    r"\b(all|none|both|neither)\s+(of\s+)?(the\s+)?(above|these|those|"
    r"options|answers|choices)\b",
    re.I,
)
NEGATIVE = re.compile(r"(\*\*|__)?\b(not|never|except|least|\w+n't)\b(\*\*|__)?", re.I)
QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
SELECTING = re.compile(r"\b(which|what)\b", re.I)
CONTRAST = re.compile(r"\W+(just|only|merely|simply)\b", re.I)
SUBORDINATE = re.compile(
    r"\b(when|if|because|who|whom|whose|that|after|before|while|"
    r"although|though|since|unless|until|where|whether)\b",
    re.I,
)
NEAR_DUPLICATE = 0.7  # share of distinct words two questions have in common
LONG_WORD = re.compile(r"[a-z0-9']{3,}")  # a word of lowercased text, three or more long
STOPWORDS = frozenset(
    {
        "the",
        "and",
        "for",
        "you",
        "your",
        "are",
        "was",
        "were",
        "that",
        "this",
        "with",
        "what",
        "which",
        "who",
        "when",
        "how",
        "why",
        "does",
        "did",
        "not",
        "but",
        "can",
    }
)


def _quizzes(ctx: Context) -> Iterator[tuple[Quiz, Document]]:
    for quiz_id in sorted(ctx.cur.quizzes):
        yield ctx.cur.quizzes[quiz_id], ctx.src.doc("quiz", quiz_id)


def _label(quiz: Quiz, question: Question) -> str:
    return f"quiz '{quiz.id}' question '{question.id}'"


def no_wrong_option(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        for i, q in enumerate(quiz.questions):
            if isinstance(q, MultipleQuestion) and all(o.correct for o in q.options):
                yield ctx.warn(
                    doc,
                    ("questions", i, "options"),
                    f"{_label(quiz, q)}: expected "
                    "at least one wrong option, found every option correct "
                    "(ticking every box always scores)",
                    "no-wrong-option",
                )


def option_feedback(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        for i, q in enumerate(quiz.questions):
            texts: list[tuple[tuple[object, ...], str]]
            if isinstance(q, ReplyQuestion):
                continue  # a model answer and a checklist, no options to explain
            if isinstance(q, TrueFalseQuestion):
                texts = [
                    (("questions", i, "if_true"), q.if_true),
                    (("questions", i, "if_false"), q.if_false),
                ]
            elif isinstance(q, OrderingQuestion):
                texts = [
                    (("questions", i, "steps", j, "feedback"), s.feedback)
                    for j, s in enumerate(q.steps)
                ]
            else:
                texts = [
                    (("questions", i, "options", j, "feedback"), o.feedback)
                    for j, o in enumerate(q.options)
                ]
            seen: dict[bytes, tuple[object, ...]] = {}
            for path, text in texts:
                if word_count(text) < MIN_FEEDBACK_WORDS or BARE_FEEDBACK.match(text):
                    yield ctx.warn(
                        doc,
                        path,
                        f"{_label(quiz, q)}: expected feedback that says "
                        f"why, found only '{_quote(text)}'",
                        "option-feedback",
                    )
                    continue
                norm = b" ".join(ascii_words(text.lower()))  # lowercase words, one space apart
                if norm in seen:
                    yield ctx.warn(
                        doc,
                        path,
                        f"{_label(quiz, q)}: expected feedback specific "
                        "to each choice, found the same text as "
                        f"{_where(seen[norm])}",
                        "option-feedback",
                    )
                else:
                    seen[norm] = path


def _quote(text: str, limit: int = 40) -> str:
    """Author text as one short line, for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _where(path: tuple[object, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:]).lstrip(".")


def all_of_above(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        for i, q in enumerate(quiz.questions):
            for j, option in enumerate(getattr(q, "options", [])):
                match = _above(option.text)
                if match:
                    yield ctx.warn(
                        doc,
                        ("questions", i, "options", j, "text"),
                        f"{_label(quiz, q)}: option '{_quote(match.group(0))}' tests "
                        "test-taking, not the objective; write a specific option",
                        "all-of-above",
                    )


def _above(text: str) -> re.Match[str] | None:
    """ABOVE's match in `text`. Its first word holds "all", "none", "both" or "ther", whose
    letters match only their own two cases (unlike i or s, which also match ı or ſ), so
    text holding none of them once lowercased is passed over without the slower search."""
    lower = text.lower()
    if "all" in lower or "none" in lower or "both" in lower or "ther" in lower:
        return ABOVE.search(text)
    return None


def _one_answer(q: Question) -> list[Option] | None:
    """Options of a question with exactly one correct answer, else None."""
    if isinstance(q, (SingleQuestion, ScenarioQuestion)):
        return list(q.options)
    if isinstance(q, MultipleQuestion) and sum(o.correct for o in q.options) == 1:
        return list(q.options)
    return None


def longest_correct(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        eligible = longest = 0
        ids: list[str] = []
        for q in quiz.questions:
            options = _one_answer(q)
            if options is None or len(options) < 3:
                continue
            eligible += 1
            right = next(len(o.text.strip()) for o in options if o.correct)
            if right > max(len(o.text.strip()) for o in options if not o.correct):
                longest += 1
                ids.append(q.id)
        if longest >= 3 and longest * 2 > eligible:
            yield ctx.warn(
                doc,
                ("questions",),
                f"quiz '{quiz.id}': expected the correct option "
                f"to be the longest in at most half of the questions, found "
                f"{longest} of {eligible} ({', '.join(ids)}); learners can guess by "
                "length, so make distractors as long and specific",
                "longest-correct",
                key=True,
            )


def position_bias(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        sizes: list[int] = []
        answers: list[tuple[int, str]] = []
        for q in quiz.questions:
            options = _one_answer(q)
            if options is not None:
                sizes.append(len(options))
                answers.append((next(j for j, o in enumerate(options) if o.correct), q.id))
        if len(answers) < 3:
            continue
        counts = [sum(1 for pos, _ in answers if pos == j) for j in range(max(sizes))]
        top = max(range(len(counts)), key=lambda j: counts[j])
        if _pile_up_chance(sizes, counts[top]) < POSITION_P:
            ids = [qid for pos, qid in answers if pos == top]
            yield ctx.warn(
                doc,
                ("questions",),
                f"quiz '{quiz.id}': expected correct answers "
                f"spread across positions, found {counts[top]} of {len(answers)} at "
                f"option {LETTERS[top]} ({', '.join(ids)})",
                "position-bias",
                key=True,
            )


def _pile_up_chance(sizes: list[int], k: int) -> float:
    """Chance that some position holds >= k correct answers if each were placed at random
    (union bound over positions; question i has sizes[i] options)."""
    total = 0.0
    for pos in range(max(sizes)):
        dist = [1.0]  # dist[c] = P(c correct answers at `pos` so far)
        for m in sizes:
            p = 1 / m if pos < m else 0.0
            dist = [
                (dist[c] if c < len(dist) else 0.0) * (1 - p) + (dist[c - 1] * p if c >= 1 else 0.0)
                for c in range(len(dist) + 1)
            ]
        total += sum(dist[k:])
    return total


def negative_stem(ctx: Context) -> Iterator[Problem]:
    for quiz, doc in _quizzes(ctx):
        for i, q in enumerate(quiz.questions):
            if isinstance(q, (TrueFalseQuestion, OrderingQuestion, ReplyQuestion)):
                continue  # statements, sequences and writing tasks are not "which one" stems
            word = _hidden_negative(q.prompt)
            if word:
                yield ctx.warn(
                    doc,
                    ("questions", i, "prompt"),
                    f"{_label(quiz, q)}: negative "
                    f"stem '{word}' is easy to misread; rephrase positively or write "
                    f"it as **{word.upper()}**",
                    "negative-stem",
                )


def _hidden_negative(prompt: str) -> str | None:
    """The first unemphasised negation in a "which/what ..." question of a prompt, if any."""
    text = QUOTED.sub(" ", prompt)  # what a customer says is not the stem
    for sentence in re.split(r"(?<=[.?!:])\s+", text):
        asks = SELECTING.search(sentence)
        if asks is None:
            continue
        for match in NEGATIVE.finditer(sentence, asks.end()):
            word = match.group(2)
            if SUBORDINATE.search(sentence, asks.end(), match.start()):
                break  # "what do you do when the customer is not sure?" asks positively
            if CONTRAST.match(sentence, match.end()):
                continue  # "listening, not just hearing"
            bold = bool(match.group(1) and match.group(3))
            if not bold and not (word.isupper() and len(word) > 1):
                return word
    return None


def question_objective(ctx: Context) -> Iterator[Problem]:
    for lesson_id in sorted(ctx.cur.lessons):
        lesson = ctx.cur.lessons[lesson_id]
        quiz = ctx.cur.lesson_quiz(lesson)
        if quiz is None:
            continue
        doc = ctx.src.doc("quiz", quiz.id)
        for i, q in enumerate(quiz.questions):
            owner, _ = q.objective_ref()
            if owner and owner != lesson_id:
                yield ctx.warn(
                    doc,
                    ("questions", i, "objective"),
                    f"{_label(quiz, q)}: expected "
                    f"an objective of lesson '{lesson_id}', found '{q.objective}' "
                    "from another lesson (assess it in that lesson's quiz or the "
                    "final assessment)",
                    "question-objective",
                )


def near_duplicate(ctx: Context) -> Iterator[Problem]:
    items: list[tuple[frozenset[str], Quiz, int, Document]] = []
    words = signatures(ctx)
    for quiz, doc in _quizzes(ctx):
        for i, words_of_q in enumerate(words[quiz.id]):
            items.append((words_of_q, quiz, i, doc))
    for first, second in similar_pairs([item[0] for item in items], NEAR_DUPLICATE):
        (_, qa, ia, da), (_, qb, ib, db) = items[first], items[second]
        other = qa.questions[ia]
        at = da.at("questions", ia)
        yield ctx.warn(
            db,
            ("questions", ib),
            f"{_label(qb, qb.questions[ib])}: near-duplicate "
            f"of {_label(qa, other)} ({da.path}:{at[0]}); ask something different",
            "near-duplicate",
        )


def signature(q: Question) -> frozenset[str]:
    """The words a learner reads for this question: stem, scenario line, options, steps.
    Words of one or two letters and stop words are left out."""
    fields = vars(q)  # not getattr: a model answers a field it lacks slowly, by an exception
    parts = [q.prompt, fields.get("customer") or ""]
    parts += [o.text for o in fields.get("options", ())]
    parts += [s.text for s in fields.get("steps", ())]
    return frozenset(LONG_WORD.findall(" ".join(parts).lower())).difference(STOPWORDS)


def quiz_signatures(cur: Curriculum) -> dict[str, list[frozenset[str]]]:
    """quiz id -> the signature of each of its questions, in order."""
    return {
        quiz_id: [signature(q) for q in quiz.questions] for quiz_id, quiz in cur.quizzes.items()
    }


def signatures(ctx: Context) -> dict[str, list[frozenset[str]]]:
    """`quiz_signatures` of this lint run: several rules compare them, they are made once."""
    found = ctx.memo.get("signatures")
    if not isinstance(found, dict):
        found = ctx.memo["signatures"] = quiz_signatures(ctx.cur)
    return found


RULES = [
    Rule(
        "no-wrong-option",
        "a multiple-answer question where every option is correct",
        no_wrong_option,
    ),
    Rule(
        "option-feedback",
        "feedback that does not say why (a bare 'Correct.', under four "
        "words, or the same text as another option's)",
        option_feedback,
    ),
    Rule("all-of-above", "an option like 'all of the above' or 'none of these'", all_of_above),
    Rule(
        "longest-correct",
        "the correct option is the longest in most questions of a quiz "
        "(at least 3, and more than half)",
        longest_correct,
    ),
    Rule(
        "position-bias",
        "correct answers pile on one letter more than chance explains (e.g. 4 of 5 at B)",
        position_bias,
    ),
    Rule(
        "negative-stem",
        "a question stem with 'not', 'never', 'except' or 'least' not in bold or capitals",
        negative_stem,
    ),
    Rule(
        "question-objective",
        "a lesson quiz question assesses another lesson's objective",
        question_objective,
        whole_course=True,
    ),
    Rule(
        "near-duplicate",
        "two questions (in any quizzes) share 70% or more of their words",
        near_duplicate,
    ),
]

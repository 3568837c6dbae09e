"""GIFT, Moodle's plain-text question format: one file for the whole question bank.

Text is written as `[html]`, with `~ = # { } :` and the backslash escaped by a backslash
and line breaks folded into spaces (a blank line would end the question). Mapping notes:
true/false feedback follows Moodle's order (first the feedback for a wrong answer, then
for a right one); ordering becomes a matching question (each step to its place), since
GIFT has no ordering type, and its per-step feedback moves into the general feedback;
a written reply becomes an essay whose model answer is in the general feedback only, as
GIFT has no grader information.
"""

from __future__ import annotations

import re

from generator.outputs.exports.bank import Item, categories

SPECIAL = re.compile(r"([\\~=#{}:])")
ORDERING_HINT = "<p>Give each step its place in the order (1 is first).</p>"


# At the start of an answer or feedback, GIFT reads '%' as a grade and '[' as a text format,
# and has no escape for either: HTML slots carry them as character references instead.
LEADING = {"%": "&#37;", "[": "&#91;"}


def escape(value: str) -> str:
    """Text as GIFT carries it: specials escaped, on one line."""
    return " ".join(SPECIAL.sub(r"\\\1", value).split())


def html(value: str) -> str:
    """HTML for an answer, feedback or question text, safe at the start of a GIFT slot."""
    folded = " ".join(value.split())
    return escape(LEADING.get(folded[:1], folded[:1]) + folded[1:])


def category_path(names: tuple[str, ...]) -> str:
    """A Moodle category path; a slash inside a name is doubled, as Moodle expects."""
    return "$course$/top/" + "/".join(n.replace("/", "//") for n in names)


def percent(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def write(items: list[Item]) -> str:
    """The whole bank as one GIFT document."""
    out = [
        "// Question bank exported by microlearn. Import in Moodle: Question bank > Import > GIFT.",
        "",
    ]
    for names, group in categories(items):
        out += [f"$CATEGORY: {category_path(names)}", ""]
        for item in group:
            out += [*_question(item), ""]
    return "\n".join(out)


def _question(item: Item) -> list[str]:
    tags = " ".join(f"[tag:{t}]" for t in (item.objective, item.source_type))
    head = [f"// [id:{item.ident}] {tags}"]
    title = f"::{escape(item.title)}::"
    stem = item.stem + ORDERING_HINT if item.kind == "ordering" else item.stem
    lines = [*head, f"{title}[html]{html(stem)} {{"]
    lines += [f"\t{line}" for line in _answers(item)]
    if item.general_feedback:
        lines.append(f"\t####{html(item.general_feedback)}")
    lines.append("}")
    return lines


def _answers(item: Item) -> list[str]:
    if item.kind == "single":
        return [
            f"{'=' if c.correct else '~'}{html(c.html)}#{html(c.feedback)}" for c in item.choices
        ]
    if item.kind == "multiple":
        return [f"~%{percent(c.percent)}%{html(c.html)}#{html(c.feedback)}" for c in item.choices]
    if item.kind == "true_false":
        right, wrong = (
            (item.if_true, item.if_false) if item.answer else (item.if_false, item.if_true)
        )
        return [f"{'TRUE' if item.answer else 'FALSE'}#{html(wrong)}#{html(right)}"]
    if item.kind == "ordering":
        return [f"={html(s.html)} -> {n}" for n, s in enumerate(item.steps, 1)]
    return []  # essay: an empty answer block

"""Moodle XML: the question bank with everything Moodle's own export carries.

Mapping notes: single choice and scenarios are `multichoice` with one right answer (the
customer's line in the question text); multiple choice is `multichoice` with partial
credit (right options share 100%, wrong ones share -100%); true/false keeps one feedback
per answer; ordering is the `ordering` type (Moodle 4.4+ core, a plugin before), whose
items have no feedback of their own, so the per-step feedback is listed in the general
feedback; a written reply is an ungraded `essay` (default mark 0) with the model answer
and checklist as grader information. Moodle publishes no schema for this format.
"""

from __future__ import annotations

from functools import cache

import jinja2

from generator.models import Curriculum
from generator.outputs.exports.bank import Item, categories
from generator.outputs.exports.gift import category_path, percent
from generator.render import environment as site_environment

QTYPE = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "ordering": "ordering",
    "essay": "essay",
}


@cache
def environment() -> jinja2.Environment:
    """The project's Jinja settings (autoescaping, strict), loading the templates beside
    this module."""
    return site_environment().overlay(
        loader=jinja2.PackageLoader("generator.outputs.exports", "templates")
    )


def write(items: list[Item], cur: Curriculum) -> str:
    """The whole bank as one Moodle XML document."""
    groups = [(category_path(names), group) for names, group in categories(items)]
    shuffle = {q.id: q.shuffle for q in cur.quizzes.values()}
    return (
        environment()
        .get_template("moodle.xml.j2")
        .render(groups=groups, qtype=QTYPE, percent=percent, shuffle=shuffle)
    )

"""Where each page of the generated site lives (docs-relative Markdown paths).

One place decides the layout, so pages, handouts (QR codes) and exports agree on URLs.
"""

from __future__ import annotations

HOME = "index.md"
GLOSSARY = "glossary.md"
ASSESSMENT = "final-assessment.md"
HANDOUTS = "handouts.md"
TRAINER = "trainer.md"
PRE_TEST = "pre-test.md"
REVIEW = "review.md"
CERTIFICATE = "certificate.md"
COURSE_DATA = "assets/microlearn/course-data.js"
REVIEW_DATA = "assets/microlearn/review-data.js"

RESERVED = frozenset(
    {
        # pages and folders of the site, now or planned, and files the engine or package writes
        "index",
        "search",
        "assets",
        "handouts",
        "downloads",
        "trainer",
        "review",
        "certificate",
        "conversations",
        "glossary",
        "final-assessment",
        "pre-test",
        "404",
        "sitemap",
        "scorm",
        "imsmanifest",
        "javascripts",
        "stylesheets",
        "objects",
        "static",
        "media",  # images and audio, copied from content/media/
    }
)
"""Ids a module or lesson may not take: its page or folder would collide with one of these."""


def module_page(module_id: str) -> str:
    return f"{module_id}/index.md"


def lesson_page(module_id: str, lesson_id: str) -> str:
    return f"{module_id}/{lesson_id}.md"


def glossary_term(term_id: str) -> str:
    return f"{GLOSSARY}#term-{term_id}"


def html_path(page: str) -> str:
    """The built file for a page: 'mod/x.md' -> 'mod/x.html'."""
    return page[:-3] + ".html" if page.endswith(".md") else page

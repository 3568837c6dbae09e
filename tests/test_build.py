"""A real build of the shipped course, parsed back as a learner's browser would get it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import urls
from generator.build import BuildResult, build
from generator.errors import BuildError
from generator.models import OrderingQuestion, TrueFalseQuestion
from generator.render import RenderedSite

CASES = Path(__file__).resolve().parent / "cases"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def expected_items(question: object) -> int:
    if isinstance(question, TrueFalseQuestion):
        return 2
    if isinstance(question, OrderingQuestion):
        return len(question.steps)
    return len(question.options)  # type: ignore[attr-defined]


def test_every_lesson_page_has_its_quiz(course_build: BuildResult) -> None:
    cur = course_build.curriculum
    refs = cur.ordered_lessons()
    assert len(refs) >= 28
    for ref in refs:
        lesson_page = urls.lesson_page(ref.module.id, ref.lesson.id)
        page = course_build.site_dir / urls.html_path(lesson_page)
        doc = soup(page)
        assert doc.h1 and doc.h1.get_text(strip=True) == ref.lesson.title
        quiz = cur.lesson_quiz(ref.lesson)
        assert quiz is not None, ref.lesson.id
        form = doc.select_one(f"form.ml-quiz[data-quiz='{quiz.id}']")
        assert form is not None, f"{page.name}: no quiz form"
        questions = form.select("li.ml-question")
        scored = [q for q in quiz.questions if q.type != "reply"]  # replies are practice
        assert len(questions) == len(scored), page.name
        assert len(form.select("li.ml-reply-item")) == len(quiz.questions) - len(scored)
        for li, q in zip(questions, scored, strict=True):
            assert li["data-qid"] == q.id
            items = li.select(".ml-option, .ml-step")
            assert len(items) == expected_items(q), f"{page.name} {q.id}"
            # every question works without JavaScript: the answer and feedback are in <details>
            assert li.select_one("details.ml-answer") is not None
        for objective in ref.lesson.objectives:
            objectives = doc.select_one(".ml-objectives")
            assert objectives is not None
            assert objective.text in objectives.get_text(" ", strip=True)


def test_home_lists_modules_lessons_and_minutes(course_build: BuildResult) -> None:
    cur = course_build.curriculum
    home = soup(course_build.site_dir / "index.html")
    text = home.get_text(" ", strip=True)
    assert cur.course.title in text
    for number, module in enumerate(cur.modules, 1):
        assert f"Module {number}: {module.title}" in text
    links = {a["href"] for a in home.select(".ml-lesson-list a")}
    for ref in cur.ordered_lessons():
        assert urls.html_path(urls.lesson_page(ref.module.id, ref.lesson.id)) in links
    total = sum(r.lesson.duration for r in cur.ordered_lessons())
    assert f"about {total} minutes" in text


def test_final_assessment_and_glossary_pages(course_build: BuildResult) -> None:
    cur = course_build.curriculum
    final = cur.final_quiz()
    assert final is not None and final.assessment is not None
    pools = {q.objective.split("/")[0] for q in final.questions}
    assert pools == set(cur.lessons)  # every lesson is assessed on every attempt
    page = soup(course_build.site_dir / urls.html_path(urls.ASSESSMENT))
    assert len(page.select("form.ml-quiz li.ml-question")) == len(final.questions)
    assert page.select("[data-correct], .ml-feedback, details.ml-answer") == []
    assert cur.glossary is not None and len(cur.glossary.terms) >= 25
    glossary = soup(course_build.site_dir / urls.html_path(urls.GLOSSARY))
    assert len(glossary.select("dl.ml-glossary dt")) == len(cur.glossary.terms)


def test_pages_only_reference_their_own_site(course_build: BuildResult) -> None:
    """No fonts, scripts, styles or images from other hosts: the site works offline."""
    offenders = []
    for page in course_build.site_dir.rglob("*.html"):
        doc = soup(page)
        for tag in doc.select("script[src], link[href], img[src], iframe[src], source[src]"):
            ref = tag.get("src") or tag.get("href")
            if (
                tag.name == "link"
                and "stylesheet" not in (tag.get("rel") or [])
                and "preload" not in (tag.get("rel") or [])
            ):
                continue
            if re.match(r"^(https?:)?//", str(ref or "")):
                offenders.append(f"{page.name}: {ref}")
    assert offenders == []


def test_search_index_works_offline(course_build: BuildResult) -> None:
    index = course_build.site_dir / "search" / "search_index.js"
    assert index.is_file()
    assert "Paraphras" in index.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "mkdocs_yml",
    [
        None,  # no mkdocs.yml at all
        "theme:\n  name: material\n  features: [navigation.top]\nplugins:\n  - privacy\n",
    ],
)
def test_config_adds_required_features_and_plugins(tmp_path: Path, mkdocs_yml: str | None) -> None:
    project = shutil.copytree(CASES / "_base", tmp_path / "course")
    if mkdocs_yml:
        (project / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    site = build(project, handouts=False).site_dir
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "navigation.prune" in html  # Material writes enabled features into the page config
    assert (site / "search" / "search_index.js").is_file()  # search, offline; privacy dropped


def test_author_markdown_links_resolve(mini_build: BuildResult) -> None:
    page = soup(mini_build.site_dir / "basics" / "first-lesson.html")
    intro = page.select_one(".ml-intro")
    assert intro is not None
    hrefs = [a["href"] for a in intro.select("a")]
    assert hrefs == ["second-lesson.html", "../glossary.html#term-paraphrase"]


def test_poor_and_better_dialogues_render_side_by_side(mini_build: BuildResult) -> None:
    page = soup(mini_build.site_dir / "basics" / "first-lesson.html")
    pair = page.select_one(".ml-dialogue-pair")
    assert pair is not None
    badges = [b.get_text(strip=True) for b in pair.select(".ml-badge")]
    assert badges == ["Weaker response", "Stronger response"]
    assert "Ana Souza" in pair.get_text()


def test_branding_comes_from_the_project_mkdocs_yml(mini_build: BuildResult) -> None:
    title = soup(mini_build.site_dir / "index.html").title
    assert title is not None and "Mini Course Site" in title.get_text()


def test_a_second_writer_of_a_page_is_refused_by_name() -> None:
    site = RenderedSite()
    site.add("basics/index.md", "# Basics", "module 'basics'")
    with pytest.raises(BuildError) as caught:
        site.add("basics/index.md", "# Index", "lesson 'index'")
    assert str(caught.value) == (
        "lesson 'index': would write basics/index.md, which module "
        "'basics' already writes (rename one of them)"
    )
    assert site.pages == {"basics/index.md": "# Basics"}

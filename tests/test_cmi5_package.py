"""The cmi5 package without a browser: `cmi5.xml` is valid against the official course
structure schema and has one AU per module in course order, then the final assessment's AU
with its pass mark as masteryScore; every AU's url opens the package's launch page."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest
from lxml import etree, html

from generator.build import BuildResult
from generator.loader import load
from generator.outputs.lms import KINDS, package_path
from generator.outputs.lms.cmi5 import FINAL_AU, au_iri, course_iri, units
from generator.validate import assemble
from tests.conftest import ROOT

XSD = ROOT / "tests" / "schemas" / "cmi5" / "CourseStructure.xsd"
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(scope="module")
def package(mini_build: BuildResult) -> zipfile.ZipFile:
    return zipfile.ZipFile(mini_build.site_dir / package_path(mini_build.curriculum, "cmi5"))


def structure(package: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(package.read("cmi5.xml"))


def test_every_build_writes_the_cmi5_package(mini_build: BuildResult) -> None:
    assert "cmi5" in KINDS
    target = mini_build.site_dir / "downloads" / "mini-cmi5.zip"
    assert target.is_file()
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
    assert "cmi5.xml" in names  # at the root, as cmi5 section 14.1 requires
    assert {"cmi5.html", "index.html", "basics/first-lesson.html"} <= set(names)
    assert {"assets/microlearn/cmi5.js", "assets/microlearn/cmi5-core.js"} <= set(names)
    assert not [n for n in names if n.startswith(("downloads/", "handouts/trainer/"))]


def test_course_structure_is_valid_against_the_official_schema(package: zipfile.ZipFile) -> None:
    xsd = schema()
    doc = structure(package)
    assert xsd.validate(doc), xsd.error_log
    au = doc.find("c:au", NS)
    assert au is not None
    au.set("moveOn", "Viewed")  # not a cmi5 moveOn value: the schema must say so
    assert not xsd.validate(doc)
    assert "moveOn" in str(xsd.error_log)


def test_one_au_per_module_then_the_assessment_with_its_mastery_score(
    package: zipfile.ZipFile, mini_build: BuildResult
) -> None:
    cur = mini_build.curriculum
    doc = structure(package)
    course = doc.find("c:course", NS)
    assert course is not None and course.get("id") == course_iri(cur)
    assert course.findtext("c:title/c:langstring", namespaces=NS) == "Mini Course"
    aus = doc.findall("c:au", NS)
    assert [a.findtext("c:url", namespaces=NS) for a in aus] == [
        "cmi5.html?au=basics",
        f"cmi5.html?au={FINAL_AU}",
    ]
    module, final = aus
    assert module.get("moveOn") == "Completed" and module.get("masteryScore") is None
    assert module.findtext("c:title/c:langstring", namespaces=NS) == "The basics"
    assert final.get("moveOn") == "Passed"
    assert final.get("masteryScore") == "0.5"  # final.yaml: pass_mark 50
    assert len({a.get("id") for a in aus} | {course.get("id")}) == 3  # unique ids
    for au in aus:
        assert au.get("launchMethod") == "AnyWindow"
        assert au.find("c:title/c:langstring", NS).get("lang") == "en"


def test_the_launch_page_knows_every_au_and_its_pages(package: zipfile.ZipFile) -> None:
    page = html.fromstring(package.read("cmi5.html"))
    data = json.loads(page.get_element_by_id("ml-cmi5-units").text_content())
    assert list(data) == ["basics", FINAL_AU]
    assert data["basics"]["pages"] == ["basics/first-lesson.html", "basics/second-lesson.html"]
    assert data["basics"]["final"] == ""
    assert data[FINAL_AU] == {
        "pages": ["final-assessment.html"],
        "quizzes": ["final"],
        "versions": data[FINAL_AU]["versions"],
        "final": "final",
    }
    names = set(package.namelist())
    for src in page.xpath("//script/@src"):
        assert src in names, src
    for pages in (u["pages"] for u in data.values()):
        assert set(pages) <= names


def test_the_shipped_course_has_an_au_per_module_in_course_order() -> None:
    cur = assemble(load(ROOT))
    aus = units(cur)
    assert [u.key for u in aus] == [*cur.course.modules, FINAL_AU]
    final = cur.final_quiz()
    assert final is not None
    assert Decimal(aus[-1].mastery) * 100 == final.pass_mark
    assert all(u.move_on == "Completed" for u in aus[:-1])
    assert aus[0].pages[0] == f"{cur.modules[0].id}/{cur.modules[0].lessons[0]}.html"
    assert len({au_iri(cur, u) for u in aus}) == len(aus)


def test_a_course_without_a_final_has_module_aus_only(mini_build: BuildResult) -> None:
    cur = mini_build.curriculum
    course = cur.course.model_copy(update={"final_assessment": None, "url": "https://x.example/c/"})
    other = type(cur)(course=course, modules=cur.modules, lessons=cur.lessons, quizzes=cur.quizzes)
    assert [u.key for u in units(other)] == ["basics"]
    assert course_iri(other) == "https://x.example/c"
    doc = etree.fromstring(KINDS["cmi5"].generated(other, [])["cmi5.xml"].encode())  # type: ignore[union-attr]
    assert schema().validate(doc)
    assert [a.get("id") for a in doc.findall("c:au", NS)] == ["https://x.example/c/cmi5/basics"]

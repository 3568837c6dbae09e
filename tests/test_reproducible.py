"""Builds are atomic (a failure leaves site/ byte-for-byte as it was) and reproducible
(two builds of the same input give identical trees, PDFs included)."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import BuildError, ContentError

CASES = Path(__file__).resolve().parent / "cases"
PAST = int(datetime(2024, 3, 5, 12, 0, tzinfo=UTC).timestamp())


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def project_copy(tmp_path: Path, name: str = "course") -> Path:
    project = shutil.copytree(CASES / "_base", tmp_path / name)
    course = project / "content/course.yaml"  # with a URL, the sitemap lists the pages
    course.write_text(course.read_text() + "url: https://courses.example.org/tiny/\n")
    for path in project.rglob("*"):  # not in git: the build date is the newest source file
        os.utime(path, (PAST, PAST))
    return project


@pytest.fixture
def no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.usefixtures("no_source_date")
def test_two_builds_of_the_same_input_are_identical(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    first = build(project, site_dir=tmp_path / "one").site_dir
    second = build(project, site_dir=tmp_path / "two").site_dir
    one, two = tree_hashes(first), tree_hashes(second)
    assert any(name.endswith(".pdf") for name in one)  # handouts are part of the promise
    assert one == two


@pytest.mark.usefixtures("no_source_date")
def test_dates_in_the_site_follow_the_source_not_the_clock(tmp_path: Path) -> None:
    site = build(project_copy(tmp_path), site_dir=tmp_path / "site", handouts=False).site_dir
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2024-03-05</lastmod>" in sitemap
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read().decode() == sitemap
    assert int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little") <= PAST
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the pin does not leak out of the build


def test_source_date_epoch_wins_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01
    site = build(project_copy(tmp_path), site_dir=tmp_path / "site", handouts=False).site_dir
    assert "<lastmod>2000-01-01</lastmod>" in (site / "sitemap.xml").read_text()


def test_content_error_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    site = build(project, handouts=False).site_dir
    before = tree_hashes(site)
    lesson = project / "content/basics/first-steps.yaml"
    lesson.write_text(lesson.read_text().replace("duration: 1", "duration: [1"))
    with pytest.raises(ContentError):
        build(project, handouts=False)
    assert tree_hashes(site) == before


def test_engine_failure_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    site = build(project, handouts=False).site_dir
    before = tree_hashes(site)
    lesson = project / "content/basics/first-steps.yaml"  # a real change that must not land
    lesson.write_text(lesson.read_text().replace("title: First steps", "title: Changed"))
    (project / "mkdocs.yml").write_text("plugins:\n  - no-such-plugin\n")
    with pytest.raises(BuildError):
        build(project, handouts=False)
    assert tree_hashes(site) == before
    assert not site.with_name("site.incoming").exists()

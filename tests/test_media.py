"""A lesson image reaches every output: the site page, the LMS package and the handout PDF;
an audio block ships its file and prints its transcript. Media problems are located errors."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from generator.build import BuildResult, build, validate
from generator.outputs.lms import package_path
from tests.conftest import serve_folder

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

CASES = Path(__file__).resolve().parent / "cases"
LESSON = "content/basics/first-steps.yaml"
ANCHOR = "      Use it once near the start and once near the end of the contact.\n"


def png(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (30, 90, 200)) -> bytes:
    """A real PNG image, small enough to commit nothing."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def with_media(tmp_path: Path) -> Path:
    """The base case plus an image in Markdown, an image block and an audio block."""
    project = shutil.copytree(CASES / "_base", tmp_path / "media-course")
    media = project / "content/media"
    (media / "photos").mkdir(parents=True)
    (media / "photos/desk.png").write_bytes(png())
    (media / "badge.png").write_bytes(png(rgb=(200, 60, 30)))
    (media / "greeting.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64)
    lesson = project / LESSON
    lesson.write_text(
        lesson.read_text().replace(
            ANCHOR,
            ANCHOR
            + (
                "\n      ![An agent's desk with a headset](media/photos/desk.png)\n"
                "  - type: image\n"
                "    src: media/badge.png\n"
                "    alt: A name badge reading Sam\n"
                "    caption: Wear your name where customers can see it.\n"
                "  - type: audio\n"
                "    title: A greeting that uses the name\n"
                "    src: media/greeting.mp3\n"
                "    transcript: |\n"
                "      Agent: Good morning, Ms Okafor, thanks for waiting.\n"
            ),
        )
    )
    return project


@pytest.fixture(scope="module")
def media_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(with_media(tmp_path_factory.mktemp("media")))


def test_images_and_audio_are_in_the_site_and_the_page_shows_them(media_build: BuildResult) -> None:
    site = media_build.site_dir
    for rel in ("media/photos/desk.png", "media/badge.png", "media/greeting.mp3"):
        assert (site / rel).is_file(), rel
    page = BeautifulSoup((site / "basics/first-steps.html").read_text(), "html.parser")
    images = {img["src"]: img.get("alt") for img in page.select("article img")}
    assert images["../media/photos/desk.png"] == "An agent's desk with a headset"
    assert images["../media/badge.png"] == "A name badge reading Sam"
    source = page.select_one("article audio source")
    assert source is not None and source["src"] == "../media/greeting.mp3"
    assert "Good morning, Ms Okafor" in page.get_text()


def test_media_are_in_the_lms_package(media_build: BuildResult) -> None:
    with zipfile.ZipFile(media_build.site_dir / package_path(media_build.curriculum)) as zf:
        names = set(zf.namelist())
        assert {"media/photos/desk.png", "media/badge.png", "media/greeting.mp3"} <= names
        assert "media/photos/desk.png" in zf.read("imsmanifest.xml").decode()


def test_handout_pdf_embeds_the_images_and_prints_the_transcript(media_build: BuildResult) -> None:
    pdfs = list(media_build.site_dir.glob("handouts/basics/first-steps-handout.pdf"))
    assert pdfs, sorted(p.name for p in media_build.site_dir.rglob("*.pdf"))
    reader = PdfReader(pdfs[0])
    sizes = {
        (img.image.width, img.image.height)
        for page in reader.pages
        for img in page.images
        if img.image is not None
    }
    assert (64, 48) in sizes  # both test images are 64x48
    assert sum(len(page.images) for page in reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Ms Okafor" in text


def test_unused_and_remote_media_are_not_copied(tmp_path: Path) -> None:
    project = with_media(tmp_path)
    (project / "content/media/draft-unused.png").write_bytes(png())
    lesson = project / LESSON
    remote = "![The office from outside](https://images.example.org/office.png)"
    lesson.write_text(lesson.read_text().replace(ANCHOR, f"{ANCHOR}\n      {remote}\n"))
    (project / "microlearn.yaml").write_text("media_hosts: [images.example.org]\n")
    result = build(project, handouts=False)
    assert not (result.site_dir / "media/draft-unused.png").exists()
    assert sorted(p.name for p in (result.site_dir / "media").rglob("*") if p.is_file()) == [
        "badge.png",
        "desk.png",
        "greeting.mp3",
    ]
    page = (result.site_dir / "basics/first-steps.html").read_text()
    assert 'src="https://images.example.org/office.png"' in page


def test_too_big_a_file_is_a_located_error(tmp_path: Path) -> None:
    project = with_media(tmp_path)
    (project / "content/media/photos/desk.png").write_bytes(png() + b"\x00" * (2 * 1024 * 1024))
    _, problems = validate(project)
    assert [(p.line, p.col, p.rule) for p in problems if p.severity == "error"] == [
        (16, 7, "media")
    ]
    assert "the limit is 2,097,152" in problems[0].message


def test_an_audio_block_needs_a_transcript(tmp_path: Path) -> None:
    project = with_media(tmp_path)
    lesson = project / LESSON
    text = lesson.read_text()
    lesson.write_text(text[: text.index("    transcript: |")] + text[text.index("takeaways:") :])
    _, problems = validate(project)
    assert [p.message for p in problems if p.severity == "error"] == [
        "lesson 'first-steps': blocks[2]: missing required key 'transcript'"
    ]


@pytest.fixture(scope="module")
def media_url(media_build: BuildResult) -> Iterator[str]:
    yield from serve_folder(media_build.site_dir)


def test_the_browser_loads_the_images_and_finds_no_accessibility_problem(
    browser: Browser, media_url: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{media_url}/basics/first-steps.html")
    loaded = page.evaluate(
        "[...document.querySelectorAll('article img')].map(i => [i.alt, i.naturalWidth])"
    )
    assert sorted(loaded) == [
        ["A name badge reading Sam", 64],
        ["An agent's desk with a headset", 64],
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


def test_the_preview_shows_images_and_picks_up_a_new_one(tmp_path: Path) -> None:
    from generator.preview import PreviewPipeline

    project = with_media(tmp_path)
    site = tmp_path / "preview-site"
    pipeline = PreviewPipeline(project, site, tmp_path / "preview-work")
    pipeline.run()
    assert (site / "media/photos/desk.png").read_bytes() == png()
    (project / "content/media/photos/desk.png").write_bytes(png(rgb=(0, 0, 0)))
    pipeline.run()  # an image saved again is copied again, without a page rebuild
    assert (site / "media/photos/desk.png").read_bytes() == png(rgb=(0, 0, 0))

"""LMS packages share their site files: each is compressed once and written into every
archive. The archives must be ordinary zips, identical to what zipfile writes."""

from __future__ import annotations

import struct
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.outputs import lms
from generator.outputs.lms import pack

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    files: dict[str, str | bytes] = {
        "index.html": "<html><body>" + "Bonjour à tous, " * 400 + "</body></html>",
        "lessons/été/page.html": "<p>" + "naïve café " * 300 + "</p>",
        "assets/logo.png": bytes(range(256)) * 40,  # stored: already packed
        "assets/app.js": "var x = 1;\n" * 2000,
        "empty.txt": "",
    }
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return root


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _generated(kind: str) -> dict[str, str | bytes]:
    return {"imsmanifest.xml": f"<manifest kind='{kind}'/>", "launch.html": b"<p>launch</p>"}


def _raw(archive: Path) -> dict[str, bytes]:
    """Each entry's stored bytes as they sit in the archive (compressed or not)."""
    data = archive.read_bytes()
    out = {}
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            name_len, extra_len = struct.unpack("<2H", data[info.header_offset + 26 :][:4])
            start = info.header_offset + 30 + name_len + extra_len
            out[info.filename] = data[start : start + info.compress_size]
    return out


def test_one_archive_is_byte_for_byte_what_zipfile_writes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headers, directory and data: zipfile given the same deflate writes the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    real = zipfile._get_compressor  # type: ignore[attr-defined]

    def same_deflate(kind: int, level: int | None = None) -> object:
        return pack.compressor() if kind == zipfile.ZIP_DEFLATED else real(kind, level)

    monkeypatch.setattr(zipfile, "_get_compressor", same_deflate)
    ours, theirs = tmp_path / "ours.zip", tmp_path / "theirs.zip"
    lms.write_zips(site, _files(site), [(ours, _generated("a"))])
    lms._write_zips_zip64(site, _files(site), [(theirs, _generated("a"))])
    assert ours.read_bytes() == theirs.read_bytes()


def test_several_archives_share_the_same_compressed_bytes_and_open_everywhere(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    targets = [tmp_path / "out" / f"{kind}.zip" for kind in ("scorm12", "scorm2004", "cmi5")]
    files = _files(site)
    lms.write_zips(site, files, [(t, _generated(t.stem)) for t in targets])
    raws = [_raw(t) for t in targets]
    for target in targets:
        checked = subprocess.run(["unzip", "-t", str(target)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        with zipfile.ZipFile(target) as zf:
            assert zf.testzip() is None
            assert zf.namelist() == ["imsmanifest.xml", "launch.html", *files]
            assert zf.read("imsmanifest.xml").decode() == f"<manifest kind='{target.stem}'/>"
            for rel in files:
                assert zf.read(rel) == (site / rel).read_bytes()
                info = zf.getinfo(rel)
                assert info.date_time == (2023, 11, 14, 22, 13, 20)
                assert info.external_attr >> 16 == 0o644
                packed = rel.endswith(".png")
                assert info.compress_type == (
                    zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
                )
    for rel in files:
        assert raws[0][rel] == raws[1][rel] == raws[2][rel]
    assert len(raws[0]["index.html"]) < (site / "index.html").stat().st_size / 10


def test_each_shared_file_is_compressed_once_whatever_the_number_of_archives(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = pack.entry

    def counted(name: str, data: bytes, *, stored: bool) -> pack.Entry:
        made.append(name)
        return real(name, data, stored=stored)

    monkeypatch.setattr(pack, "entry", counted)
    targets = [tmp_path / f"{n}.zip" for n in range(3)]
    lms.write_zips(site, _files(site), [(t, _generated(t.stem)) for t in targets])
    shared = [name for name in made if name in _files(site)]
    assert sorted(shared) == _files(site)  # once each, not three times


def test_sizes_that_need_zip64_are_left_to_zipfile(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pack.fits([10_000] * 100)
    assert not pack.fits([1 << 30, 1 << 30])
    assert not pack.fits([1] * pack.MAX_ENTRIES)
    monkeypatch.setattr(pack, "LIMIT", 1000)  # as if the site were over 2 GB
    target = tmp_path / "big.zip"
    lms.write_zips(site, _files(site), [(target, _generated("a"))])
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        assert zf.read("index.html") == (site / "index.html").read_bytes()

"""The locked installs: what `make site` and `make test` install is exactly what was tested.

requirements/site.txt and requirements/test.txt are written by `make lock` from the ranges in
pyproject.toml. These tests catch a lock that has drifted from pyproject, and an environment
that holds something the lock does not.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("site", "test")}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def locked(name: str) -> dict[str, str]:
    """Package -> pinned version in one lock file, for this Python and platform."""
    pins: dict[str, str] = {}
    lines = LOCKS[name].read_text(encoding="utf-8").splitlines()
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        match = PIN.match(line)
        if match is None:
            continue
        package, version, marker = match.groups()
        assert following.strip().startswith("--hash=sha256:"), f"{package} has no hash"
        if marker is None or Marker(marker).evaluate():
            pins[canonicalize_name(package)] = version
    return pins


def requirements(extra: str | None) -> list[Requirement]:
    found = PROJECT["optional-dependencies"][extra] if extra else PROJECT["dependencies"]
    return [Requirement(text) for text in found]


@pytest.mark.parametrize(("lock", "extras"), [("site", [None]), ("test", [None, "test"])])
def test_pyproject_ranges_admit_the_locked_versions(lock: str, extras: list[str | None]) -> None:
    pins = locked(lock)
    for extra in extras:
        for req in requirements(extra):
            name = canonicalize_name(req.name)
            assert name in pins, f"{req} is not in requirements/{lock}.txt: run `make lock`"
            assert req.specifier.contains(pins[name], prereleases=True), (
                f"requirements/{lock}.txt pins {name}=={pins[name]}, outside {req}: run `make lock`"
            )


def test_site_and_test_locks_agree() -> None:
    site, test = locked("site"), locked("test")
    assert {
        name: (version, test.get(name))
        for name, version in site.items()
        if test.get(name) != version
    } == {}


def test_the_locks_hold_the_build_tools() -> None:
    # The project is installed without build isolation, from the setuptools in the lock.
    build_system = Requirement(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"][
            "requires"
        ][0]
    )
    for lock in LOCKS:
        pins = locked(lock)
        assert build_system.specifier.contains(pins[canonicalize_name(build_system.name)])
        assert "pip" in pins


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="runs in the project's virtualenv")
def test_every_installed_package_is_the_locked_version() -> None:
    pins = locked("test")
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions(path=[p for p in sys.path if p.startswith(sys.prefix)])
    }
    installed.pop(canonicalize_name(PROJECT["name"]), None)
    differ = {
        name: (version, pins.get(name))
        for name, version in installed.items()
        if pins.get(name) != version
    }
    assert differ == {}, "installed (version, locked version); run `make test` on a fresh .venv"


@pytest.mark.skipif(Path(sys.prefix) != ROOT / ".venv", reason="reinstalls into the make venv")
def test_installing_the_project_prints_nothing() -> None:
    # `make site` reinstalls the project whenever pyproject.toml changes; setuptools used to add
    # 256 lines of packaging advice around the four lines an author needs.
    result = subprocess.run(
        ["make", "-s", "-W", "pyproject.toml", ".venv/bin/microlearn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = (result.stdout + result.stderr).splitlines()
    assert [line for line in output if not line.startswith("Installing the locked")] == []

"""The runtime's pure modules (scoring, storage contract, LMS decisions) under `node --test`.

Node is required: without it these tests fail rather than skip, like the browser tests.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"


def test_runtime_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: run `make test` (it installs npm and node)", pytrace=False)
    files = sorted(JS_TESTS.glob("*.test.js"))
    assert files, "no JavaScript unit tests found"
    run = subprocess.run(
        [node, "--test", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout

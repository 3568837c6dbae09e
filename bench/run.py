"""Build benchmarks: figures and ratios, printed; never asserted.

    python bench/run.py [--lessons N]

1. validate the shipped course;
2. build the shipped course without and with handouts (cold PDF cache, then warm);
3. build a generated course of N lessons (copies of the shipped lessons) without handouts,
   to show how the build scales (pages per second, peak memory).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import build, validate  # noqa: E402


def timed(label: str, fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s")
    return seconds


def scaled_course(dest: Path, lessons: int) -> Path:
    """The shipped course plus `lessons` more, copied from the shipped ones under new ids."""
    project = dest / "scaled"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(
            "site", "site.*", ".microlearn", ".venv", "node_modules", ".git", "tests", "bench"
        ),
    )
    course = yaml.safe_load((project / "content" / "course.yaml").read_text())
    sources = []
    for module_id in course["modules"]:
        module = yaml.safe_load((project / "content" / module_id / "module.yaml").read_text())
        sources += [(module_id, lid) for lid in module["lessons"]]
    per_module = 25
    modules = []
    for m in range((lessons + per_module - 1) // per_module):
        mid = f"m{m:03d}"
        folder = project / "content" / mid
        folder.mkdir()
        ids = []
        for i in range(min(per_module, lessons - m * per_module)):
            src_module, src_id = sources[(m * per_module + i) % len(sources)]
            new_id = f"{src_id}-{m:03d}-{i:02d}"
            text = (project / "content" / src_module / f"{src_id}.yaml").read_text()
            text = text.replace(f"id: {src_id}\n", f"id: {new_id}\n", 1)
            text = text.replace(f"quiz: {src_id}\n", f"quiz: {new_id}\n")
            (folder / f"{new_id}.yaml").write_text(text)
            quiz = (project / "quizzes" / f"{src_id}.yaml").read_text()
            (project / "quizzes" / f"{new_id}.yaml").write_text(
                quiz.replace(f"id: {src_id}\n", f"id: {new_id}\n", 1)
            )
            ids.append(new_id)
        (folder / "module.yaml").write_text(
            yaml.safe_dump(
                {"id": mid, "title": f"Module {m + 1}", "summary": "Generated.", "lessons": ids}
            )
        )
        modules.append(mid)
    course["modules"] += modules  # the shipped lessons stay: other lessons link to them
    (project / "content" / "course.yaml").write_text(yaml.safe_dump(course))
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=500, help="lessons in the scaled course")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("== shipped course")
        t_validate = timed("validate", lambda: validate(ROOT))
        site = work / "site"
        t_site = timed("build, no handouts", lambda: build(ROOT, site_dir=site, handouts=False))
        cache = ROOT / ".microlearn" / "cache"
        saved = work / "cache-backup"
        if cache.exists():
            shutil.move(str(cache), saved)
        try:
            t_cold = timed(
                "build with handouts, cold PDF cache", lambda: build(ROOT, site_dir=site)
            )
            t_warm = timed(
                "build with handouts, warm PDF cache", lambda: build(ROOT, site_dir=site)
            )
        finally:
            if saved.exists():
                shutil.rmtree(cache, ignore_errors=True)
                shutil.move(str(saved), cache)
        pdfs = list((site / "handouts").rglob("*.pdf")) if (site / "handouts").exists() else []
        print(f"{'PDF files':<48} {len(pdfs):8d}")
        print(f"{'validate / full build (no handouts)':<48} {t_validate / t_site:8.2f}")
        print(f"{'PDF rendering share of a cold build':<48} {(t_cold - t_site) / t_cold:8.0%}")
        print(f"{'warm / cold build with handouts':<48} {t_warm / t_cold:8.2f}")

        print(f"== generated course, {args.lessons} lessons, no handouts")
        project = scaled_course(work, args.lessons)
        result = {}
        t_big = timed(
            "build",
            lambda: result.setdefault(
                "r", build(project, site_dir=work / "big-site", handouts=False)
            ),
        )
        pages = result["r"].pages
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'pages':<48} {pages:8d}")
        print(f"{'pages per second':<48} {pages / t_big:8.1f}")
        print(f"{'peak memory of this process (MB)':<48} {peak:8.0f}")
        shipped = len(result["r"].curriculum.lessons) - args.lessons
        print(
            f"{'seconds per lesson, scaled vs shipped course':<48} "
            f"{(t_big / (args.lessons + shipped)) / (t_site / shipped):8.2f}"
        )


if __name__ == "__main__":
    main()

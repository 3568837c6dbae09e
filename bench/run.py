"""Scale benchmark: figures and ratios, printed; never asserted.

    python bench/run.py [--lessons 1000] [--growth 100,1000,3000] [--only validate,build,...]

On courses made by `bench/course.py` (the shipped course plus copies with their own words):
- validate: `validate()` against merely parsing the same YAML files with CSafeLoader;
- build: `microlearn build --no-handouts` against bare `mkdocs build` of the tree microlearn
  hands to the engine (CPU of each command with its child processes, and the peak of the
  memory its processes hold at one moment);
- preview: seconds from saving a lesson to the preview serving it, on the shipped course and
  on the large one, for a text edit and a title edit (the title is also in the navigation);
- growth: CPU per lesson of `build --no-handouts` as the course grows.
Each ratio compares two figures measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import preview  # noqa: E402
from bench.course import make_course  # noqa: E402
from bench.measure import Usage, measure  # noqa: E402
from generator.build import validate  # noqa: E402

PY = sys.executable
SECTIONS = ("validate", "build", "preview", "growth")
EDITED = ("techniques", "paraphrasing")  # a shipped lesson, present in every generated course


def line(label: str, value: str) -> None:
    print(f"  {label:<52} {value}", flush=True)


def cpu_of(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def parse_all(project: Path) -> int:
    """Parse every course file with CSafeLoader: the floor for any validation."""
    files = sorted((project / "content").rglob("*.yaml")) + sorted(
        (project / "quizzes").glob("*.yaml")
    )
    for file in files:
        yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(files)


def bench_validate(project: Path) -> None:
    parse_all(project)  # warm the file cache and imports for both
    files = 0

    def parse() -> None:
        nonlocal files
        files = parse_all(project)

    t_parse = cpu_of(parse)
    t_validate = cpu_of(lambda: validate(project))
    line(f"parse {files} files with CSafeLoader (CPU)", f"{t_parse:8.2f} s")
    line("validate (CPU)", f"{t_validate:8.2f} s")
    line("validate / parse", f"{t_validate / t_parse:8.2f} x   (goal <= 5)")


def build_usage(project: Path, work: Path) -> Usage:
    return measure(
        [
            PY,
            "-m",
            "generator",
            "-q",
            "build",
            "--no-handouts",
            "-C",
            str(project),
            "-d",
            str(work / "site"),
        ]
    )


def bench_build(project: Path, work: Path) -> Usage:
    ours = build_usage(project, work)
    config = work / "emitted" / "mkdocs.yml"
    measure([PY, str(ROOT / "bench" / "emit.py"), str(project), str(config.parent)])
    bare = measure(
        [PY, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "bare-site")]
    )
    line(
        "microlearn build --no-handouts: CPU, peak memory",
        f"{ours.cpu:8.2f} s {ours.peak_mb:6.0f} MB   ({ours.processes} processes at once)",
    )
    line(
        "bare mkdocs build of the emitted tree: CPU, peak memory",
        f"{bare.cpu:8.2f} s {bare.peak_mb:6.0f} MB",
    )
    line("build / bare mkdocs, CPU", f"{ours.cpu / bare.cpu:8.2f} x   (goal <= 1.2)")
    line(
        "build CPU above the engine's (goal: at most a fifth of it)",
        f"{ours.cpu - bare.cpu:8.2f} s   (allowed {bare.cpu / 5:.2f} s)",
    )
    line(
        "build / bare mkdocs, peak memory", f"{ours.peak_mb / bare.peak_mb:8.2f} x   (goal <= 1.2)"
    )
    return ours


def bench_preview(project: Path, label: str, saves: int) -> None:
    results = preview.latencies(project, *EDITED, saves=saves)
    for kind, seconds in results.items():
        line(
            f"preview, {label}, {kind} edit: median (all)",
            f"{statistics.median(seconds):8.2f} s   ({', '.join(f'{s:.2f}' for s in seconds)})",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000, help="lessons of the large course")
    parser.add_argument(
        "--growth",
        default="100,1000,3000",
        help="course sizes for the growth figures (comma-separated)",
    )
    parser.add_argument("--saves", type=int, default=3, help="saves per kind of preview edit")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections to run (of {', '.join(SECTIONS)})"
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}  {platform.node()}  {platform.processor() or ''} "
        f"python {platform.python_version()}",
        flush=True,
    )

    with tempfile.TemporaryDirectory(prefix="microlearn-bench-") as tmp:
        work = Path(tmp)
        big = make_course(work / f"course-{args.lessons}", args.lessons)
        usage: dict[int, Usage] = {}
        if "validate" in only:
            print(f"== validate, {args.lessons} lessons")
            bench_validate(big)
        if "build" in only:
            print(f"== build, {args.lessons} lessons")
            usage[args.lessons] = bench_build(big, work / f"build-{args.lessons}")
        if "preview" in only:
            print("== preview (save -> page served)")
            shipped = make_course(work / "shipped", 0)
            bench_preview(shipped, "shipped course", args.saves)
            bench_preview(big, f"{args.lessons} lessons", args.saves)
        if "growth" in only:
            sizes = [int(s) for s in args.growth.split(",") if s]
            print(f"== growth, build --no-handouts, {' -> '.join(map(str, sizes))} lessons")
            for size in sizes:
                if size not in usage:
                    project = make_course(work / f"course-{size}", size)
                    usage[size] = build_usage(project, work / f"build-{size}")
                u = usage[size]
                line(
                    f"{size} lessons: CPU, per lesson, peak memory",
                    f"{u.cpu:8.2f} s {1000 * u.cpu / size:6.1f} ms {u.peak_mb:6.0f} MB",
                )
            first, last = sizes[0], sizes[-1]
            per = [usage[s].cpu / s for s in (first, last)]
            line(
                f"CPU per lesson, {last} vs {first} lessons",
                f"{per[1] / per[0]:8.2f} x   (goal <= 1.15)",
            )


if __name__ == "__main__":
    main()

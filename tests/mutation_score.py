"""Print the mutation score of each mutated module and fail below the bar.

`make mutation` runs mutmut (Python: validation, lint rules and runner) and Stryker
(JavaScript: storage, scoring, LMS decisions), then this script. It reads what they left
behind: `mutants/**/*.py.meta` and `reports/mutation/mutation.json`.

A mutant counts as killed when a test failed or timed out with it (Stryker counts the same
way). Mutants listed in `tests/mutants-equivalent.txt` change nothing a user or a test could
observe; they are left out of the score, and each entry names the line the mutant must show,
so an entry that no longer matches (the code moved on) counts again instead of hiding a
new survivor.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = Path(__file__).resolve().parent / "mutants-equivalent.txt"
STRYKER_REPORT = ROOT / "reports" / "mutation" / "mutation.json"
BAR = 80.0

# mutmut's exit codes per mutant (mutmut/stats.py): 1 and 3 are failing tests, the timeouts
# are signals or mutmut's own marker; 0 is "survived", 33 and 5 "no test covers it".
KILLED_CODES = {1, 3}
TIMEOUT_CODES = {36, 24, -24, 152, 255}
SURVIVED_CODES = {0, 5, 33}
STRYKER_KILLED = {"Killed", "Timeout"}
STRYKER_COUNTED = STRYKER_KILLED | {"Survived", "NoCoverage"}


@dataclass
class Score:
    module: str
    killed: int = 0
    total: int = 0
    equivalent: int = 0
    not_run: int = 0
    survivors: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.killed / self.total if self.total else 100.0

    def line(self) -> str:
        extra = f", {self.equivalent} equivalent left out" if self.equivalent else ""
        extra += f", {self.not_run} not run" if self.not_run else ""
        percent = f"{self.percent:5.1f}%" if self.total else "    -"
        return f"{self.module:<52} {self.killed:>5} / {self.total:<5} killed {percent}{extra}"


def _equivalents() -> dict[str, str]:
    """Mutant name -> the changed line it must show, from tests/mutants-equivalent.txt."""
    found: dict[str, str] = {}
    if not EQUIVALENT.exists():
        return found
    for raw in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, rest = raw.split(" | ", 1)  # the changed line itself may hold " | "
        changed, _reason = rest.rsplit(" | ", 1)
        found[name.strip()] = changed.strip()
    return found


def _changed_line(name: str) -> str | None:
    """The first added line of a mutant's diff, as `mutmut show` prints it."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # only where mutmut ran

    diff = get_diff_for_mutant(name)
    for line in diff.splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            return line[1:].strip()
    return None


def python_scores(partial: bool = False) -> list[Score]:
    """One score per module listed in pyproject's [tool.mutmut] only_mutate; with `partial`,
    mutants an interrupted run did not reach are counted apart instead of failing."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    equivalent = _equivalents()
    scores: list[Score] = []
    for meta in sorted((ROOT / "mutants").glob("**/*.py.meta")):
        module = meta.relative_to(ROOT / "mutants").as_posix().removesuffix(".meta")
        if not any(fnmatch(module, pattern) for pattern in conf["only_mutate"]):
            continue
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        score = Score(module)
        for name, code in sorted(codes.items()):
            if code is None and partial:
                score.not_run += 1
                continue
            if code is None:
                sys.exit(f"{module}: mutant {name} was not run; run `make mutation` again")
            if name in equivalent and _changed_line(name) == equivalent[name]:
                score.equivalent += 1
                continue
            score.total += 1
            if code in KILLED_CODES or code in TIMEOUT_CODES:
                score.killed += 1
            else:
                score.survivors.append(name)
        scores.append(score)
    return scores


def js_scores() -> list[Score]:
    """One score per file in Stryker's JSON report."""
    if not STRYKER_REPORT.exists():
        return []
    report = json.loads(STRYKER_REPORT.read_text(encoding="utf-8"))
    scores = []
    for path, data in sorted(report["files"].items()):
        score = Score((ROOT / path).resolve().relative_to(ROOT).as_posix())
        for mutant in data["mutants"]:
            if mutant["status"] in STRYKER_COUNTED:
                score.total += 1
                score.killed += mutant["status"] in STRYKER_KILLED
        scores.append(score)
    return scores


def total(name: str, scores: list[Score]) -> Score:
    return Score(
        name,
        killed=sum(s.killed for s in scores),
        total=sum(s.total for s in scores),
        equivalent=sum(s.equivalent for s in scores),
        not_run=sum(s.not_run for s in scores),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument("--no-js", action="store_true", help="skip Stryker's report")
    parser.add_argument("--no-python", action="store_true", help="skip mutmut's results")
    parser.add_argument(
        "--partial", action="store_true", help="score an interrupted mutmut run so far"
    )
    args = parser.parse_args()
    failed = []
    groups = []
    if not args.no_python:
        groups.append(("Python", python_scores(args.partial)))
    if not args.no_js:
        groups.append(("JavaScript", js_scores()))
    for language, scores in groups:
        if not scores:
            sys.exit(f"no {language} mutation results found; run `make mutation`")
        print(f"Mutation score, {language} (killed / mutants):")
        for score in scores:
            print("  " + score.line())
            if args.survivors:
                print("".join(f"      survived: {name}\n" for name in score.survivors), end="")
        overall = total(f"{language} total", scores)
        print("  " + overall.line())
        if overall.percent < BAR:
            failed.append(f"{language} {overall.percent:.1f}%")
    if failed:
        print(f"FAILED: mutation score below {BAR:.0f}%: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

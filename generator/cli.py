"""The `microlearn` command line: build, validate, schema, serve; `init` and `new` are in
`cli_new.py`, output and logging settings in `console.py`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator import __version__, report
from generator.build import build as run_build
from generator.build import validate as run_validate
from generator.cli_new import init, new
from generator.console import (
    Group,
    echo_problems,
    project_option,
    say,
    verbosity,
    verbosity_options,
)
from generator.errors import ContentError
from generator.outputs.handouts.plan import TRAINER_FOLDER
from generator.outputs.lms import KINDS as LMS_KINDS
from generator.outputs.lms import package_path as lms_package_path

log = logging.getLogger("generator")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="microlearn")
@verbosity_options
def cli() -> None:
    """Build microlearning courses from YAML: site, quizzes, handouts."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@cli.command()
@project_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: <project>/site).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--no-handouts", is_flag=True, help="Skip the PDF handouts (faster previews).")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default=None,
    help="Paper size of handouts (default: the course's 'paper' setting).",
)
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="Where the site is published; handouts link to it with QR codes "
    "(default: the course's 'url', else $MICROLEARN_SITE_URL).",
)
def build(
    project: Path,
    site_dir: Path | None,
    strict: bool,
    no_handouts: bool,
    paper: str | None,
    site_url: str | None,
) -> None:
    """Validate the course and build the site into site/."""
    result = run_build(
        project,
        site_dir=site_dir,
        strict=strict,
        handouts=not no_handouts,
        paper=paper,
        site_url=site_url,
    )
    echo_problems(result.warnings)
    for message in result.engine_warnings:
        log.warning("site engine: %s", message)
    lessons = len(result.curriculum.lessons)
    say(f"Built {lessons} lessons, {result.pages} pages into {result.site_dir}")
    packages = {kind: lms_package_path(result.curriculum, kind) for kind in LMS_KINDS}
    where = _where_to_look(result.site_dir, packages, result.trainer_dir)
    for line in where:
        say(line)


def _where_to_look(
    site_dir: Path, packages: dict[str, str], trainer_dir: Path | None = None
) -> list[str]:
    """What the build produced and how to open it, for the last lines an author sees."""

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    site = shown(site_dir)
    lines = [
        f"  Site:     {shown(site_dir / 'index.html')} (open it in a browser, or run "
        f"`python3 -m http.server -d {site}` and visit http://localhost:8000/)"
    ]
    trainer = site_dir / TRAINER_FOLDER
    if trainer_dir is not None:
        index = trainer_dir / "index.html"
        listed = f", listed on {shown(index)}" if index.is_file() else ""
        lines.append(
            f"  Trainer:  {shown(trainer_dir)}/ (answer keys and question banks in exports/"
            f"{listed}; share with trainers, never publish it)"
        )
    elif trainer.is_dir():
        lines.append(
            f"  Trainer:  {shown(trainer)}/ (answer keys and facilitator guide, "
            f"listed on {site}/trainer.html)"
        )
    for kind, package in packages.items():
        if (site_dir / package).is_file():
            upload = LMS_UPLOAD.get(kind, f"upload to the LMS: {LMS_KINDS[kind].summary}")
            lines.append(f"  LMS:      {shown(site_dir / package)} ({upload})")
    return lines


LMS_UPLOAD = {
    "scorm12": "upload to the LMS as a SCORM 1.2 package",
    "scorm2004": "or as SCORM 2004, one SCO per module",
    "cmi5": "or import into a cmi5 (xAPI) LMS, an AU per module",
}


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Report warnings as errors (exit 1 on them too).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(report.FORMATS),
    default="text",
    show_default=True,
    help="text: path:line:col lines; github: workflow "
    "annotations shown on pull requests; json: for tools.",
)
def validate(project: Path, strict: bool, fmt: str) -> None:
    """Check the course source and report every problem, then exit 1 if any is an error.
    With -v also what the handouts print shorter than the pages (this renders them)."""
    cur, problems = run_validate(project, strict=strict)
    if cur is not None and verbosity() > 0:
        from generator.outputs.handouts import measure

        problems = sorted(problems + measure(cur, project.resolve()))
    problems = report.promote(problems, strict)
    output = report.render(report.visible(problems, verbosity()), fmt, project)
    if output:
        click.echo(output)
    say(report.summary(problems))
    if any(p.severity == "error" for p in problems):
        sys.exit(1)


@cli.command()
@project_option
def stats(project: Path) -> None:
    """Print the course-wide answer-cue statistics and the final assessment's coverage."""
    from generator.config import load_config
    from generator.lint.cues import describe, statistics

    cur, problems = run_validate(project)
    if cur is None:
        raise ContentError([p for p in problems if p.severity == "error"])
    settings = load_config(project)[0].lint
    click.echo("\n".join(describe(statistics(cur, settings), settings)))


@cli.command()
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into (default: the schemas folder of the installed "
    "generator, which content files point at).",
)
def schema(out: Path | None) -> None:
    """Write JSON Schemas of every kind of course file (for editors)."""
    from generator.schema import SCHEMA_DIR, write_schemas

    for path in write_schemas(out or SCHEMA_DIR):
        say(f"wrote {path}")


@cli.command()
@project_option
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: every network interface, e.g. to preview on a phone).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option("--handouts", is_flag=True, help="Also build the PDF handouts (slower: full builds).")
def serve(project: Path, port: int, host: str, open_browser: bool, handouts: bool) -> None:
    """Preview the course: rebuild what a save changed and reload the browser."""
    from generator.serve import serve as run_serve

    run_serve(project, host=host, port=port, handouts=handouts, open_browser=open_browser)


cli.add_command(init)
cli.add_command(new)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="microlearn")


def _register_extra_commands() -> None:
    """Commands kept in their own modules (they import this one for shared options)."""
    from generator.cli_exports import export, results

    cli.add_command(export)
    cli.add_command(results)


_register_extra_commands()

"""``forewarn library``: add stories to the reader's library, list, show, remove, search."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Callable, TypeVar

import click

from forewarn.cli_group import ForewarnGroup

from forewarn.errors import ForewarnError, UnusableInput

F = TypeVar("F", bound=Callable[..., object])
STORY_EXTENSIONS = (".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".epub")

EXAMPLES = """
\b
Examples:
  forewarn library add story.txt downloads/ao3/      # files and whole folders
  forewarn library list
  forewarn library show 3 --evidence
  forewarn library search "harbour rain" --exclude grief:depicted --max-words 20000
  forewarn library search --include smoking --rating teen --pov first
  forewarn library remove 3
The database is $FOREWARN_DB, or library.sqlite3 in your user data folder; --db chooses another.
"""


def db_option(fn: F) -> F:
    """The ``--db PATH`` option shared by every library command."""
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        help="Library database file (default: $FOREWARN_DB or the user data "
                             "folder).")(fn)  # type: ignore[return-value]


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from forewarn.library import Library

    return Library(db)


@click.group(cls=ForewarnGroup, epilog=EXAMPLES)
def library() -> None:
    """Your library of scanned stories: add, list, show, remove, search."""


def collect_files(paths: tuple[str, ...],
                  follow_symlinks: bool = False) -> tuple[list[Path], list[str]]:
    """Story files named by ``paths`` (folders are searched recursively), and problems.

    Symbolic links inside a folder are skipped (listed as problems) unless
    ``follow_symlinks``: a link could lead out of the folder (``/etc/passwd``).

    Example:
        >>> collect_files(("/no/such/place",))
        ([], ['/no/such/place: no such file or folder'])
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        try:
            found, problem = _story_files(p, follow_symlinks, problems)
        except OSError as exc:
            problems.append(f"{p}: cannot read ({exc.strerror or exc})")
            continue
        files += found
        if problem:
            problems.append(problem)
    return files, problems


def _story_files(p: Path, follow_symlinks: bool,
                 problems: list[str]) -> tuple[list[Path], str | None]:
    """The story files at ``p`` (a file, or a folder searched recursively), or a problem;
    links skipped inside a folder are added to ``problems``."""
    if p.is_dir():
        found = []
        for f in sorted(p.rglob("*")):
            if f.suffix.lower() not in STORY_EXTENSIONS or \
                    any(part.startswith(".") for part in f.relative_to(p).parts):
                continue
            if f.is_symlink() and not follow_symlinks:
                problems.append(f"{f}: a symbolic link (not followed without --follow-symlinks)")
            elif f.is_file():
                found.append(f)
        if not found:
            return [], (f"{p}: no story files in this folder "
                        f"({', '.join(STORY_EXTENSIONS)})")
        return found, None
    if p.exists():
        return [p], None
    return [], f"{p}: no such file or folder"


@library.command(epilog=EXAMPLES)
@click.argument("paths", nargs=-1, required=True, metavar="PATH…")
@db_option
@click.option("--follow-symlinks", is_flag=True,
              help="Also read symbolic links found inside folders (skipped by default).")
def add(paths: tuple[str, ...], db: str | None, follow_symlinks: bool) -> None:
    """Scan story files (or every story in a folder) and store them in the library.

    A story already in the library (same text) is updated in place.
    """
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn)

    from forewarn.ingest import load_path
    from forewarn.pipeline import scan_work

    files, problems = collect_files(paths, follow_symlinks)
    counts = {"added": 0, "updated": 0}
    err = Console(stderr=True, highlight=False)
    with _open(db) as lib:
        lib.ensure_writable()  # before a whole folder is scanned for nothing
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[name]}"), console=err, transient=True,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task("Adding", total=len(files), name="")
            for f in files:
                bar.update(task, name=f.name[-40:])
                try:
                    work = load_path(f)
                    report = scan_work(work)
                    work_id, status = lib.add(report, text=work.story_text())
                except ForewarnError as exc:
                    problems.append(str(exc))
                except Exception as exc:  # a bug must not cost the rest of the folder
                    problems.append(f"{f}: internal error ({type(exc).__name__}: {exc})")
                else:
                    counts[status] += 1
                    bar.console.print(f"{status} {work_id}: {report.work.title or f.name}",
                                      markup=False)
                    if not err.is_terminal:
                        click.echo(f"{status} {work_id}: {report.work.title or f.name}")
                bar.advance(task)
    for p in problems:
        click.echo(f"forewarn: skipped: {p}", err=True)
    click.echo(f"{counts['added']} added, {counts['updated']} updated, "
               f"{len(problems)} skipped ({lib.path})")
    if problems:
        sys.exit(2)


def _summary_rows(works, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        click.echo(json.dumps([w.to_dict() for w in works], ensure_ascii=False, indent=2))
        return
    if not works:
        click.echo("No works.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for col, just in (("id", "right"), ("title", "left"), ("words", "right"),
                      ("ch.", "right"), ("rating", "left"), ("pov", "left"),
                      ("warnings", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for w in works:
        warns = ", ".join(f"{wid} ({sev})" for wid, sev in w.warnings[:5])
        if len(w.warnings) > 5:
            warns += f", +{len(w.warnings) - 5}"
        table.add_row(str(w.id), w.title or "(untitled)", f"{w.words:,}", str(w.chapters),
                      w.rating or "", w.pov or "", warns or "none found")
    con = Console(width=max(100, _term_width()), highlight=False, markup=False,
                  force_terminal=None if sys.stdout.isatty() else False)
    con.print(table)


def _term_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 120


@library.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def list_(as_json: bool, db: str | None) -> None:
    """List the works in the library, most recent first."""
    with _open(db) as lib:
        _summary_rows(lib.list(), as_json)


@library.command()
@click.argument("work_id", type=int, metavar="ID")
@click.option("--evidence", is_flag=True, help="Show the passages behind each warning.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored report as JSON.")
@db_option
def show(work_id: int, evidence: bool, as_json: bool, db: str | None) -> None:
    """Show the stored report of one work (and the verdict for your profile)."""
    with _open(db) as lib:
        stored = lib.get(work_id)
    if stored is None:
        raise UnusableInput(f"library: no work with id {work_id} (see `forewarn library list`)")
    if as_json:
        click.echo(json.dumps({"id": work_id, "added_at": stored.added_at,
                               "updated_at": stored.summary.updated_at,
                               "report": stored.report.to_dict()}, ensure_ascii=False, indent=2))
        return
    from forewarn.profile import verdict_footer
    from forewarn.render.terminal import render_terminal

    click.echo(f"Library work {work_id} · added {stored.added_at} · "
               f"updated {stored.summary.updated_at}")
    click.echo(render_terminal(stored.report, evidence=evidence, color=sys.stdout.isatty())
               + verdict_footer(stored.report))


@library.command()
@click.argument("work_id", type=int, metavar="ID")
@db_option
def remove(work_id: int, db: str | None) -> None:
    """Remove one work from the library."""
    with _open(db) as lib:
        stored = lib.get(work_id)
        if stored is None or not lib.remove(work_id):
            raise UnusableInput(f"library: no work with id {work_id}")
    click.echo(f"removed {work_id}: {stored.summary.title or '(untitled)'}")


@library.command(epilog=EXAMPLES)
@click.argument("words", nargs=-1)
@click.option("--exclude", multiple=True, metavar="WARNING[:SEVERITY]",
              help="Leave out works with this warning (at this severity or above).")
@click.option("--include", multiple=True, metavar="WARNING[:SEVERITY]",
              help="Keep only works with this warning.")
@click.option("--rating", multiple=True, help="Keep only this rating (repeatable).")
@click.option("--pov", multiple=True, help="Keep only this point of view (repeatable).")
@click.option("--max-words", type=int, default=None, help="Keep only works this long or shorter.")
@click.option("--avoid-profile", is_flag=True,
              help="Exclude every warning of your reading profile at its severity.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def search(words: tuple[str, ...], exclude: tuple[str, ...], include: tuple[str, ...],
           rating: tuple[str, ...], pov: tuple[str, ...], max_words: int | None,
           avoid_profile: bool, as_json: bool, db: str | None) -> None:
    """Find works by words (title, summary, notes, text) and by warnings and facts."""
    from forewarn.library import Filters

    filters = Filters.parse(" ".join(words), exclude=list(exclude), include=list(include),
                            rating=list(rating), pov=list(pov), max_words=max_words)
    if avoid_profile:
        from forewarn.profile import load_profile

        for wid, sev in load_profile().avoid.items():
            filters.exclude.setdefault(wid, sev)
    with _open(db) as lib:
        _summary_rows(lib.search(filters), as_json)

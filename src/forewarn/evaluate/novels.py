"""``forewarn evaluate novels EXPECTED.json --texts DIR``: warnings at the level of whole books.

``EXPECTED.json`` says, per book file, what a careful reader finds: ``must`` warnings with a
minimum severity, ``must_not`` high-stakes warnings that are absent, ``max`` severities for
content that is only mentioned. Every book is scanned like a user's file; every finding in
the report counts (the *possible* ones too). Printed, per part of the split
(``splits/novels.json``: the books tuned on, the books only scored) and over all:

- **must recall** — share of ``must`` warnings reported at or above their severity;
- **must_not false alarms** — share of ``must_not`` warnings reported at any severity;
- **max exceeded** — share of ``max`` limits the report goes past;
- **warnings per book** — median and maximum.

Example:
    >>> book = {"must": {"death": "depicted"}, "must_not": ["war"], "max": {"death": "graphic"}}
    >>> t = judge_book(book, {"death": "mention", "war": "mention"})
    >>> (t.must_hit, t.must, t.false_alarms, t.must_not, t.exceeded)
    (0, 1, 1, 1, 0)
"""
from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import click

from forewarn.errors import UnusableInput
from forewarn.report import SEVERITY_RANK


@dataclass
class BookTally:
    """What one book's report got right and wrong."""

    name: str = ""
    must: int = 0
    must_hit: int = 0
    must_not: int = 0
    false_alarms: int = 0
    limits: int = 0
    exceeded: int = 0
    warnings: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, what)


def judge_book(book: dict, found: dict[str, str], name: str = "") -> BookTally:
    """Compare one book's expectations with ``found`` ({warning id: severity})."""
    t = BookTally(name=name, warnings=len(found))
    for wid, sev in book.get("must", {}).items():
        t.must += 1
        got = found.get(wid)
        if got is not None and SEVERITY_RANK[got] >= SEVERITY_RANK[sev]:
            t.must_hit += 1
        else:
            t.errors.append(("miss", wid, f"wanted {sev}, got {got or 'nothing'}"))
    for wid in book.get("must_not", []):
        t.must_not += 1
        if wid in found:
            t.false_alarms += 1
            t.errors.append(("false alarm", wid, found[wid]))
    for wid, sev in book.get("max", {}).items():
        t.limits += 1
        got = found.get(wid)
        if got is not None and SEVERITY_RANK[got] > SEVERITY_RANK[sev]:
            t.exceeded += 1
            t.errors.append(("over max", wid, f"at most {sev}, got {got}"))
    return t


def summary(tallies: list[BookTally]) -> dict[str, float]:
    """The four measures over some books.

    Example:
        >>> s = summary([BookTally(must=4, must_hit=3, must_not=10, false_alarms=1, warnings=9)])
        >>> s["must_recall"], s["false_alarm_rate"], s["median_warnings"]
        (0.75, 0.1, 9)
    """
    def share(a: int, b: int) -> float:
        return a / b if b else 0.0

    return {
        "books": len(tallies),
        "must_recall": share(sum(t.must_hit for t in tallies), sum(t.must for t in tallies)),
        "false_alarm_rate": share(sum(t.false_alarms for t in tallies),
                                  sum(t.must_not for t in tallies)),
        "max_exceeded": share(sum(t.exceeded for t in tallies), sum(t.limits for t in tallies)),
        "median_warnings": statistics.median(t.warnings for t in tallies) if tallies else 0,
        "max_warnings": max((t.warnings for t in tallies), default=0),
    }


def load_split() -> dict[str, list[str]]:
    """The fixed split of the 45 books: ``tune`` and ``held_out`` file names."""
    text = resources.files("forewarn.evaluate").joinpath("splits", "novels.json").read_text("utf-8")
    data = json.loads(text)
    return {"tune": data["tune"], "held_out": data["held_out"]}


def read_expected(path: Path) -> dict[str, dict]:
    """The books of an expectations file; raises UnusableInput when it cannot be used."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UnusableInput(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnusableInput(f"{path}: not a JSON expectations file ({exc})") from None
    if not isinstance(data, dict):
        raise UnusableInput(f"{path}: not a JSON object of books")
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}


def _scan_one(path: str) -> dict[str, tuple[str, list[str]]]:
    from forewarn import scan

    return {f.id: (f.severity, [" ".join(e.text.split())[:240] for e in f.evidence[:2]])
            for f in scan(Path(path)).warnings}


def scan_books(names: Iterable[str], texts: Path,
               jobs: int) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """{file name: {warning id: (severity, evidence texts)}} for the books in ``texts``."""
    paths = [(n, texts / n) for n in names if (texts / n).is_file()]
    if jobs > 1 and len(paths) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_scan_one, [str(p) for _n, p in paths]))
    else:
        results = [_scan_one(str(p)) for _n, p in paths]
    return {n: r for (n, _p), r in zip(paths, results)}


def _line(label: str, s: dict[str, float]) -> str:
    return (f"{label:<10} {s['books']:>5} {s['must_recall']:>11.3f} {s['false_alarm_rate']:>12.3f} "
            f"{s['max_exceeded']:>12.3f} {s['median_warnings']:>8g} {s['max_warnings']:>5}")


@click.command("novels")
@click.argument("expected", type=click.Path(path_type=Path))
@click.option("--texts", type=click.Path(path_type=Path), required=True,
              help="Folder holding the books' text files (named as in EXPECTED).")
@click.option("--part", type=click.Choice(["all", "tune", "held-out"]), default="all",
              show_default=True, help="Which books of the split to scan.")
@click.option("--errors", is_flag=True,
              help="List each miss and false alarm, per book (tuning books only, unless "
                   "--part held-out asks for them).")
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Books scanned at once.")
def novels_command(expected: Path, texts: Path, part: str, errors: bool, jobs: int) -> None:
    """Whole-book warnings: must recall at severity, false alarms, max exceeded, warnings per book."""
    books = read_expected(expected)
    if not texts.is_dir():
        raise UnusableInput(f"{texts}: not a folder")
    split = load_split()
    parts = {"tune": [n for n in split["tune"] if n in books],
             "held-out": [n for n in split["held_out"] if n in books]}
    parts["other"] = [n for n in books if n not in set(parts["tune"]) | set(parts["held-out"])]
    wanted = [n for p, ns in parts.items() if part == "all" or p == part for n in ns]
    found = scan_books(wanted, texts, jobs)
    if not found:
        raise UnusableInput(f"{texts}: none of the books of {expected.name} is there")
    tallies = {n: judge_book(books[n], {w: v[0] for w, v in found[n].items()}, n)
               for n in wanted if n in found}
    click.echo(f"{'part':<10} {'books':>5} {'must recall':>11} {'false alarms':>12} "
               f"{'max exceeded':>12} {'median':>8} {'max':>5}")
    for p, ns in parts.items():
        ts = [tallies[n] for n in ns if n in tallies]
        if ts:
            click.echo(_line(p, summary(ts)))
    click.echo(_line("all", summary(list(tallies.values()))))
    if errors:
        shown = parts["held-out"] if part == "held-out" else parts["tune"] + parts["other"]
        for n in shown:
            if n in tallies and tallies[n].errors:
                click.echo(f"\n{n}")
                for kind, wid, what in tallies[n].errors:
                    click.echo(f"  {kind} {wid}: {what}")
                    for text in found[n].get(wid, ("", []))[1]:
                        click.echo(f"      | {text}")

"""The plain terminal layout gives rich's characters exactly (or leaves the report to rich):
held against rich itself on real reports and on reports with odd titles, names, evidence
and widths."""
from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

import forewarn
from forewarn.render import terminal
from forewarn.render.plain import SAFE, PlainConsole, PlainText, Unsure, wrap
from forewarn.report import Character, Declared, Evidence, QuoteInfo, Report

ROOT = Path(__file__).resolve().parents[1]
LETTERS = list("abcdefghij klmnop qrs tuv wxyz    ") + list("ÉéüçñØ·–—’“”…")
RARE = list("[]\\") + ["\u00a0", "\t", "漢", "\u0301", "\u200b", "\n", "😀"]
OPTIONS = [(0, False, None), (3, True, ["alcohol", "violence"]), (True, True, None)]


def _rich(report: Report, width: int, *options) -> str:  # type: ignore[no-untyped-def]
    return terminal._layout(terminal.RichConsole(width, False), report, *options)


def _same_or_unsure(report: Report, width: int = 100) -> int:
    """How many of the layouts were plain (each equal to rich's)."""
    plain = 0
    for options in OPTIONS:
        try:
            text = terminal._layout(PlainConsole(width), report, *options)
        except Unsure:
            continue
        assert text == _rich(report, width, *options)
        plain += 1
    return plain


def test_safe_characters_are_one_cell_and_no_space_for_rich() -> None:
    import re

    from rich.cells import cell_len

    for c in SAFE:
        assert cell_len(c) == 1, repr(c)
        assert c == " " or not re.match(r"\s", c), repr(c)


def test_wrapping_is_richs() -> None:
    from rich.console import Console
    from rich.text import Text

    rng = random.Random(3)
    for _ in range(300):
        line = "".join(rng.choice(LETTERS + ["x" * rng.randint(1, 30)]) for _ in range(rng.randint(0, 90)))
        width = rng.randint(1, 40)
        con = Console(width=width, color_system=None, highlight=False, emoji=False)
        with con.capture() as cap:
            con.print(Text(line))
        assert "\n".join(wrap(line, width)) + "\n" == cap.get(), (line, width)


def test_the_example_story_is_laid_out_plainly_as_rich_does() -> None:
    report = forewarn.scan(ROOT / "examples" / "the-lighthouse-keeper.txt")
    assert _same_or_unsure(report) == len(OPTIONS)
    assert terminal.render_terminal(report) == _rich(report, 100, 0, False, None)


def _word(rng: random.Random, most: int) -> str:
    return "".join(rng.choice(RARE) if rng.random() < 0.001 else rng.choice(LETTERS)
                   for _ in range(rng.randint(0, most)))


def _odd(base: Report, rng: random.Random) -> Report:
    r = copy.deepcopy(base)
    r.work.title = _word(rng, rng.choice([5, 40, 250]))
    if rng.random() < 0.2:
        r.work.title = "x" * rng.randint(95, 230) + " " + _word(rng, 30)
    r.work.authors = [_word(rng, 30) for _ in range(rng.randint(0, 3))]
    r.story.characters = [Character(_word(rng, 20), [_word(rng, 12) for _ in range(rng.randint(0, 2))],
                                    rng.randint(1, 900), rng.choice(["male", "female", "unknown"]),
                                    rng.randint(0, 50), rng.random() < 0.1)
                          for _ in range(rng.randint(0, 14))]
    if rng.random() < 0.3:
        r.story.pov = _word(rng, 60)
    for f in r.warnings:
        f.evidence = [Evidence(rng.randint(1, 40), rng.randint(0, 300), 0, 1, _word(rng, 500))
                      for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.4:
        r.declared = [Declared(rng.choice(["alcohol", "violence"]), _word(rng, 20))]
        r.declared_not_found, r.undeclared = [_word(rng, 20)], [_word(rng, 20)]
    if rng.random() < 0.3:
        r.tags.additional = [_word(rng, 20) for _ in range(rng.randint(0, 12))]
    r.story.quotes = [QuoteInfo(1, rng.randint(0, 50), 0, 1, rng.choice([None, "Ann"]), _word(rng, 200))
                      for _ in range(rng.randint(0, 4))]
    return r


@pytest.mark.parametrize("width", [100, 64])
def test_odd_reports_are_laid_out_as_rich_does_or_left_to_rich(width: int) -> None:
    base = forewarn.scan(ROOT / "examples" / "the-lighthouse-keeper.txt")
    rng = random.Random(width)
    plain = sum(_same_or_unsure(_odd(base, rng), width) for _ in range(60))
    assert plain > (40 if width == 100 else 5)  # many of them did not need rich


def test_what_the_plain_layout_cannot_promise_goes_to_rich() -> None:
    con = PlainConsole(20)
    for bad in ("tab\there", "wide 漢字", "[bold]markup[/bold]"):
        with pytest.raises(Unsure):
            con.print(PlainText(bad) if "[" not in bad else bad)
    grid = PlainConsole.Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column()
    grid.add_row("label", "a value far too wide for twenty columns")
    with pytest.raises(Unsure):
        con.print(grid)

"""The terminal report: grouped warnings, severity badges, declared marks, hidden evidence."""
from __future__ import annotations

from forewarn.render.terminal import render_terminal
from forewarn.report import (Character, Declared, Evidence, Finding, Report, StoryFacts,
                             WorkInfo)


def _report() -> Report:
    ev = Evidence(chapter=2, paragraph=4, start=10, end=60, text="He lit the cigarette with shaking hands.")
    return Report(
        work=WorkInfo(title="Harbour Lights", authors=["Jo"], words=4321, chapters=3, reading_minutes=17),
        declared=[Declared("grief", "grief")],
        warnings=[
            Finding("smoking", "Smoking", "substances", "depicted", 2.0, 3, [2, 3], False, [ev]),
            Finding("grief", "Grief", "death", "mention", 1.0, 1, [1], True, []),
        ],
        undeclared=["smoking"],
        story=StoryFacts(pov="first", tense="present",
                         characters=[Character("Mara", ["Mar"], 12, "female", 4, True)]),
    )


def test_header_and_groups_in_taxonomy_order():
    out = render_terminal(_report())
    assert "Harbour Lights" in out and "by Jo" in out and "4,321 words" in out and "3 chapters" in out
    assert out.index("Death & loss") < out.index("Substances")
    assert "depicted" in out and "Smoking" in out and "chapters 2–3" in out


def test_evidence_is_hidden_unless_asked_for():
    hidden = render_terminal(_report())
    assert "shaking hands" not in hidden and "--evidence" in hidden
    shown = render_terminal(_report(), evidence=True)
    assert "shaking hands" in shown and "ch. 2, ¶ 5" in shown


def test_declared_and_undeclared_marks():
    out = render_terminal(_report())
    assert "declared by the author" in out and "not declared" in out
    assert "Found but not declared: smoking" in out


def test_story_facts_panel():
    out = render_terminal(_report())
    assert "first" in out and "present" in out and "Mara (Mar)" in out and "narrator" in out


def test_plain_output_has_no_escape_codes_and_color_has():
    assert "\x1b[" not in render_terminal(_report())
    assert "\x1b[" in render_terminal(_report(), color=True)

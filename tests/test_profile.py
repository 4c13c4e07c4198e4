"""The reading profile, the verdict for a report, and `forewarn profile` / `scan` with one."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from forewarn.cli import main
from forewarn.errors import UnusableInput
from forewarn.profile import (Profile, load_profile, render_verdict, save_profile, verdict)
from forewarn.report import Evidence, Finding, Report


def finding(wid: str, severity: str, spots: list[tuple[int, int]], count: int | None = None,
            evidence_severity: str | None = None) -> Finding:
    ev = [Evidence(ch, para, 0, 10, "…", evidence_severity) for ch, para in spots]
    return Finding(wid, wid.title(), "other", severity, evidence_count=count or len(ev),
                   chapters=sorted({ch for ch, _ in spots}), evidence=ev)


def test_parse_specs_with_and_without_severity():
    prof = Profile.parse(["grief:mention", "suicide", "self-harm:depicted"])
    assert prof.avoid == {"grief": "mention", "suicide": "mention", "self-harm": "depicted"}
    with pytest.raises(UnusableInput, match="severity"):
        Profile.parse(["grief:sometimes"])
    with pytest.raises(UnusableInput, match="not a known warning"):
        Profile.parse(["unicorns"])


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "deep" / "profile.json"
    assert load_profile(path).avoid == {}
    save_profile(Profile({"grief": "depicted"}), path)
    assert load_profile(path).avoid == {"grief": "depicted"}
    assert json.loads(path.read_text())["avoid"] == {"grief": "depicted"}


def test_a_broken_profile_file_is_reported_not_ignored(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text("{not json")
    with pytest.raises(UnusableInput, match="profile"):
        load_profile(path)
    path.write_text('{"avoid": {"grief": "very"}}')
    with pytest.raises(UnusableInput, match="not a forewarn profile"):
        load_profile(path)


def test_verdict_counts_only_warnings_at_or_above_the_minimum():
    report = Report(warnings=[
        finding("grief", "depicted", [(1, 0), (2, 5), (3, 1)], count=3),
        finding("alcoholism", "mention", [(1, 4)]),
        finding("smoking", "mention", [(2, 2)]),
        finding("violence", "graphic", [(1, 1)]),
    ])
    prof = Profile({"grief": "mention", "alcoholism": "mention", "smoking": "depicted",
                    "suicide": "mention"})
    v = verdict(report, prof)
    assert [h.id for h in v.hits] == ["grief", "alcoholism"]  # worst first
    assert v.below == [("smoking", "mention")]
    assert not v.clear and v.checked == 4
    first_line = render_verdict(v).splitlines()[0]
    assert first_line == ("2 of your warnings: grief — depicted, chapters 1–3; "
                          "alcoholism — mention, chapter 1")


def test_skip_ranges_merge_nearby_paragraphs_and_count_from_one():
    report = Report(warnings=[finding("grief", "depicted", [(2, 9), (2, 11), (2, 13), (4, 0)])])
    hit = verdict(report, Profile({"grief": "mention"})).hits[0]
    assert [p.label() for p in hit.skip] == ["chapter 2, paragraphs 10–14", "chapter 4, paragraph 1"]
    assert "to skip it: chapter 2, paragraphs 10–14; chapter 4, paragraph 1" in \
        render_verdict(verdict(report, Profile({"grief": "mention"})))


def test_no_skip_ranges_when_spread_out_or_evidence_incomplete():
    spread = Report(warnings=[finding("grief", "depicted", [(1, 0), (2, 0), (3, 0), (4, 0)])])
    assert verdict(spread, Profile({"grief": "mention"})).hits[0].skip is None
    # the analyzer keeps at most a few passages: a full list with more matches may hide others
    from forewarn.warnings.findings import MAX_EVIDENCE

    spots = [(1, 4 * i) for i in range(MAX_EVIDENCE)]
    partial = Report(warnings=[finding("grief", "depicted", spots, count=12)])
    assert verdict(partial, Profile({"grief": "mention"})).hits[0].skip is None


def test_several_matches_in_one_paragraph_still_give_a_passage_to_skip():
    report = Report(warnings=[finding("smoking", "mention", [(3, 6)], count=4)])
    hit = verdict(report, Profile({"smoking": "mention"})).hits[0]
    assert [p.label() for p in hit.skip] == ["chapter 3, paragraph 7"]


def test_skip_ranges_ignore_evidence_below_the_minimum():
    f = finding("violence", "graphic", [(1, 3)], evidence_severity="graphic")
    f.evidence.append(Evidence(5, 0, 0, 4, "…", "mention"))
    f.evidence_count = 2
    f.chapters = [1, 5]
    hit = verdict(Report(warnings=[f]), Profile({"violence": "graphic"})).hits[0]
    assert [p.label() for p in hit.skip] == ["chapter 1, paragraph 4"]


def test_clear_verdict_text():
    report = Report(warnings=[finding("grief", "mention", [(1, 0)])])
    v = verdict(report, Profile({"grief": "depicted", "suicide": "mention"}))
    assert v.clear
    assert render_verdict(v) == "None of your 2 warnings found. Below your limits: grief (mention)."


def test_profile_cli_set_show_clear(tmp_path):
    path = str(tmp_path / "p.json")
    runner = CliRunner()
    out = runner.invoke(main, ["profile", "set", "grief:mention", "suicide",
                               "self-harm:depicted", "--profile", path])
    assert out.exit_code == 0, out.output
    shown = runner.invoke(main, ["profile", "show"], env={"FOREWARN_PROFILE": path})
    assert "grief" in shown.output and "self-harm" in shown.output and "depicted or worse" in shown.output
    bad = runner.invoke(main, ["profile", "set", "grief:loud", "--profile", path])
    assert bad.exit_code == 2 and "severity" in bad.output
    assert load_profile(path).avoid["suicide"] == "mention"  # a bad set changed nothing
    runner.invoke(main, ["profile", "clear", "--profile", path])
    assert load_profile(path).avoid == {}


def test_scan_ends_with_the_verdict_only_when_a_profile_is_set(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("Chapter 1\n\nShe lit a cigarette on the porch.\n\nChapter 2\n\nRain.")
    path = tmp_path / "p.json"
    runner = CliRunner()
    plain = runner.invoke(main, ["scan", str(story)], env={"FOREWARN_PROFILE": str(path)})
    assert plain.exit_code == 0 and "reading profile" not in plain.output
    save_profile(Profile({"suicide": "mention"}), path)
    with_profile = runner.invoke(main, ["scan", str(story)], env={"FOREWARN_PROFILE": str(path)})
    assert "For your reading profile:" in with_profile.output
    assert "Your warning was not found." in with_profile.output
    as_json = runner.invoke(main, ["scan", str(story), "--format", "json"],
                            env={"FOREWARN_PROFILE": str(path)})
    assert json.loads(as_json.output)["work"]["chapters"] == 2

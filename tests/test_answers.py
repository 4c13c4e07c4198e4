"""Per-warning answers: found / possible / checked, not found, in the JSON, the terminal and
`forewarn scan` (--profile, --evidence N, --format ao3-tags)."""
from __future__ import annotations

import json

from forewarn.answers import answers, check_all
from forewarn.render.terminal import render_terminal
from forewarn.report import Evidence, Finding, Report
from forewarn.taxonomy import load

STORY = ("Chapter 1\n\nMara lit a cigarette on the porch and smoked it slowly.\n\n"
         "She smoked another cigarette and watched the rain.\n\nChapter 2\n\nShe slept.")


def _report() -> Report:
    ev = [Evidence(1, i, 0, 5, f"passage {i}", "depicted") for i in range(5)]
    return Report(warnings=[
        Finding("smoking", "Smoking", "substances", "depicted", 0.99, 5, [1], evidence=ev),
        Finding("grief", "Grief", "death", "mention", 0.6, 1, [2], confidence="medium")])


def test_every_warning_is_checked_once_with_a_status():
    checks = {c.id: c for c in check_all(_report())}
    assert len(checks) == len(load().warnings)
    assert checks["smoking"].status == "found" and checks["smoking"].severity == "depicted"
    assert checks["grief"].status == "possible"
    assert checks["suicide"].status == "not-found" and checks["suicide"].severity is None


def test_answers_for_a_profile_found_first_with_the_question():
    got = answers(_report(), ["suicide", "grief", "smoking", "no-such-id"])
    assert [(a.id, a.status) for a in got] == [
        ("smoking", "found"), ("grief", "possible"), ("suicide", "not-found")]
    assert got[0].question == "Does someone smoke?"
    assert got[1].reply == "Possibly: mention, chapter 2"
    assert got[2].reply.startswith("No")


def test_json_report_carries_checked(cli, tmp_path):
    p = tmp_path / "porch.txt"
    p.write_text(STORY, encoding="utf-8")
    data = json.loads(cli("scan", str(p), "--format", "json").output)
    assert data["schema"] == 1
    status = {c["id"]: c["status"] for c in data["checked"]}
    assert status["smoking"] == "found" and status["suicide"] == "not-found"
    assert Report.from_dict(data).checked[0].id == data["checked"][0]["id"]


def test_terminal_clear_warnings_fit_one_line_and_possible_is_said():
    out = render_terminal(_report(), width=400)
    clear = [line for line in out.splitlines() if line.startswith("Checked, not found")]
    assert len(clear) == 1 and "Suicide" in clear[0]
    assert "possible Grief" in out
    assert out.index("Smoking") < out.index("possible Grief") or "Death" in out


def test_terminal_profile_answers_the_questions():
    out = render_terminal(_report(), profile_ids=["smoking", "suicide"], width=200)
    assert "Does someone smoke? Yes: depicted, chapter 1" in out
    assert "Checked, not found: Suicide" in out


def test_evidence_n_limits_the_passages_and_says_the_count():
    out = render_terminal(_report(), evidence=2, width=200)
    assert "passage 1" in out and "passage 2" not in out
    assert "(2 of 5 passages shown)" in out
    assert "passage 4" in render_terminal(_report(), evidence=True, width=200)


def test_scan_profile_evidence_and_ao3_tags(cli, tmp_path):
    p = tmp_path / "porch.txt"
    p.write_text(STORY, encoding="utf-8")
    prof = tmp_path / "p.json"
    prof.write_text('{"version": 1, "avoid": {"smoking": "mention", "suicide": "mention"}}')
    res = cli("scan", str(p), "--profile", str(prof), "--evidence", "1")
    assert res.exit_code == 0, res.output
    assert "Does someone smoke? Yes" in res.output and "Checked, not found: Suicide" in res.output
    tags = cli("scan", str(p), "--format", "ao3-tags").output.splitlines()
    assert tags[0] == "No Archive Warnings Apply" and "Smoking" in tags
    assert len(tags) == len(set(tags))
    bad = cli("scan", str(p), "--profile", str(tmp_path / "none.json"))
    assert bad.exit_code == 2 and "no such profile" in bad.output

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


def test_skip_advice_says_how_far_in_and_the_first_words():
    from forewarn.profile import Profile, verdict
    from forewarn.report import ChapterInfo, WorkInfo

    r = Report(work=WorkInfo(chapter_list=[ChapterInfo(1, None, 900, 20, 1)]), warnings=[
        Finding("grief", "Grief", "death", "depicted", 0.9, 1, [1],
                evidence=[Evidence(1, 9, 0, 10, "She cried at the grave, long after.")])])
    label = verdict(r, Profile({"grief": "mention"})).hits[0].skip[0].label()
    assert label == "chapter 1, paragraph 10 (about 45% in, from “She cried at the grave…”)"


def test_unknown_warning_names_suggest_the_nearest_ids(cli, tmp_path):
    from forewarn.library.filters import resolve_warning

    assert resolve_warning("csa") == "child-abuse"
    res = cli("profile", "set", "dog death", "--profile", str(tmp_path / "p.json"))
    assert res.exit_code == 2 and "did you mean animal-death" in res.output


def test_profile_add_and_remove_keep_the_rest(cli, tmp_path):
    p = str(tmp_path / "p.json")
    assert "Saved 1 warning to" in cli("profile", "set", "grief", "--profile", p).output
    out = cli("profile", "add", "smoking:depicted", "--profile", p).output
    assert "Saved 2 warnings" in out and "grief" in out and "depicted or worse" in out
    out = cli("profile", "remove", "grief", "--profile", p).output
    assert "Saved 1 warning to" in out and "grief" not in out.split("\n", 1)[1]
    bad = cli("profile", "remove", "grief", "--profile", p)
    assert bad.exit_code == 2 and "not in your profile" in bad.output


def test_unknown_rating_or_pov_is_an_error_listing_the_values(cli, tmp_path):
    db = str(tmp_path / "lib.sqlite3")
    res = cli("library", "search", "--rating", "adult", "--db", db)
    assert res.exit_code == 2 and "general, teen, mature, explicit" in res.output
    res = cli("library", "search", "--pov", "1st", "--db", db)
    assert res.exit_code == 2 and "first, second, third" in res.output


def test_api_unknown_rating_is_422(tmp_path):
    from fastapi.testclient import TestClient

    from forewarn.web.app import create_app

    client = TestClient(create_app(db_path=tmp_path / "lib.sqlite3",
                                   profile_path=tmp_path / "p.json"),
                        base_url="http://127.0.0.1")
    res = client.get("/api/works", params={"rating": "adult"})
    assert res.status_code == 422 and "teen" in res.json()["error"]
    assert client.get("/api/works", params={"pov": "first"}).status_code == 200


def test_the_verdict_says_possible_and_lists_confident_hits_first():
    from forewarn.profile import Profile, render_verdict, verdict

    v = verdict(_report(), Profile({"grief": "mention", "smoking": "mention"}))
    assert [h.id for h in v.hits] == ["smoking", "grief"]
    assert v.hits[1].possible and v.to_dict()["hits"][1]["possible"] is True
    assert "grief — mention (possible), chapter 2" in render_verdict(v)


def test_terminal_lists_the_suggested_tags_per_ao3_field():
    from forewarn.rating import analyze

    r = _report()
    analyze(None, r)
    out = render_terminal(r, width=200)
    assert "  Archive Warnings: No Archive Warnings Apply" in out
    assert "  Additional Tags: Smoking" in out  # grief is only possible: no tag


def test_web_report_without_a_profile_answers_what_the_story_holds(tmp_path):
    from fastapi.testclient import TestClient

    from forewarn.web.app import create_app

    client = TestClient(create_app(db_path=tmp_path / "lib.sqlite3",
                                   profile_path=tmp_path / "p.json"),
                        base_url="http://127.0.0.1")
    import re

    form = client.get("/").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    page = client.post("/scan", data={"text": STORY, "csrf": csrf},
                       headers={"Accept": "text/html"}).text
    assert "Every warning, checked" in page and "Does someone smoke?" in page
    assert "Checked, not found:</strong>" in page and "Suggested AO3 tags" in page
    assert 'data-copy="Smoking"' in page

"""`forewarn evaluate novels`: whole-book recall at severity, false alarms, limits, counts."""
import json

from click.testing import CliRunner

from forewarn.cli import main
from forewarn.evaluate.novels import judge_book, load_split, summary


def test_judging_a_book():
    book = {"must": {"death": "depicted", "grief": "mention"}, "must_not": ["war", "incest"],
            "max": {"death": "depicted"}}
    t = judge_book(book, {"death": "graphic", "war": "mention"})
    assert (t.must, t.must_hit) == (2, 1)
    assert (t.must_not, t.false_alarms) == (2, 1)
    assert (t.limits, t.exceeded) == (1, 1)
    kinds = sorted(k for k, _w, _what in t.errors)
    assert kinds == ["false alarm", "miss", "over max"]


def test_summary_over_books():
    a = judge_book({"must": {"death": "mention"}}, {"death": "mention", "war": "depicted"})
    b = judge_book({"must_not": ["war"]}, {"war": "mention"})
    s = summary([a, b])
    assert s["must_recall"] == 1.0 and s["false_alarm_rate"] == 1.0
    assert s["median_warnings"] == 1.5 and s["max_warnings"] == 2


def test_the_split_is_fixed_and_disjoint():
    split = load_split()
    assert len(split["tune"]) == 30 and len(split["held_out"]) == 15
    assert not set(split["tune"]) & set(split["held_out"])


def test_command_prints_each_part_and_the_errors(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("He lit a cigarette and smoked it by the window. " * 3,
                                 encoding="utf-8")
    (texts / "b.txt").write_text("The rain fell on the roofs all day long.", encoding="utf-8")
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps({
        "_about": "test", "a.txt": {"must": {"smoking": "depicted"}, "must_not": ["war"]},
        "b.txt": {"must": {"grief": "mention"}}}), encoding="utf-8")
    r = CliRunner().invoke(main, ["evaluate", "novels", str(expected), "--texts", str(texts),
                                  "--errors", "--jobs", "1"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:2] == ["part", "books"]
    other = next(line for line in lines if line.startswith("other"))
    assert other.split()[1:3] == ["2", "0.500"]
    assert "miss grief: wanted mention, got nothing" in r.output


def test_unusable_inputs_are_one_line_errors(tmp_path):
    r = CliRunner().invoke(main, ["evaluate", "novels", str(tmp_path / "none.json"),
                                  "--texts", str(tmp_path)])
    assert r.exit_code == 2 and "no such file" in r.output
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    r = CliRunner().invoke(main, ["evaluate", "novels", str(bad), "--texts", str(tmp_path)])
    assert r.exit_code == 2 and "not a JSON" in r.output

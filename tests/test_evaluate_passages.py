"""`forewarn evaluate passages`: metrics on passage-level data."""
import json

from click.testing import CliRunner

from forewarn.cli import main
from forewarn.evaluate.passages import Scores, evaluate


def write(tmp_path, rows):
    p = tmp_path / "p.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return p


ROWS = [
    {"warning": "abduction", "text": "they kidnapped the girl and held her hostage in a van.", "majority": 1},
    {"warning": "abduction", "text": "she was killing time at the station.", "majority": 0},
    {"warning": "racism", "text": "he bought crackers and cheese.", "majority": 1},
]


def test_scores():
    s = Scores(tp=2, fp=2, fn=0)
    assert s.precision == 0.5 and s.recall == 1.0 and round(s.f1, 3) == 0.667


def test_evaluate_maps_pan_labels_and_counts():
    out = evaluate(ROWS)
    assert (out["abduction"].tp, out["abduction"].tn) == (1, 1)
    assert out["racism"].fn == 1


def test_command_prints_macro_f1_and_errors(tmp_path):
    res = CliRunner().invoke(main, ["evaluate", "passages", str(write(tmp_path, ROWS)), "--errors", "1"])
    assert res.exit_code == 0
    assert "macro-F1 0.500" in res.output
    assert "[racism] false negative" in res.output


def test_bad_file_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["evaluate", "passages", str(bad)])
    assert res.exit_code == 2
    assert "not a passage row" in res.output
    res = CliRunner().invoke(main, ["evaluate", "passages", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2


def test_halves_and_folds(tmp_path):
    from forewarn.evaluate.passages import folds, load_halves

    halves = load_halves()
    assert halves["A"] and halves["B"] and not halves["A"] & halves["B"]
    a_id, b_id = sorted(halves["A"])[0], sorted(halves["B"])[0]
    rows = [dict(r, work_id=w) for r in ROWS for w in (a_id, b_id)]
    path = write(tmp_path, rows)
    r = CliRunner().invoke(main, ["evaluate", "passages", str(path), "--half", "A", "--errors", "2"])
    assert r.exit_code == 0 and "half A: 3 passages" in r.output and "false negative" in r.output
    r = CliRunner().invoke(main, ["evaluate", "passages", str(path), "--half", "B", "--errors", "2"])
    assert r.exit_code == 0 and "half B: 3 passages" in r.output
    assert "false positive" not in r.output and "false negative" not in r.output  # never read
    r = CliRunner().invoke(main, ["evaluate", "passages", str(path), "--folds", "2"])
    assert r.exit_code == 0 and "folds " in r.output and "mean" in r.output
    grouped = folds(rows, 3)
    assert sum(map(len, grouped)) == len(rows)
    for fold in grouped:  # a work's passages stay in one fold
        for other in grouped:
            if other is not fold:
                assert not {r["work_id"] for r in fold} & {r["work_id"] for r in other}

"""`forewarn evaluate pan`: the PAN23 trigger-detection measures on a hand-computed example."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from forewarn.batch.pan import pan_label_list
from forewarn.errors import UnusableInput
from forewarn.evaluate.pan import pan_measures, read_labels

# Four works; every other PAN label is absent from both sides.
TRUTH = {"w1": ["death", "violence"], "w2": ["blood"], "w3": [], "w4": ["death"]}
PRED = {"w1": ["death"], "w2": ["blood", "violence"], "w3": ["homophobia"], "w4": ["death"]}
# By hand, per label (tp, fp, fn):  death (2, 0, 0) → P R F1 = 1;  blood (1, 0, 0) → 1;
# violence (0, 1, 1) → 0;  homophobia (0, 1, 0) → 0;  the 28 others (0, 0, 0) → 0.
# macro = (1 + 1) / 32 for P, R and F1 alike (absent labels count, as zeros)
# micro: tp 3, fp 2, fn 1 → P 3/5, R 3/4, F1 6/9;  subset accuracy: only w4 → 1/4
# violence's accuracy over both classes (the official extended "violence_f1"): w3, w4 → 2/4


def _write(path: Path, labels: dict[str, list[str]], key: str = "work_id") -> Path:
    path.write_text("".join(json.dumps({key: k, "labels": v}) + "\n" for k, v in labels.items()),
                    encoding="utf-8")
    return path


def test_hand_computed_example():
    m = pan_measures(TRUTH, PRED)
    assert m["labels"] == 32 and m["works"] == 4
    assert m["mac_p"] == pytest.approx(2 / 32)
    assert m["mac_r"] == pytest.approx(2 / 32)
    assert m["mac_f1"] == pytest.approx(2 / 32)
    assert m["mic_p"] == pytest.approx(3 / 5)
    assert m["mic_r"] == pytest.approx(3 / 4)
    assert m["mic_f1"] == pytest.approx(6 / 9)
    assert m["sub_acc"] == pytest.approx(1 / 4)
    per = m["per_label"]
    assert per["death"]["f1"] == 1.0 and per["blood"]["f1"] == 1.0
    assert per["violence"] == {"f1": 0.0, "precision": 0.0, "recall": 0.0, "accuracy": 0.5,
                               "support": 1, "predicted": 1}
    assert per["homophobia"]["precision"] == 0.0 and per["homophobia"]["accuracy"] == 0.75
    assert per["incest"]["f1"] == 0.0 and per["incest"]["accuracy"] == 1.0


def test_macro_f1_is_the_mean_of_label_f1s_not_f1_of_the_means():
    # one label perfect, the other with P = 1, R = 1/2 (F1 = 2/3); restricted to the two
    m = pan_measures({"a": ["death", "blood"], "b": ["blood"]}, {"a": ["death", "blood"], "b": []},
                     labels=["death", "blood"])
    assert m["mac_f1"] == pytest.approx((1 + 2 / 3) / 2)
    assert m["mac_p"] == 1.0 and m["mac_r"] == pytest.approx(0.75)


def test_cli_reads_files_in_any_order_and_prints_the_table(cli, tmp_path):
    truth = _write(tmp_path / "truth.jsonl", TRUTH)
    pred = _write(tmp_path / "labels.jsonl", dict(reversed(list(PRED.items()))))
    res = cli("evaluate", "pan", "--predictions", str(pred), "--truth", str(truth))
    assert res.exit_code == 0, res.output
    assert "subset accuracy 0.250" in res.output
    assert "micro  P 0.600  R 0.750  F1 0.667" in res.output
    assert "macro  P 0.062  R 0.062  F1 0.062" in res.output
    res = cli("evaluate", "pan", "-p", str(pred), "-t", str(truth), "--format", "json")
    data = json.loads(res.output)
    assert data["sub_acc"] == 0.25 and list(data["per_label"]) == list(pan_label_list())


def test_truth_as_a_zero_one_vector_and_predictions_as_report_lines(tmp_path):
    order = pan_label_list()
    vec = [1 if label in ("death", "kidnapping", "abduction") else 0 for label in order]
    truth = tmp_path / "works.jsonl"
    truth.write_text(json.dumps({"work_id": "7", "labels": vec}) + "\n", encoding="utf-8")
    reports = tmp_path / "results.jsonl"
    reports.write_text(json.dumps({"id": "7", "warnings": [{"id": "death"}, {"id": "kidnapping"},
                                                          {"id": "smoking"}]}) + "\n",
                       encoding="utf-8")
    t, p = read_labels(truth), read_labels(reports)
    assert t == {"7": ["death", "kidnapping", "abduction"]}
    assert p == t  # kidnapping answers for both PAN labels; smoking for none
    assert pan_measures(t, p)["sub_acc"] == 1.0


def test_error_lines_count_as_no_labels(tmp_path):
    pred = tmp_path / "labels.jsonl"
    pred.write_text('{"work_id": "1", "labels": [], "error": "1: file is empty"}\n'
                    '{"id": "2", "error": "2: broken"}\n', encoding="utf-8")
    assert read_labels(pred) == {"1": [], "2": []}


@pytest.mark.parametrize("lines, message", [
    (['{"work_id": "w1", "labels": ["gloom"]}'], "'gloom' is not a PAN23 label"),
    (['{"work_id": "w1", "labels": []}', '{"work_id": "w1", "labels": []}'], "appears twice"),
    (['{"work_id": "w1", "labels": "death"}'], "is not a list"),
    (["not json"], "not a JSON line"),
    (['{"title": "x"}'], "neither"),
])
def test_unusable_label_files_say_where(tmp_path, lines, message):
    p = tmp_path / "labels.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match=message):
        read_labels(p)


def test_missing_or_extra_works_are_refused(cli, tmp_path):
    truth = _write(tmp_path / "truth.jsonl", TRUTH)
    pred = _write(tmp_path / "labels.jsonl", {k: v for k, v in PRED.items() if k != "w3"})
    res = cli("evaluate", "pan", "-p", str(pred), "-t", str(truth))
    assert res.exit_code == 2
    assert "no prediction for 1 work(s) of the truth (first: w3)" in res.output

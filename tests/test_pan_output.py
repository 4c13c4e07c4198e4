"""`forewarn batch --format pan`: PAN@CLEF 2023 label lines that the PAN evaluator accepts."""
from __future__ import annotations

import json

from forewarn.batch import run_batch
from forewarn.batch.pan import labels_for_ids, pan_label_list, pan_labels
from forewarn.report import Finding, Report
from forewarn.taxonomy import load


def test_every_official_label_is_answered_by_the_taxonomy_and_nothing_else():
    mapped = {label for w in load().warnings for label in w.pan}
    assert mapped == set(pan_label_list())
    assert len(pan_label_list()) == 32


def test_labels_of_a_report_follow_the_official_order_without_repeats():
    r = Report(warnings=[Finding("kidnapping", "Kidnapping", "violence", "depicted"),
                         Finding("blood", "Blood", "violence", "mention"),
                         Finding("smoking", "Smoking", "substances", "graphic"),
                         Finding("death", "Death", "death", "mention")])
    assert pan_labels(r) == ["death", "blood", "kidnapping", "abduction"]
    assert labels_for_ids([]) == []


def test_pan_lines_for_a_works_jsonl(tmp_path):
    works = tmp_path / "works.jsonl"
    works.write_text("".join(json.dumps(w) + "\n" for w in [
        {"work_id": "101", "text": "<p>The garden was quiet. Bees moved between the roses.</p>"},
        {"work_id": "102", "text": ""},
    ]), encoding="utf-8")
    out = tmp_path / "labels.jsonl"
    stats = run_batch([works], out, fmt="pan", workers=1, progress=False)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["work_id"] for line in lines] == ["101", "102"]
    assert all(isinstance(line["labels"], list) for line in lines)
    assert set(lines[0]) == {"work_id", "labels"}
    assert set(lines[0]["labels"]) <= set(pan_label_list())
    assert lines[1]["labels"] == [] and "empty" in lines[1]["error"]
    assert stats.errors == 1


def test_batch_pan_output_is_read_by_the_evaluator(cli, tmp_path):
    works = tmp_path / "works.jsonl"
    works.write_text(json.dumps({"work_id": "5", "text": "<p>They ate soup by the fire.</p>"})
                     + "\n", encoding="utf-8")
    out = tmp_path / "labels.jsonl"
    assert cli("batch", str(works), "--format", "pan", "--out", str(out), "-q").exit_code == 0
    predicted = json.loads(out.read_text(encoding="utf-8"))["labels"]
    truth = tmp_path / "truth.jsonl"
    truth.write_text(json.dumps({"work_id": "5", "labels": predicted}) + "\n", encoding="utf-8")
    res = cli("evaluate", "pan", "-p", str(out), "-t", str(truth), "--format", "json")
    assert res.exit_code == 0 and json.loads(res.output)["sub_acc"] == 1.0


BLOODY = ("<p>The knife went in under his ribs and he screamed. Blood poured from the wound, "
          "soaking his shirt and pooling on the kitchen floor.</p><p>By the time the "
          "ambulance came he was dead, and his sister knelt in the blood beside his body.</p>")
QUIET = "<p>They planted tulips along the fence and argued happily about the colours.</p>"


def test_pan_labels_come_from_what_the_warnings_analyzer_finds(tmp_path):
    works = tmp_path / "works.jsonl"
    works.write_text(json.dumps({"work_id": "red", "text": BLOODY}) + "\n"
                     + json.dumps({"work_id": "tulips", "text": QUIET}) + "\n", encoding="utf-8")
    out = tmp_path / "labels.jsonl"
    run_batch([works], out, fmt="pan", workers=1, progress=False)
    labels = {rec["work_id"]: rec["labels"]
              for rec in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    from forewarn.batch.worker import fragment_to_text
    from forewarn.pipeline import scan

    found = [f.id for f in scan(fragment_to_text(BLOODY)).warnings]
    assert labels["red"] == labels_for_ids(found)  # the same as the findings of a scan
    assert "blood" in labels["red"]  # "Blood poured from the wound" cannot be missed
    assert labels["tulips"] == []


def test_pan_lines_agree_with_the_labels_of_full_reports(tmp_path):
    """--format pan runs only the warnings analyzer; its labels must be the full scan's."""
    works = tmp_path / "works.jsonl"
    works.write_text(json.dumps({"work_id": "red", "text": BLOODY}) + "\n", encoding="utf-8")
    pan, full = tmp_path / "labels.jsonl", tmp_path / "reports.jsonl"
    run_batch([works], pan, fmt="pan", workers=1, progress=False)
    run_batch([works], full, fmt="report", workers=1, progress=False)
    report = Report.from_json(full.read_text(encoding="utf-8"))
    assert json.loads(pan.read_text(encoding="utf-8"))["labels"] == pan_labels(report)

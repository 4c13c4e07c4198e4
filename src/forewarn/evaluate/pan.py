"""PAN@CLEF 2023 trigger detection: the task's measures over ``labels.jsonl`` files.

The definitions follow the official evaluator (``pan-code/clef23/trigger-detection/
evaluation/evaluator.py``), which calls scikit-learn on the 32-column label matrix:

- every one of the 32 official labels is a column, so a label absent from both the truth
  and the predictions still takes part in the macro averages, with precision, recall and
  F1 of 0 (scikit-learn's ``zero_division`` default);
- **macro** precision / recall / F1: the plain mean over the 32 labels of each label's
  precision / recall / F1 (macro F1 is the mean of the F1s, not the F1 of the means);
- **micro** precision / recall / F1: from true/false positives and false negatives summed
  over all labels (0 when a denominator is 0);
- **subset accuracy**: the share of works whose predicted label set equals the true one.

Per label, ``f1`` is the F1 of that label (positive class). The official evaluator's
``--extended`` ``<label>_f1`` passes one binary column with ``average='micro'``, which
scikit-learn computes over both classes, i.e. the column's accuracy: that number is given
here as ``accuracy``.

Works are matched by ``work_id`` (the official validator also demands the same order;
here the order does not matter, but both files must hold the same works).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import click

from forewarn.errors import UnusableInput


@dataclass
class LabelScore:
    """Counts and measures of one label."""

    label: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return _div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accuracy(self) -> float:
        return _div(self.tp + self.tn, self.tp + self.fp + self.fn + self.tn)

    @property
    def support(self) -> int:
        return self.tp + self.fn


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def pan_measures(truth: Mapping[str, Iterable[str]], predictions: Mapping[str, Iterable[str]],
                 labels: Iterable[str] | None = None) -> dict:
    """The PAN23 measures for label sets keyed by work id.

    ``labels`` defaults to the 32 official labels. Both mappings must hold the same ids.

    Example:
        >>> t = {"1": ["death"], "2": ["violence", "blood"]}
        >>> p = {"1": ["death"], "2": ["violence"]}
        >>> m = pan_measures(t, p, labels=["death", "violence", "blood"])
        >>> m["mic_f1"], m["sub_acc"], round(m["mac_f1"], 4)
        (0.8, 0.5, 0.6667)
    """
    if labels is None:
        from forewarn.batch.pan import pan_label_list

        labels = pan_label_list()
    labels = list(labels)
    if set(truth) != set(predictions):
        missing = sorted(set(truth) - set(predictions))
        extra = sorted(set(predictions) - set(truth))
        what = (f"no prediction for {len(missing)} work(s) of the truth (first: {missing[0]})"
                if missing else f"{len(extra)} predicted work(s) not in the truth "
                f"(first: {extra[0]})")
        raise UnusableInput(f"predictions: {what}")
    counts = {label: [0, 0, 0, 0] for label in labels}  # tp, fp, fn, tn
    exact = 0
    for wid, true_labels in truth.items():
        t, p = set(true_labels), set(predictions[wid])
        exact += (t & set(labels)) == (p & set(labels))
        for label, c in counts.items():
            if label in t:
                c[0 if label in p else 2] += 1
            else:
                c[1 if label in p else 3] += 1
    scores = [LabelScore(label, *c) for label, c in counts.items()]
    n = len(scores)
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    return {
        "works": len(truth),
        "labels": n,
        "mac_f1": _div(sum(s.f1 for s in scores), n),
        "mac_p": _div(sum(s.precision for s in scores), n),
        "mac_r": _div(sum(s.recall for s in scores), n),
        "mic_f1": _div(2 * tp, 2 * tp + fp + fn),
        "mic_p": _div(tp, tp + fp),
        "mic_r": _div(tp, tp + fn),
        "sub_acc": _div(exact, len(truth)),
        "per_label": {s.label: {"f1": s.f1, "precision": s.precision, "recall": s.recall,
                                "accuracy": s.accuracy, "support": s.support,
                                "predicted": s.tp + s.fp} for s in scores},
    }


def read_labels(path: str | os.PathLike[str], official: Iterable[str] | None = None,
                *, role: str = "labels") -> dict[str, list[str]]:
    """Read a labels file into ``{work_id: [labels]}`` (streamed, line by line).

    Accepted lines: PAN's ``{"work_id", "labels": [names]}`` (an ``error`` key counts as no
    labels), PAN's training form with ``labels`` as a 0/1 list over the official labels, and
    forewarn batch report lines ``{"id", "warnings": […]}`` / ``{"id", "error"}``, whose
    warnings are mapped to PAN labels through the taxonomy. Unknown label names, repeated
    ids and broken lines raise :class:`~forewarn.errors.UnusableInput`.
    """
    from forewarn.batch.pan import labels_for_ids, pan_label_list

    order = list(official) if official is not None else list(pan_label_list())
    known = set(order)
    p = Path(path)
    out: dict[str, list[str]] = {}
    try:
        fh = open(p, "rb")
    except OSError as exc:
        raise UnusableInput(f"{p}: cannot read {role} ({exc.strerror or exc})") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{p}:{lineno}"
            try:
                rec = json.loads(line)
            except ValueError:
                raise UnusableInput(f"{where}: not a JSON line") from None
            if not isinstance(rec, dict):
                raise UnusableInput(f"{where}: not a JSON object")
            if "work_id" in rec:
                wid = str(rec["work_id"])
                labels = rec.get("labels", [] if "error" in rec else None)
                if not isinstance(labels, list):
                    raise UnusableInput(f"{where}: \"labels\" is not a list")
                if labels and all(isinstance(x, int) and x in (0, 1) for x in labels):
                    if len(labels) != len(order):
                        raise UnusableInput(f"{where}: a 0/1 label list of {len(labels)} "
                                            f"values, expected {len(order)}")
                    labels = [order[i] for i, x in enumerate(labels) if x]
                bad = [x for x in labels if not isinstance(x, str) or x not in known]
                if bad:
                    raise UnusableInput(f"{where}: {bad[0]!r} is not a PAN23 label")
            elif "id" in rec and ("warnings" in rec or "error" in rec):
                wid = str(rec["id"])
                labels = labels_for_ids([w.get("id") for w in rec.get("warnings") or []
                                         if isinstance(w, dict)])
            else:
                raise UnusableInput(f"{where}: neither {{\"work_id\", \"labels\"}} nor a "
                                    "forewarn report line")
            if wid in out:
                raise UnusableInput(f"{where}: work {wid} appears twice")
            out[wid] = labels
    if not out:
        raise UnusableInput(f"{p}: no {role} in the file")
    return out


def format_measures(m: dict) -> str:
    """The measures as a plain-text table.

    Example:
        >>> m = pan_measures({"1": ["death"]}, {"1": ["death"]}, labels=["death"])
        >>> print(format_measures(m).splitlines()[2])
        macro  P 1.000  R 1.000  F1 1.000
    """
    lines = [f"PAN23 trigger detection: {m['works']} works, {m['labels']} labels",
             f"subset accuracy {m['sub_acc']:.3f}",
             f"macro  P {m['mac_p']:.3f}  R {m['mac_r']:.3f}  F1 {m['mac_f1']:.3f}",
             f"micro  P {m['mic_p']:.3f}  R {m['mic_r']:.3f}  F1 {m['mic_f1']:.3f}",
             "",
             f"{'label':<22}{'F1':>7}{'P':>7}{'R':>7}{'acc':>7}{'true':>7}{'pred':>7}"]
    for label, s in m["per_label"].items():
        lines.append(f"{label:<22}{s['f1']:>7.3f}{s['precision']:>7.3f}{s['recall']:>7.3f}"
                     f"{s['accuracy']:>7.3f}{s['support']:>7d}{s['predicted']:>7d}")
    return "\n".join(lines)


@click.command("pan")
@click.option("--predictions", "-p", required=True, type=click.Path(dir_okay=False),
              help="labels.jsonl from `forewarn batch --format pan` (or report lines).")
@click.option("--truth", "-t", required=True, type=click.Path(dir_okay=False),
              help="The truth labels.jsonl of the PAN23 data set.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table for a person, or JSON.")
def pan_command(predictions: str, truth: str, fmt: str) -> None:
    """PAN@CLEF 2023 trigger-detection measures: macro and micro precision, recall and F1,
    subset accuracy and per-label F1, as the official evaluator defines them."""
    t = read_labels(truth, role="truth")
    p = read_labels(predictions, role="predictions")
    m = pan_measures(t, p)
    click.echo(json.dumps(m, indent=2) if fmt == "json" else format_measures(m))

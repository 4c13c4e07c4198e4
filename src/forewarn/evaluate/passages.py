"""``forewarn evaluate passages FILE.jsonl``: passage-level content-warning accuracy.

Reads the passage-level trigger-warning format (one JSON object a line: ``warning`` — a
PAN-style label such as ``violence`` or ``abduction`` — ``text`` and ``majority``, 1 when
most annotators said the passage warrants that warning). Each passage is scanned like a
user's text (``forewarn.scan_work``); it is predicted positive when its report has the
warning (mapped to a taxonomy id: abduction → kidnapping) at any severity. Prints
precision, recall and F1 per warning and their macro average; ``--errors N`` prints N false
positives and N false negatives per warning to learn from.

Example:
    >>> s = Scores(tp=3, fp=1, fn=1)
    >>> round(s.f1, 3)
    0.75
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from forewarn.errors import UnusableInput


@dataclass
class Scores:
    """Counts for one warning and the metrics they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_pos: list[str] = field(default_factory=list)
    false_neg: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_passages(path: Path) -> list[dict]:
    """The rows of a passage file; raises UnusableInput for a missing or malformed file."""
    if not path.is_file():
        raise UnusableInput(f"{path}: no such file")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["warning"], row["text"], row["majority"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise UnusableInput(f"{path}:{n}: not a passage row (warning, text, majority)") from None
            rows.append(row)
    if not rows:
        raise UnusableInput(f"{path}: no passages")
    return rows


def predict(text: str, warning_id: str) -> bool:
    """True when forewarn reports ``warning_id`` (any severity) for the passage text."""
    from forewarn.pipeline import scan_work
    from forewarn.work import Chapter, Work

    report = scan_work(Work(chapters=[Chapter(text)]))
    return report.finding(warning_id) is not None


def evaluate(rows: list[dict], keep_errors: int = 0) -> dict[str, Scores]:
    """Scores per PAN label over the rows."""
    from forewarn.taxonomy import from_pan

    out: dict[str, Scores] = {}
    for row in rows:
        label = row["warning"]
        wid = from_pan(label) or label
        s = out.setdefault(label, Scores())
        gold = bool(row["majority"])
        pred = predict(row["text"], wid)
        if pred and gold:
            s.tp += 1
        elif pred:
            s.fp += 1
            if len(s.false_pos) < keep_errors:
                s.false_pos.append(row["text"])
        elif gold:
            s.fn += 1
            if len(s.false_neg) < keep_errors:
                s.false_neg.append(row["text"])
        else:
            s.tn += 1
    return out


def load_halves() -> dict[str, frozenset[str]]:
    """The fixed split of ``ptw-dev.jsonl`` by ``work_id``: half ``A`` (tune, read errors)
    and half ``B`` (held out: only scored)."""
    from importlib import resources

    data = json.loads(resources.files("forewarn.evaluate").joinpath("splits", "ptw.json")
                      .read_text("utf-8"))
    return {"A": frozenset(data["A"]), "B": frozenset(data["B"])}


def folds(rows: list[dict], k: int) -> list[list[dict]]:
    """``k`` folds of the rows grouped by ``work_id`` (a work's passages stay together),
    assigned by a stable hash so every run gets the same folds.

    Example:
        >>> rows = [{"work_id": str(i % 5)} for i in range(20)]
        >>> [len(f) for f in folds(rows, 2)] in ([8, 12], [12, 8], [4, 16], [16, 4], [20, 0], [0, 20])
        True
    """
    import zlib

    out: list[list[dict]] = [[] for _ in range(k)]
    for row in rows:
        key = str(row.get("work_id", row.get("text", "")))
        out[zlib.crc32(key.encode("utf-8")) % k].append(row)
    return out


def macro_f1(scores: dict[str, Scores]) -> float:
    """Mean F1 over the labels."""
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def _print_table(scores: dict[str, Scores]) -> None:
    click.echo(f"{'warning':<12} {'n':>5} {'pos':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for label, s in sorted(scores.items()):
        n = s.tp + s.fp + s.fn + s.tn
        click.echo(f"{label:<12} {n:>5} {s.tp + s.fn:>4} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    click.echo(f"macro-F1 {macro_f1(scores):.3f}")


@click.command("passages")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--errors", "errors", type=int, default=0, show_default=True,
              help="Print N false positives and N false negatives per warning.")
@click.option("--half", type=click.Choice(["all", "A", "B"]), default="all", show_default=True,
              help="Score one half of the fixed work_id split of ptw-dev.jsonl (A: tuned on; "
                   "B: held out, errors are never printed for it).")
@click.option("--folds", "k", type=click.IntRange(2, 20), default=None,
              help="Also print macro-F1 per fold of K folds grouped by work_id, and their mean.")
def passages_command(file: Path, errors: int, half: str, k: int | None) -> None:
    """Precision, recall and F1 per warning on passage-level data (JSONL)."""
    rows = read_passages(file)
    if half != "all":
        ids = load_halves()[half]
        rows = [r for r in rows if str(r.get("work_id")) in ids]
        if not rows:
            raise UnusableInput(f"{file}: no passage of half {half} (work ids of ptw-dev.jsonl)")
        if half == "B":
            errors = 0
    scores = evaluate(rows, errors)
    if half != "all":
        click.echo(f"half {half}: {len(rows)} passages")
    _print_table(scores)
    if k:
        f1s = [macro_f1(evaluate(fold)) for fold in folds(rows, k) if fold]
        click.echo("folds " + " ".join(f"{f:.3f}" for f in f1s)
                   + f"  mean {sum(f1s) / len(f1s):.3f}")
    if errors:
        for label, s in sorted(scores.items()):
            for kind, texts in (("false positive", s.false_pos), ("false negative", s.false_neg)):
                for t in texts:
                    click.echo(f"\n[{label}] {kind}: {t}")

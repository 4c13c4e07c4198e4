"""``python -m forewarn.training.agreement [CORPUS]``: Cohen's kappa of the twice-judged sample.

Example:
    >>> po, k = kappa([(1, 1), (0, 0), (1, 0), (0, 0)])
    >>> round(po, 2), round(k, 2)
    (0.75, 0.5)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Hashable, Sequence


def kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two annotators' labels."""
    n = len(pairs)
    cats = {x for pair in pairs for x in pair}
    po = sum(a == b for a, b in pairs) / n
    pe = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n)
             for c in cats)
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0


def tables(both: list[tuple[dict, dict]]) -> dict[str, list[tuple[Hashable, Hashable]]]:
    """The label pairs compared: real/look-alike, severity where both say real, four-way."""
    return {
        "real or look-alike": [(a["real"], b["real"]) for a, b in both],
        "severity, both real": [(a["severity"], b["severity"]) for a, b in both
                                if a["real"] and b["real"]],
        "four-way": [(a["severity"] or "look-alike", b["severity"] or "look-alike")
                     for a, b in both],
    }


def main(argv: list[str] | None = None) -> None:
    """Print agreement on real/look-alike, on severity and on the four-way label, over all
    twice-judged candidates and per sampling batch (``batch`` in ``candidates.jsonl``; the
    first, random one is ``random``)."""
    args = sys.argv[1:] if argv is None else argv
    from forewarn.training.train import default_corpus

    corpus = Path(args[0]) if args else default_corpus()
    first = {}
    with (corpus / "labels.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            first[row["id"]] = row
    with (corpus / "second-pass.jsonl").open(encoding="utf-8") as fh:
        second = [json.loads(line) for line in fh if line.strip()]
    with (corpus / "candidates.jsonl").open(encoding="utf-8") as fh:
        batch = {c["id"]: c.get("batch", "random") for c in map(json.loads, fh)}
    both = [(first[s["id"]], s) for s in second if s["id"] in first]
    parts = {"all": both}
    for b in sorted({batch.get(s["id"], "random") for _, s in both}):
        parts[b] = [(f, s) for f, s in both if batch.get(s["id"], "random") == b]
    for part, pairs_of in parts.items():
        if part != "all" and len(parts) == 2:
            continue
        print(f"{part}:")
        for name, pairs in tables(pairs_of).items():
            po, k = kappa(pairs)
            print(f"  {name:<22} {len(pairs):>4} items  agreement {po:.3f}  kappa {k:.3f}")


if __name__ == "__main__":  # pragma: no cover
    main()

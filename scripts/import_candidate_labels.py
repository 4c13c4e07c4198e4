"""Add a judged batch of candidates to the annotation corpus (``data/annotations/``).

    python scripts/import_candidate_labels.py SAMPLE.jsonl LABELS_DIR SECOND.jsonl CORPUS

``SAMPLE.jsonl`` is what a sampler wrote (e.g. ``python -m forewarn.training.uncertain``),
``LABELS_DIR`` holds the annotators' ``*.labels.jsonl`` (one judgement per id), ``SECOND``
the independent second judgements of a random part of the sample. Candidates already in the
corpus are refused; every candidate must be judged exactly once.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KEEP = ("id", "work", "warning", "kind", "surface", "chapter", "text", "hit", "sentence",
        "dialogue", "rule_severity", "batch")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    sample, labels_dir, second, corpus = (Path(a) for a in argv)
    rows = read(sample)
    have = {r["id"] for r in read(corpus / "candidates.jsonl")}
    clash = [r["id"] for r in rows if r["id"] in have]
    if clash:
        sys.exit(f"{len(clash)} candidates are in the corpus already, e.g. {clash[0]}")
    labels = {}
    for f in sorted(labels_dir.glob("*.labels.jsonl")):
        for lab in read(f):
            if lab["id"] in labels:
                sys.exit(f"{lab['id']} judged twice in {labels_dir}")
            labels[lab["id"]] = lab
    missing = [r["id"] for r in rows if r["id"] not in labels]
    if missing:
        sys.exit(f"{len(missing)} candidates not judged, e.g. {missing[0]}")
    with (corpus / "candidates.jsonl").open("a", encoding="utf-8") as fh:
        for r in rows:
            out = {k: r[k] for k in KEEP if k in r}
            out["sampled_p"] = r.get("p")
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    with (corpus / "labels.jsonl").open("a", encoding="utf-8") as fh:
        for r in rows:
            lab = labels[r["id"]]
            out = {"id": lab["id"], "real": int(lab["real"]), "severity": lab.get("severity"),
                   "annotator": lab["annotator"]}
            if lab.get("unsure"):
                out["unsure"] = True
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    ids = {r["id"] for r in rows}
    with (corpus / "second-pass.jsonl").open("a", encoding="utf-8") as fh:
        for lab in read(second):
            if lab["id"] in ids:
                fh.write(json.dumps({k: lab[k] for k in ("id", "real", "severity", "annotator")
                                     if k in lab}, ensure_ascii=False) + "\n")
    print(f"added {len(rows)} judged candidates to {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

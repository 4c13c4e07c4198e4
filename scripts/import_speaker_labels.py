"""Copy the whole-chapter speaker labels into ``data/annotations/speakers/``.

Each ``<novel>.labels.jsonl`` ({"novel","qid","speaker","type"}) is joined with its
``<novel>.quotes.json`` (qid → chapter index, start, end in forewarn's chapter text) into
``data/annotations/speakers/<novel>.jsonl``: one quote a line with its offsets, speaker
and type (the quote text itself is not copied: the offsets point into the public-domain
LitBank text).

Usage: python scripts/import_speaker_labels.py /work/annot/quotes data/annotations/speakers
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def merge(labels: Path, quotes: Path) -> list[dict]:
    """The labelled quotes of one novel, in text order, with their offsets."""
    where = {q["qid"]: q for q in json.loads(quotes.read_text(encoding="utf-8"))}
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        lab = json.loads(line)
        q = where.get(lab["qid"])
        if q is None:
            continue
        out.append({"novel": lab["novel"], "qid": lab["qid"], "chapter": q["chapter"],
                    "start": q["start"], "end": q["end"], "speaker": lab["speaker"],
                    "type": lab["type"]})
    return out


def main(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for labels in sorted(src.glob("*.labels.jsonl")):
        novel = labels.name[: -len(".labels.jsonl")]
        rows = merge(labels, src / f"{novel}.quotes.json")
        total = len(json.loads((src / f"{novel}.quotes.json").read_text(encoding="utf-8")))
        (dst / f"{novel}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{novel}: {len(rows)}/{total} quotes labelled")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Sample lexicon candidates (the passages around accepted hits) from development novels.

The annotation corpus (``data/annotations/``) is built from these: each candidate is one
accepted hit of the warnings lexicon with the sentence before and after it, judged by an
annotator as real content or a look-alike (``docs/annotation.md``). Novels reserved for
held-out measurement (``../shared/data/README.md``) and the held-out half of the novels
split (``data/splits/novels.json``) are never sampled.

Example:
    >>> from forewarn.text import segment_text
    >>> ch = segment_text("It was late. He stabbed the guard twice. Then he ran.").chapters[0]
    >>> "stabbed" in [c["surface"] for c in chapter_candidates(ch, "demo")]
    True
"""
from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from forewarn.text.document import ChapterDoc
from forewarn.warnings.detect import chapter_hits, normalize

MAX_WINDOW = 900  # characters of context kept around a hit (whole sentences)


def chapter_candidates(ch: ChapterDoc, work: str, hits: list | None = None) -> Iterator[dict]:
    """Every accepted hit of a chapter (or of ``hits``, found already) as a candidate record
    with its window.

    The window is the hit's sentence with the one before and the one after (trimmed to
    the hit's sentence when that would pass :data:`MAX_WINDOW`); offsets in the record
    are offsets into ``text``.
    """
    norm = None
    for h in chapter_hits(ch, accepted_only=True) if hits is None else hits:
        if not h.accepted:
            continue
        if norm is None:
            norm = normalize(ch.text)
        sents = ch.sentences
        lo_s = max(0, h.sentence - 1)
        hi_s = min(len(sents) - 1, h.sentence + 1)
        lo, hi = sents[lo_s].start, sents[hi_s].end
        if hi - lo > MAX_WINDOW:
            lo, hi = sents[h.sentence].start, sents[h.sentence].end
        if hi - lo > MAX_WINDOW:
            lo, hi = max(lo, h.start - MAX_WINDOW // 2), min(hi, h.end + MAX_WINDOW // 2)
        sent = sents[h.sentence]
        yield {
            "id": f"{work}:{ch.index}:{h.start}:{h.warning}",
            "work": work, "warning": h.warning, "kind": h.kind,
            "surface": norm[h.start:h.end], "chapter": ch.index,
            "text": ch.text[lo:hi],
            "hit": [h.start - lo, h.end - lo],
            "sentence": [max(0, sent.start - lo), min(hi, sent.end) - lo],
            "dialogue": ch.in_dialogue(h.start),
            "rule_severity": h.severity,
        }


def work_candidates(path: Path) -> list[dict]:
    """All candidates of one novel file."""
    from forewarn.ingest import load_path
    from forewarn.text import segment

    doc = segment(load_path(path))
    work = path.stem
    return [c for ch in doc.chapters for c in chapter_candidates(ch, work)]


def quotas(counts: dict[str, int], total: int, floor: int) -> dict[str, int]:
    """Candidates to judge per warning: proportional to the square root of how often it
    fires (weighted toward the warnings that fire most), at least ``floor`` when available.

    Example:
        >>> quotas({"a": 100, "b": 4, "c": 10000}, 60, 5)
        {'a': 5, 'b': 4, 'c': 54}
    """
    roots = {w: math.sqrt(n) for w, n in counts.items()}
    scale = total / sum(roots.values())
    return {w: min(n, max(floor, round(roots[w] * scale))) for w, n in counts.items()}


def sample(cands: list[dict], quota: dict[str, int], seed: int = 13) -> list[dict]:
    """Per warning: half of the quota at random (the real mix), half by turns over the
    distinct matched terms (so rare terms get measured too).

    Example:
        >>> cs = [{"id": str(i), "warning": "w", "surface": "t%d" % (i % 3)} for i in range(30)]
        >>> len(sample(cs, {"w": 6}))
        6
    """
    rng = random.Random(seed)
    by_warning: dict[str, list[dict]] = defaultdict(list)
    for c in cands:
        by_warning[c["warning"]].append(c)
    out: list[dict] = []
    for w in sorted(by_warning):
        pool = by_warning[w]
        rng.shuffle(pool)
        want = quota.get(w, 0)
        chosen = {c["id"]: c for c in pool[: want // 2]}
        by_term: dict[str, list[dict]] = defaultdict(list)
        for c in pool:
            if c["id"] not in chosen:
                by_term[c["surface"]].append(c)
        terms = sorted(by_term, key=lambda t: (-len(by_term[t]), t))
        while len(chosen) < want and terms:
            for t in list(terms):
                if len(chosen) >= want:
                    break
                if by_term[t]:
                    c = by_term[t].pop()
                    chosen[c["id"]] = c
                else:
                    terms.remove(t)
        out.extend(chosen.values())
    return out


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    """Write rows as JSON lines (UTF-8)."""
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def sampled_novels(texts: Path) -> list[Path]:
    """The LitBank files candidates may come from: not reserved (for warnings or speakers,
    ``splits/reserved.json``) and not in the held-out half of ``splits/novels.json``."""
    from importlib import resources

    splits = resources.files("forewarn.evaluate").joinpath("splits")
    reserved = json.loads(splits.joinpath("reserved.json").read_text("utf-8"))
    held = json.loads(splits.joinpath("novels.json").read_text("utf-8"))["held_out"]
    skip = set(reserved["warnings"]) | set(reserved["speakers_also"]) | {h[:-4] for h in held}
    return sorted(p for p in texts.glob("*.txt") if p.stem not in skip)


def main(argv: list[str] | None = None) -> None:
    """``python -m forewarn.training.candidates TEXTS OUT [TOTAL]``: sample the candidates
    of ``data/annotations/candidates.jsonl`` again (same seed, same files: same sample)."""
    import sys
    from collections import Counter
    from multiprocessing import Pool

    args = sys.argv[1:] if argv is None else argv
    texts, out = Path(args[0]), Path(args[1])
    total = int(args[2]) if len(args) > 2 else 4000
    with Pool(2) as pool:
        cands = [c for cs in pool.map(work_candidates, sampled_novels(texts)) for c in cs]
    chosen = sample(cands, quotas(Counter(c["warning"] for c in cands), total, 30))
    write_jsonl(out, chosen)
    print(f"{len(chosen)} of {len(cands)} candidates -> {out}")


if __name__ == "__main__":  # pragma: no cover
    main()

"""Sample the candidates the shipped evidence model gets most wrong, to be judged next.

The first batch of the annotation corpus is a random (and term-balanced) sample of lexicon
candidates (:mod:`.candidates`). On whole novels the model's errors are its *sure* look-alikes
("dragged him away from his thoughts" → kidnapping at 0.85) and its unsure real passages,
so the second batch is drawn where the model decides a book: candidates it scores at least
``LEAST`` (the passages that count towards a work-level report), from the same development
novels (never reserved, never the held-out half), never one already judged. Every warning
gets the same quota (a rare warning's false alarm costs a reader as much as a common one's,
and the common ones -- death, violence -- are in nearly every novel anyway), and within a
warning candidates are drawn by turns over probability bands so that sure and unsure ones
are both checked.

    python -m forewarn.training.uncertain TEXTS OUT [TOTAL [LEAST [BATCH [WARNINGS]]]]

``LEAST`` (default 0.3) lowers the bar to reach the real passages the model is unsure of
(the misses of a book), ``BATCH`` names the batch in the corpus (default ``uncertain``),
``WARNINGS`` (comma-separated ids) keeps to the warnings a book misses most.

The sample depends on the shipped weights at the time it is drawn (the corpus README names
the commit); judged rows are marked ``"batch": "uncertain"`` in ``candidates.jsonl``.

Example:
    >>> cs = [{"id": str(i), "warning": "w", "p": i / 10} for i in range(3, 10)]
    >>> [band(c["p"]) for c in by_bands(cs, 4, seed=1)]  # one from each band by turns
    [0, 1, 2, 3]
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from forewarn.training.candidates import chapter_candidates, sampled_novels, write_jsonl

LEAST = 0.3  # the work-level floor of a long novel: weaker candidates never decide a book
BANDS = (0.3, 0.5, 0.7, 0.9, 1.01)


def scored_candidates(path: Path) -> list[dict]:
    """Every accepted hit of one novel as a candidate record with the model's ``p``."""
    from forewarn.ingest import load_path
    from forewarn.text import segment
    from forewarn.warnings.detect import chapter_hits
    from forewarn.warnings.evidence import score_chapter

    doc = segment(load_path(path))
    out: list[dict] = []
    for ch in doc.chapters:
        hits = chapter_hits(ch, accepted_only=True)
        score_chapter(ch, hits, doc.words)
        ps = {(h.start, h.warning): h.p for h in hits}
        for c in chapter_candidates(ch, path.stem, hits):
            start = int(c["id"].rsplit(":", 2)[1])
            c["p"] = round(ps[(start, c["warning"])], 3)
            out.append(c)
    return out


def band(p: float, least: float = LEAST) -> int:
    """Which of :data:`BANDS` a probability falls in (-1 below ``least``); with a lower
    ``least`` the first band starts there."""
    bands = bands_from(least)
    for i, (lo, hi) in enumerate(zip(bands, bands[1:])):
        if lo <= p < hi:
            return i
    return -1


def bands_from(least: float) -> tuple[float, ...]:
    """The band edges starting at ``least``.

    Example:
        >>> bands_from(0.15)
        (0.15, 0.3, 0.5, 0.7, 0.9, 1.01)
    """
    return (least, *[b for b in BANDS if b > least]) if least < BANDS[0] else BANDS


def by_bands(cands: list[dict], want: int, seed: int = 13,
             least: float = LEAST) -> list[dict]:
    """``want`` candidates of one warning, by turns over the probability bands."""
    rng = random.Random(seed)
    bands: list[list[dict]] = [[] for _ in bands_from(least)[:-1]]
    for c in cands:
        i = band(c["p"], least)
        if i >= 0:
            bands[i].append(c)
    for b in bands:
        rng.shuffle(b)
    out: list[dict] = []
    while len(out) < want and any(bands):
        for b in bands:
            if b and len(out) < want:
                out.append(b.pop())
    return out


def choose(cands: list[dict], judged: set[str], total: int, seed: int = 13,
           least: float = LEAST) -> list[dict]:
    """The sample: unjudged candidates of ``p`` ≥ ``least``, the same quota for every
    warning (all of a warning's when it has fewer), drawn by bands."""
    pool: dict[str, list[dict]] = defaultdict(list)
    for c in cands:
        if c["id"] not in judged and c["p"] >= least:
            pool[c["warning"]].append(c)
    quota = {w: min(len(cs), total // max(1, len(pool))) for w, cs in pool.items()}
    out: list[dict] = []
    for w in sorted(pool):
        out.extend(by_bands(pool[w], quota[w], seed, least))
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m forewarn.training.uncertain TEXTS OUT [TOTAL]``."""
    import sys
    from multiprocessing import Pool

    args = sys.argv[1:] if argv is None else argv
    texts, out = Path(args[0]), Path(args[1])
    total = int(args[2]) if len(args) > 2 else 1800
    least = float(args[3]) if len(args) > 3 else LEAST
    name = args[4] if len(args) > 4 else "uncertain"
    only = set(args[5].split(",")) if len(args) > 5 else None
    root = Path(__file__).resolve().parents[3] / "data" / "annotations"
    judged = {json.loads(line)["id"] for line in
              (root / "candidates.jsonl").read_text("utf-8").splitlines() if line.strip()}
    with Pool(2) as pool:
        cands = [c for cs in pool.map(scored_candidates, sampled_novels(texts)) for c in cs
                 if only is None or c["warning"] in only]
    chosen = choose(cands, judged, total, least=least)
    for c in chosen:
        c["batch"] = name
    write_jsonl(out, chosen)
    print(f"{len(chosen)} of {len(cands)} candidates (p >= {least}: "
          f"{sum(c['p'] >= least for c in cands)}) -> {out}")


if __name__ == "__main__":  # pragma: no cover
    main()

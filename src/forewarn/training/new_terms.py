"""Sample the candidates of newly added lexicon patterns, to be judged before they count.

A pattern added to the lexicon has no judged examples yet, so the evidence model knows only
the corpus-wide base rate for it. This draws, from the development novels (never reserved,
never the held-out half), the candidates whose matched words come from the given patterns
and that are not judged yet: at most ``PER_WARNING`` per warning, at random (seed 13).

    python -m forewarn.training.new_terms PATTERNS.json TEXTS OUT [BATCH]

``PATTERNS.json`` is ``{warning id: [lexicon patterns]}`` (the files of
``data/annotations/term-batches/``); a pattern ``@KIND`` stands for every candidate of that
lexicon kind (``@frame``: the hits of the warning's construction frames, whose matched
words are not fixed); ``BATCH`` names the batch (default: the file's stem).

Example:
    >>> sorted(surfaces({"suicide": ["made away with {self}"]}))[:2]
    [('suicide', 'made away with herself'), ('suicide', 'made away with himself')]
    >>> kinds({"child-abuse": ["@frame", "beat~ the boy"]})
    {('child-abuse', 'frame')}
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from forewarn.training.candidates import sampled_novels, write_jsonl

PER_WARNING = 120


def surfaces(patterns: dict[str, list[str]]) -> set[tuple[str, str]]:
    """(warning, matched words) of every expansion of the patterns."""
    from forewarn.warnings.lexicon import _macros, expand

    macros = _macros()
    return {(w, s) for w, ps in patterns.items() for p in ps if not p.startswith("@")
            for s in expand(p, macros)}


def kinds(patterns: dict[str, list[str]]) -> set[tuple[str, str]]:
    """(warning, lexicon kind) of every ``@KIND`` pattern."""
    return {(w, p[1:]) for w, ps in patterns.items() for p in ps if p.startswith("@")}


def choose(cands: list[dict], wanted: set[tuple[str, str]], judged: set[str],
           seed: int = 13, kinds: set[tuple[str, str]] = frozenset()) -> list[dict]:  # type: ignore[assignment]
    """Unjudged candidates of the wanted surfaces (or of the wanted lexicon kinds), at most
    :data:`PER_WARNING` a warning."""
    rng = random.Random(seed)
    by: dict[str, list[dict]] = {}
    for c in cands:
        if c["id"] in judged:
            continue
        if (c["warning"], c["surface"]) in wanted or (c["warning"], c["kind"]) in kinds:
            by.setdefault(c["warning"], []).append(c)
    out: list[dict] = []
    for w in sorted(by):
        rng.shuffle(by[w])
        out += by[w][:PER_WARNING]
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m forewarn.training.new_terms PATTERNS.json TEXTS OUT [BATCH]``."""
    import sys
    from multiprocessing import Pool

    from forewarn.training.uncertain import scored_candidates

    args = sys.argv[1:] if argv is None else argv
    patterns_path, texts, out = Path(args[0]), Path(args[1]), Path(args[2])
    name = args[3] if len(args) > 3 else patterns_path.stem
    root = Path(__file__).resolve().parents[3] / "data" / "annotations"
    judged = {json.loads(line)["id"] for line in
              (root / "candidates.jsonl").read_text("utf-8").splitlines() if line.strip()}
    with Pool(2) as pool:
        cands = [c for cs in pool.map(scored_candidates, sampled_novels(texts)) for c in cs]
    patterns = json.loads(patterns_path.read_text("utf-8"))
    chosen = choose(cands, surfaces(patterns), judged, kinds=kinds(patterns))
    for c in chosen:
        c["batch"] = name
    write_jsonl(out, chosen)
    print(f"{len(chosen)} candidates of the new patterns -> {out}")


if __name__ == "__main__":  # pragma: no cover
    main()

"""``forewarn train``: fit the evidence model on the annotation corpus.

The corpus (``data/annotations/``) holds judged lexicon candidates from public-domain
novels and passages written for rare warnings. Every candidate becomes one example — the
features of :func:`forewarn.warnings.evidence.hit_features` and its label (real or
look-alike) — and a logistic model is fitted by deterministic Adagrad SGD with L2, so the
same corpus always gives the same weights file.

The term prior (a matched term's measured precision) is *cross-fitted*: an example's prior
is computed without the examples of its own work, so the model learns how far a prior from
other books can be trusted, not a term's label by heart. ``--folds K`` also prints how the
model does on works it was not fitted on (grouped K-fold).

Example:
    >>> ex = [Example("a", "w", "x", ["b", "t=w|x"], 1), Example("b", "w", "x", ["b", "t=w|x"], 0)]
    >>> m = fit(ex, epochs=2)
    >>> sorted(m.terms)
    ['w|x']
"""
from __future__ import annotations

import json
import math
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

from forewarn.errors import UnusableInput
from forewarn.warnings.evidence import EvidenceModel, hit_features, logit, sigmoid

L2 = 3e-2
RATE = 0.05
EPOCHS = 5
ALPHA = 4.0  # pseudo-counts of the term prior
MAX_WEIGHT = 4.0  # the most one example may count after balancing


@dataclass
class Example:
    """One judged candidate: its work (the group for folds), warning, matched term,
    features and label."""

    group: str
    warning: str
    surface: str
    feats: list[str]
    y: int
    on_page: int = -1  # for real examples: 1 when depicted or graphic, 0 for a mention


def _on_page(label: dict) -> int:
    """1 for a real example shown on the page, 0 for a real mention, -1 for a look-alike."""
    if not label.get("real"):
        return -1
    return int(label.get("severity") in ("depicted", "graphic"))


def page_examples(examples: list[Example]) -> list[Example]:
    """The real examples, labelled by whether they are on the page (the severity model)."""
    return [Example(e.group, e.warning, e.surface, e.feats, e.on_page)
            for e in examples if e.on_page >= 0]


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _hypothetical(sentence: str, offset: int) -> bool:
    """The context rules' hypothetical verdict at ``offset`` of a sentence."""
    from forewarn.warnings.context import Tokens, context_rules

    return context_rules().hypothetical_at(Tokens(sentence), offset)


def candidate_examples(corpus: Path) -> list[Example]:
    """Examples from the judged candidates (``candidates.jsonl`` + ``labels.jsonl``)."""
    labels = {r["id"]: r for r in _read_jsonl(corpus / "labels.jsonl")}
    out = []
    for c in _read_jsonl(corpus / "candidates.jsonl"):
        lab = labels.get(c["id"])
        if lab is None:
            continue
        s0, s1 = c["sentence"]
        h0, h1 = c["hit"]
        sentence = c["text"][s0:s1]
        feats = hit_features(sentence, h0 - s0, h1 - s0, c["warning"], c["kind"], c["dialogue"],
                             _hypothetical(sentence, h0 - s0), c["rule_severity"])
        out.append(Example(c["work"], c["warning"], c["surface"], feats, int(lab["real"]),
                           _on_page(lab)))
    return out


def written_examples(corpus: Path) -> list[Example]:
    """Examples from the written passages: each accepted hit of the passage's warning,
    with the passage's label."""
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits, normalize

    out = []
    for row in _read_jsonl(corpus / "written.jsonl"):
        ch = segment_text(row["text"]).chapters[0]
        for h in chapter_hits(ch, accepted_only=True):
            if h.warning != row["warning"]:
                continue
            sent = ch.sentences[h.sentence]
            feats = hit_features(ch.text[sent.start:sent.end], h.start - sent.start,
                                 h.end - sent.start, h.warning, h.kind, ch.in_dialogue(h.start),
                                 h.hypothetical, h.severity)
            surface = " ".join(normalize(ch.text[h.start:h.end]).split())
            out.append(Example(row["id"], h.warning, surface, feats, int(row["real"]),
                               _on_page(row)))
    return out


def load_examples(corpus: Path) -> list[Example]:
    """Every example of the corpus folder; raises UnusableInput when there is none."""
    ex = candidate_examples(corpus) + written_examples(corpus)
    if not ex:
        raise UnusableInput(f"{corpus}: no judged candidates (candidates.jsonl + labels.jsonl)")
    return ex


def _counts(examples: list[Example]) -> tuple[dict, dict]:
    """Per term: (real, n) over all examples, and the same per (term, group)."""
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for e in examples:
        key = f"{e.warning}|{e.surface}"
        for c in (total[key], by_group[(key, e.group)]):
            c[0] += e.y
            c[1] += 1
    return total, by_group


def _base_rates(examples: list[Example]) -> dict[str, float]:
    real: dict[str, float] = defaultdict(float)
    n: dict[str, float] = defaultdict(float)
    for e in examples:
        real[e.warning] += e.y
        n[e.warning] += 1
    overall = sum(real.values()) / max(1.0, sum(n.values()))
    return {w: round((real[w] + 2 * overall) / (n[w] + 2), 4) for w in n}


def _cross_priors(examples: list[Example], base: float) -> list[float]:
    """Each example's prior log-odds from the other works' judgements of its term."""
    total, by_group = _counts(examples)
    out = []
    for e in examples:
        key = f"{e.warning}|{e.surface}"
        t, g = total[key], by_group[(key, e.group)]
        real, n = t[0] - g[0], t[1] - g[1]
        b = base
        out.append(logit((real + ALPHA * b) / (n + ALPHA)))
    return out


def fit(examples: list[Example], epochs: int = EPOCHS, seed: int = 13) -> EvidenceModel:
    """Fit the model on ``examples`` (deterministic for a given order and seed)."""
    base = _base_rates(examples)
    default_base = round(sum(e.y for e in examples) / len(examples), 4)
    priors = _cross_priors(examples, default_base)
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    pw, pg2 = 1.0, 1e-8
    weights = balance_weights(examples)
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            e = examples[i]
            x = pw * priors[i] + sum(w[f] for f in e.feats)
            grad = (sigmoid(x) - e.y) * weights[i]
            for f in e.feats:
                gf = grad + L2 * w[f]
                g2[f] += gf * gf
                w[f] -= RATE * gf / math.sqrt(g2[f])
            gp = grad * priors[i]
            pg2 += gp * gp
            pw -= RATE * gp / math.sqrt(pg2)
    total, _ = _counts(examples)
    return EvidenceModel(
        weights={f: round(v, 4) for f, v in w.items() if abs(v) >= 5e-4},
        prior_weight=round(pw, 4), terms={k: (v[0], v[1]) for k, v in total.items()},
        base=base, default_base=default_base,
        alpha=ALPHA)


def balance_weights(examples: list[Example], cap: float = MAX_WEIGHT) -> list[float]:
    """Per example, a weight that gives the real and the look-alike examples of each
    warning equal say (at most ``cap``): how often a warning's words are real in old novels
    is no guide to a reader's story, so the model learns to tell the two apart, not the
    novels' base rates.

    Example:
        >>> ex = [Example("a", "w", "x", [], 1)] + [Example("a", "w", "x", [], 0)] * 3
        >>> [round(x, 2) for x in balance_weights(ex)]
        [2.0, 0.67, 0.67, 0.67]
    """
    n: dict[tuple[str, int], int] = defaultdict(int)
    per_warning: dict[str, int] = defaultdict(int)
    for e in examples:
        n[(e.warning, e.y)] += 1
        per_warning[e.warning] += 1
    return [min(cap, per_warning[e.warning] / (2 * n[(e.warning, e.y)])) for e in examples]


def fold_of(group: str, k: int) -> int:
    """The fold of a work (a stable hash of its name)."""
    return zlib.crc32(group.encode("utf-8")) % k


def cross_validate(examples: list[Example], k: int) -> list[tuple[float, int, str]]:
    """(p, label, warning) of every example, predicted by a model fitted without its fold."""
    out = []
    for fold in range(k):
        train = [e for e in examples if fold_of(e.group, k) != fold]
        test = [e for e in examples if fold_of(e.group, k) == fold]
        if not train or not test:
            continue
        m = fit(train)
        out += [(m.probability(e.feats, e.warning, e.surface), e.y, e.warning) for e in test]
    return out


def report(preds: list[tuple[float, int, str]]) -> list[str]:
    """Lines describing held-out predictions: log-loss, precision/recall at 0.5 and the
    calibration per tenth.

    Example:
        >>> report([(0.9, 1, "w"), (0.2, 0, "w")])[0].startswith("candidates 2")
        True
    """
    n = len(preds)
    loss = -sum(math.log(p if y else 1 - p) for p, y, _w in preds) / n
    tp = sum(1 for p, y, _ in preds if p >= 0.5 and y)
    fp = sum(1 for p, y, _ in preds if p >= 0.5 and not y)
    pos = sum(y for _, y, _ in preds)
    lines = [f"candidates {n}, real {pos / n:.3f}, log-loss {loss:.3f} "
             f"(always the base rate: {_base_loss(pos, n):.3f})",
             f"at p >= 0.5: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, pos):.3f}",
             "calibration (p bin: n, share real):"]
    bins: dict[int, list[int]] = defaultdict(list)
    for p, y, _ in preds:
        bins[min(9, int(p * 10))].append(y)
    lines += [f"  {b / 10:.1f}-{(b + 1) / 10:.1f}: {len(v):>5} {sum(v) / len(v):.3f}"
              for b, v in sorted(bins.items())]
    return lines


def _base_loss(pos: int, n: int) -> float:
    r = pos / n
    return -(r * math.log(r) + (1 - r) * math.log(1 - r)) if 0 < r < 1 else 0.0


def default_corpus() -> Path:
    """``data/annotations`` of the repository this package is installed from."""
    return Path(__file__).resolve().parents[3] / "data" / "annotations"


@click.command("train")
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Annotation folder (default: the repository's data/annotations).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Where to write the weights (default: the shipped "
                   "warnings/data/evidence-model.json).")
@click.option("--folds", "k", type=click.IntRange(2, 20), default=5, show_default=True,
              help="Grouped K-fold check printed before the final fit.")
def train_command(corpus: Path | None, out: Path | None, k: int) -> None:
    """Fit the evidence model on the annotation corpus and write its weights."""
    corpus = corpus or default_corpus()
    examples = load_examples(corpus)
    click.echo(f"{len(examples)} examples from {corpus}")
    click.echo(f"held-out folds ({k}, grouped by work):")
    for line in report(cross_validate(examples, k)):
        click.echo("  " + line)
    page = page_examples(examples)
    click.echo(f"on the page or a mention ({len(page)} real examples), held-out folds:")
    for line in report(cross_validate(page, k))[:2]:
        click.echo("  " + line)
    model = fit(examples)
    model.page = fit(page)
    if out is None:
        out = Path(__file__).resolve().parents[1] / "warnings" / "data" / "evidence-model.json"
    out.write_text(json.dumps(model.to_dict(), sort_keys=True, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    click.echo(f"wrote {out} ({len(model.weights)} weights, {len(model.terms)} terms)")

"""The evidence model: a calibrated probability that one lexicon hit is real content.

A hit that passed the context rules is only a candidate: "tearing along the road" is no
childbirth, "cock-crow" no sexual content. Each candidate gets ``p``, the probability that
it is real, from a logistic model over named features of its sentence:

* ``prior`` — the matched term's measured precision in the annotation corpus (smoothed
  toward the warning's own rate; ``data/annotations/``), as a log-odds;
* ``t=`` / ``k=`` — the matched term and the lexicon kind (no bias per warning: how often a
  warning is real in old novels says little about a reader's story, so unseen terms start
  from the corpus-wide rate and the context decides);
* ``l1=`` / ``l2=`` / ``r1=`` — the words just before and after the match ("drug *store*");
* ``co=`` / ``rel=`` — second cues: other lexicon words of the same (or a related)
  warning in the same sentence ("beat" + "the child");
* ``s=`` — the sentence's other lower-case words, per warning group;
* ``hyp``, ``men``, ``int``, ``dlg`` — the context rules' verdicts (hypothetical, mention,
  intense) and whether it is said in dialogue.

A second model over the same features, fitted on the real candidates, gives the
probability that a hit happens on the page rather than being mentioned; where it is sure, it
overrides the context rules' severity (a mention below ``mention_below``, on the page from
``page_above``); *graphic* still needs the rules' intensity cues.

The same :func:`hit_features` serves ``forewarn train`` (which fits the weights on the
corpus, :mod:`forewarn.training.train`) and the scan, so the two cannot drift apart. The
weights are a data file (``warnings/data/evidence-model.json``); scoring needs only the
standard library.

Example:
    >>> f = hit_features("He stabbed the guard twice.", 3, 10, "violence", "terms", False)
    >>> "t=violence|stabbed" in f and "r1=violence|the" in f
    True
    >>> 0.0 < model().probability(f, "violence", "stabbed") < 1.0
    True
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from forewarn.warnings.context import Tokens, context_rules
from forewarn.warnings.lexicon import compiled

MODEL_FILE = "evidence-model.json"
_WORD = re.compile(r"[a-z][a-z']*")
_MIN_BAG = 3  # shortest word of the sentence bag


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    from forewarn.taxonomy import load

    return {w.id: w.group for w in load().warnings}


def _norm(sentence: str) -> str:
    from forewarn.warnings.detect import normalize

    return normalize(sentence)


def hit_features(sentence: str, lo: int, hi: int, warning: str, kind: str,
                 dialogue: bool) -> list[str]:
    """The named features of a hit at ``sentence[lo:hi]`` (offsets in the sentence)."""
    norm = _norm(sentence)
    surface = " ".join(norm[lo:hi].split())
    feats = ["b", f"t={warning}|{surface}", f"k={warning}|{kind}", f"k={kind}"]
    low = sentence.lower()
    left = [m.group() for m in _WORD.finditer(low, 0, lo)][-2:]
    right = [m.group() for m in _WORD.finditer(low, hi)][:1]
    if left:
        feats += [f"l1={warning}|{left[-1]}", f"l1={left[-1]}"]
        if len(left) == 2:
            feats.append(f"l2={warning}|{left[0]} {left[1]}")
    if right:
        feats += [f"r1={warning}|{right[0]}", f"r1={right[0]}"]
    group = _groups().get(warning, "other")
    bag = {m.group() for m in _WORD.finditer(sentence) if len(m.group()) >= _MIN_BAG
           and not (lo <= m.start() < hi)}
    feats += [f"s={group}|{w}" for w in sorted(bag)]
    feats += _cue_features(norm, lo, hi, warning)
    feats += _rule_features(sentence, low, lo, dialogue)
    return feats


def _cue_features(norm: str, lo: int, hi: int, warning: str) -> list[str]:
    """Other lexicon words of the same or a related warning in the sentence."""
    lex = compiled()
    related = lex.related.get(warning, frozenset())
    out: set[str] = set()
    for end, (length, fires, _nots, _cues) in lex.automaton.iter(" " + norm + " "):
        start = end - length + 1
        if start < hi and end - 1 > lo:  # overlaps the hit itself
            continue
        for w, k in fires:
            if w == warning:
                out.add(f"co={warning}|{k}")
            elif w in related:
                out.add(f"rel={warning}")
    return sorted(out)


def _rule_features(sentence: str, low: str, lo: int, dialogue: bool) -> list[str]:
    rules = context_rules()
    toks = Tokens(sentence)
    out = []
    if rules.hypothetical_at(toks, lo):
        out.append("hyp")
    if rules.mentioned(toks, lo):
        out.append("men")
    if rules.intense(toks):
        out.append("int")
    if dialogue:
        out.append("dlg")
    return out


def logit(p: float) -> float:
    """Log-odds of ``p``, kept finite.

    Example:
        >>> round(logit(0.5), 3), logit(1.0) < 10
        (0.0, True)
    """
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    """The logistic function."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass
class EvidenceModel:
    """Weights of named features, the prior's weight, and the term-precision table."""

    weights: dict[str, float] = field(default_factory=dict)
    prior_weight: float = 1.0
    terms: dict[str, tuple[int, int]] = field(default_factory=dict)  # "w|surface": (real, n)
    base: dict[str, float] = field(default_factory=dict)  # warning: share real
    default_base: float = 0.3
    alpha: float = 4.0
    page: "EvidenceModel | None" = None  # p(on the page | real): the severity model

    def prior(self, warning: str, surface: str) -> float:
        """The term's smoothed precision: (real + alpha * base) / (n + alpha), ``base``
        being the corpus-wide share of real candidates."""
        base = self.default_base
        real, n = self.terms.get(f"{warning}|{surface}", (0, 0))
        return (real + self.alpha * base) / (n + self.alpha)

    def probability(self, feats: list[str], warning: str, surface: str) -> float:
        """p(real) of a hit with these features."""
        w = self.weights
        x = self.prior_weight * logit(self.prior(warning, " ".join(surface.split())))
        for f in feats:
            x += w.get(f, 0.0)
        return sigmoid(x)

    def to_dict(self) -> dict:
        return {"version": 1, "prior_weight": self.prior_weight, "alpha": self.alpha,
                "default_base": self.default_base, "base": self.base,
                "terms": {k: list(v) for k, v in sorted(self.terms.items())},
                "weights": dict(sorted(self.weights.items())),
                **({"page": self.page.to_dict()} if self.page else {})}

    @classmethod
    def from_dict(cls, data: dict) -> "EvidenceModel":
        return cls(weights=data.get("weights", {}), prior_weight=data.get("prior_weight", 1.0),
                   terms={k: (int(v[0]), int(v[1])) for k, v in data.get("terms", {}).items()},
                   base=data.get("base", {}), default_base=data.get("default_base", 0.3),
                   alpha=data.get("alpha", 4.0),
                   page=cls.from_dict(data["page"]) if "page" in data else None)


@lru_cache(maxsize=1)
def model() -> EvidenceModel:
    """The shipped model (``warnings/data/evidence-model.json``); an empty model (every
    hit at its warning's default rate) when the file is missing."""
    path = resources.files("forewarn.warnings").joinpath("data", MODEL_FILE)
    try:
        return EvidenceModel.from_dict(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        return EvidenceModel()


def score_chapter(ch, hits) -> None:  # type: ignore[no-untyped-def]
    """Set ``p`` on every accepted hit of a chapter (one feature pass per hit).

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.warnings.detect import chapter_hits
        >>> ch = segment_text("He stabbed the guard.").chapters[0]
        >>> hs = chapter_hits(ch, accepted_only=True)
        >>> score_chapter(ch, hs)
        >>> 0.0 < hs[0].p < 1.0
        True
    """
    from forewarn.warnings.decide import params

    m = model()
    d = params()
    text = ch.text
    for h in hits:
        if not h.accepted:
            continue
        sent = ch.sentences[h.sentence]
        lo = max(sent.start, 0)
        sentence = text[lo:sent.end]
        feats = hit_features(sentence, h.start - lo, h.end - lo, h.warning, h.kind,
                             ch.in_dialogue(h.start))
        surface = _norm(text[h.start:h.end])
        h.p = m.probability(feats, h.warning, surface)
        if m.page is not None and h.kind != "mention":
            page = m.page.probability(feats, h.warning, surface)
            if page < d.mention_below:
                h.severity = "mention"
            elif page >= d.page_above and h.severity == "mention" and not h.hypothetical:
                h.severity = "depicted"

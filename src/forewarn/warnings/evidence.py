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
overrides the context rules' severity (a mention below ``mention_below``; on the page from
``page_above``, unless the rules found it hypothetical or said in dialogue); *graphic* still
needs the rules' intensity cues.

:func:`hit_features` lists the features for ``forewarn train`` (which fits the weights on
the corpus, :mod:`forewarn.training.train`); the scan (:func:`score_chapter`) sums the same
weights with the sentence-level parts computed once per sentence, and a test holds the two
equal. The
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
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.package_data import data_path
from forewarn.shards import Shards
from forewarn.warnings.lexicon import compiled

MODEL_FILE = "evidence-model.json"
_ANY_WORD = compile_regex(r"[A-Za-z][A-Za-z']*")
_LETTER = compile_regex(r"[^\W\d_]")
_MIN_BAG = 3  # shortest word of the sentence bag
# A word written in lower case from its start (\b[a-z][a-z']*), of at least _MIN_BAG
# characters: shorter runs are skipped by the pattern itself (no match can start inside
# one: it holds no word boundary followed by a letter).
_BAG_WORD = compile_regex(r"\b[a-z][a-z']{%d,}" % (_MIN_BAG - 1))
_UNPACK = threading.Lock()  # one thread unpacks a shard of weights while the others wait


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    from forewarn.taxonomy import load

    return {w.id: w.group for w in load().warnings}


def _norm(sentence: str) -> str:
    from forewarn.warnings.detect import normalize

    return normalize(sentence)


def hit_features(sentence: str, lo: int, hi: int, warning: str, kind: str, dialogue: bool,
                 hypothetical: bool = False, rule_severity: str = "depicted") -> list[str]:
    """The named features of a hit at ``sentence[lo:hi]`` (offsets in the sentence);
    ``hypothetical`` and ``rule_severity`` are the context rules' verdicts on it."""
    norm = _norm(sentence)
    surface = " ".join(norm[lo:hi].split())
    feats = ["b", f"t={warning}|{surface}", f"k={warning}|{kind}", f"k={kind}"]
    feats += _edge_features(sentence, lo, hi, warning)
    group = _groups().get(warning, "other")
    feats += [f"s={group}|{w}" for w in sorted(bag_words(sentence) - bag_words(sentence[lo:hi]))]
    feats += [f for f in _cue_features(sentence_cues(norm), lo, hi, warning)]
    feats += rule_features(hypothetical, rule_severity, dialogue)
    return feats


def _edge_features(sentence: str, lo: int, hi: int, warning: str) -> list[str]:
    """The two words before the hit and the word after it, lower-cased; a capitalised word
    that does not open the sentence is a name and stands as ``NAME`` (a rule that knows a
    character is memorising)."""
    left = [_edge_word(m) for m in list(_ANY_WORD.finditer(sentence, max(0, lo - 60), lo))[-2:]]
    m = _ANY_WORD.search(sentence, hi, hi + 40)
    right = [_edge_word(m)] if m else []
    out = []
    if left:
        out += [f"l1={warning}|{left[-1]}", f"l1={left[-1]}"]
        if len(left) == 2:
            out.append(f"l2={warning}|{left[0]} {left[1]}")
    if right:
        out += [f"r1={warning}|{right[0]}", f"r1={right[0]}"]
    return out


def _edge_word(m: re.Match[str]) -> str:
    word = m.group()
    if word[0].isupper() and m.start() > 0 and sentence_start(m.string, m.start()):
        return "NAME"
    return word.lower()


def sentence_start(text: str, at: int) -> bool:
    """Whether some letter comes before ``at`` in ``text`` (the word at ``at`` does not open it).

    Example:
        >>> sentence_start('"Tom ran," said Anna.', 16), sentence_start('"Tom ran."', 1)
        (True, False)
    """
    return _LETTER.search(text, 0, at) is not None


def bag_words(text: str) -> frozenset[str]:
    """The words of ``text`` written in lower case (names are left out: a rule that knows
    a character is memorising), of at least three letters.

    Example:
        >>> sorted(bag_words("Tom stabbed the guard."))
        ['guard', 'stabbed', 'the']
    """
    return frozenset(_BAG_WORD.findall(text))


def sentence_cues(norm: str) -> list[tuple[int, int, str, str]]:
    """Every lexicon match of a normalised sentence: (start, end, warning, kind)."""
    out = []
    for end, (length, fires, _nots, _cues) in compiled().matcher.matches(" " + norm + " "):
        start = end - length + 1
        out += [(start, end - 1, w, k) for w, k in fires]
    return out


def _cue_features(cues: list[tuple[int, int, str, str]], lo: int, hi: int,
                  warning: str) -> list[str]:
    """Second cues: other lexicon words of the same or a related warning in the sentence
    (not overlapping the hit)."""
    related = compiled().related.get(warning, frozenset())
    out: set[str] = set()
    for start, end, w, k in cues:
        if start < hi and end > lo:
            continue
        if w == warning:
            out.add(f"co={warning}|{k}")
        elif w in related:
            out.add(f"rel={warning}")
    return sorted(out)


def rule_features(hypothetical: bool, severity: str, dialogue: bool) -> list[str]:
    """The context rules' verdicts as features.

    Example:
        >>> rule_features(True, "mention", False)
        ['hyp', 'men']
    """
    out = []
    if hypothetical:
        out.append("hyp")
    if severity == "mention":
        out.append("men")
    elif severity == "graphic":
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
    #: Weights not in ``weights`` yet, by shard (:func:`weight_shard`); see :meth:`pack`.
    packed: Shards | None = field(default=None, repr=False, compare=False)

    def pack(self) -> "EvidenceModel":
        """Move the weights (and the page model's) into :attr:`packed`, one shard per
        warning or group, unpacked when a hit needs them (:meth:`need`); returns self.

        Example:
            >>> m = EvidenceModel(weights={"b": -1.0, "t=gore|blood": 2.0, "t=war|tank": 1.0}).pack()
            >>> m.weights
            {}
            >>> sorted(m.need("gore").weights)
            ['b', 't=gore|blood']
        """
        shards: dict[str, dict[str, float]] = {}
        for name, weight in self.weights.items():
            shards.setdefault(weight_shard(name), {})[name] = weight
        self.weights, self.packed = {}, Shards(shards)
        if self.page is not None:
            self.page.pack()
        return self

    def need(self, warning: str) -> "EvidenceModel":
        """Unpack the weights a hit of ``warning`` can read: its own, its group's and the
        shared ones (a no-op once unpacked, or for a model that was never packed)."""
        if self.packed:
            with _UNPACK:
                for name in (warning, _groups().get(warning, "other"), ""):
                    part = self.packed.take(name)
                    if part:
                        self.weights.update(part)
        if self.page is not None:
            self.page.need(warning)
        return self

    def unpacked(self) -> "EvidenceModel":
        """Unpack every weight (of the page model too); returns self."""
        if self.packed:
            with _UNPACK:
                for name in self.packed.names():
                    self.weights.update(self.packed.take(name) or {})
        if self.page is not None:
            self.page.unpacked()
        return self

    def prior(self, warning: str, surface: str) -> float:
        """The term's smoothed precision: (real + alpha * base) / (n + alpha), ``base``
        being the corpus-wide share of real candidates."""
        base = self.default_base
        real, n = self.terms.get(f"{warning}|{surface}", (0, 0))
        return (real + self.alpha * base) / (n + self.alpha)

    def probability(self, feats: list[str], warning: str, surface: str) -> float:
        """p(real) of a hit with these features."""
        return self.score(feats, warning, surface)

    def score(self, feats: list[str], warning: str, surface: str, extra: float = 0.0) -> float:
        """p(real) from features plus an already summed ``extra`` weight."""
        self.need(warning)
        w = self.weights
        x = extra + self.prior_weight * logit(self.prior(warning, " ".join(surface.split())))
        for f in feats:
            x += w.get(f, 0.0)
        return sigmoid(x)

    def to_dict(self) -> dict:
        self.unpacked()
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


def model_file() -> tuple[bytes, str] | None:
    """The shipped model file's bytes and the cache key made from them (the file, this
    module's code, the versions); None when the file is missing.

    Example:
        >>> data, key = model_file()
        >>> data.startswith(b"{"), len(key)
        (True, 24)
    """
    from pathlib import Path

    from forewarn import shards
    from forewarn.cache import fingerprint, runtime_parts

    path = data_path("forewarn.warnings", "data", MODEL_FILE)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return data, fingerprint([*runtime_parts(), data, Path(__file__).read_bytes(),
                              Path(shards.__file__).read_bytes()])


@lru_cache(maxsize=1)
def model() -> EvidenceModel:
    """The shipped model (``warnings/data/evidence-model.json``), kept parsed in the user
    cache folder like the lexicon (:mod:`forewarn.cache`); an empty model (every hit at the
    corpus-wide rate) when the file is missing."""
    from forewarn.cache import cached

    found = model_file()
    if found is None:
        return EvidenceModel()
    data, key = found
    return cached("evidence", key, lambda: EvidenceModel.from_dict(json.loads(data)).pack(),
                  kind=EvidenceModel)


def weight_shard(feature: str) -> str:
    """The shard a feature's weight is packed in: the warning or group it names before
    ``|`` ("t=violence|stabbed", "s=substances|wine"), else the shared shard ``""``.

    Example:
        >>> weight_shard("t=violence|stabbed"), weight_shard("s=substances|wine"), weight_shard("hyp")
        ('violence', 'substances', '')
    """
    eq, bar = feature.find("="), feature.find("|")
    return feature[eq + 1:bar] if 0 <= eq < bar else ""


def score_chapter(ch, hits, words: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Set ``p`` on every accepted hit of a chapter: :func:`forewarn.warnings.scoring.score_chapter`
    (the same sums as :func:`hit_features`, looked up the quick way)."""
    from forewarn.warnings.scoring import score_chapter as score

    score(ch, hits, words)

"""The evidence model's weights keyed for direct lookup: what the scan sums per hit.

:func:`forewarn.warnings.evidence.hit_features` names a hit's features as strings
(``l1=violence|the``) and training fits one weight per name. Building those strings for
every hit of a novel costs more than the sum itself, so the scan reads the same weights
from tables keyed by what the name is made of (the warning, then the word), and looks up
the features that depend only on the term, its kind and its warning (the bias, ``t=``, both
``k=``, and the term's prior) once per term.

Example:
    >>> from forewarn.warnings.evidence import EvidenceModel
    >>> t = WeightTable.of(EvidenceModel(weights={"b": 0.5, "l1=violence|he": 0.25,
    ...                                          "l1=he": 0.125, "s=violent|blood": 1.0}))
    >>> t.l1["violence"]["he"], t.l1_any["he"], t.bag["violent"]["blood"]
    (0.25, 0.125, 1.0)
    >>> [round(x, 4) for x in t.term_parts("violence", "stabbed", "terms")]  # prior, b, t, k, k
    [-0.8473, 0.5, 0.0, 0.0, 0.0]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

from forewarn.warnings.evidence import EvidenceModel, logit, model, model_file

#: Features that stand alone (no ``=``): the bias and the context rules' verdicts.
_FLAGS = ("b", "hyp", "men", "int", "dlg")


@dataclass(frozen=True, slots=True)
class WarningWeights:
    """One warning's part of a :class:`WeightTable`: ``l1``, ``l2``, ``r1`` and ``co`` by
    word (or kind), and the ``rel`` weight."""

    l1: dict[str, float]
    l2: dict[str, float]
    r1: dict[str, float]
    co: dict[str, float]
    rel: float


@dataclass(slots=True)
class WeightTable:
    """One model's weights by family: ``term`` (``t=``), ``kind_of`` (``k=warning|kind``),
    ``kind`` (``k=kind``), ``l1``/``l2``/``r1`` by warning then word(s), ``l1_any``/
    ``r1_any`` by word, ``co`` by warning then kind, ``rel`` by warning, ``bag`` (``s=``)
    by group then word, and the flags."""

    model: EvidenceModel  # the term prior's part of the model (no weights)
    flags: dict[str, float] = field(default_factory=dict)
    term: dict[str, dict[str, float]] = field(default_factory=dict)
    kind_of: dict[str, dict[str, float]] = field(default_factory=dict)
    kind: dict[str, float] = field(default_factory=dict)
    l1: dict[str, dict[str, float]] = field(default_factory=dict)
    l2: dict[str, dict[str, float]] = field(default_factory=dict)
    r1: dict[str, dict[str, float]] = field(default_factory=dict)
    l1_any: dict[str, float] = field(default_factory=dict)
    r1_any: dict[str, float] = field(default_factory=dict)
    co: dict[str, dict[str, float]] = field(default_factory=dict)
    rel: dict[str, float] = field(default_factory=dict)
    bag: dict[str, dict[str, float]] = field(default_factory=dict)
    _terms: dict[tuple[str, str, str], tuple[float, ...]] = field(default_factory=dict)
    _views: dict[str, "WarningWeights"] = field(default_factory=dict)

    @classmethod
    def of(cls, m: EvidenceModel) -> "WeightTable":
        """The tables of model ``m``; a weight whose name is not one of the families the
        features are made of raises ValueError (the scan would silently drop it)."""
        t = cls(EvidenceModel(prior_weight=m.prior_weight, terms=m.terms,
                              default_base=m.default_base, alpha=m.alpha))
        for name, weight in m.weights.items():
            t._add(name, weight)
        return t

    def _add(self, name: str, weight: float) -> None:
        if name in _FLAGS:
            self.flags[name] = weight
            return
        family, eq, rest = name.partition("=")
        head, bar, tail = rest.partition("|")
        if not eq:
            raise ValueError(f"evidence model: unknown feature {name!r}")
        if not bar:
            flat = {"k": self.kind, "l1": self.l1_any, "r1": self.r1_any, "rel": self.rel}
            if family not in flat:
                raise ValueError(f"evidence model: unknown feature {name!r}")
            flat[family][head] = weight
            return
        nested = {"t": self.term, "k": self.kind_of, "l1": self.l1, "l2": self.l2,
                  "r1": self.r1, "co": self.co, "s": self.bag}
        if family not in nested:
            raise ValueError(f"evidence model: unknown feature {name!r}")
        nested[family].setdefault(head, {})[tail] = weight

    def term_parts(self, warning: str, surface: str, kind: str) -> tuple[float, ...]:
        """What a hit's term, kind and warning give, computed once per term: the prior's
        log-odds times its weight, then the weights of ``b``, ``t=``, ``k=warning|kind``
        and ``k=kind`` (kept apart and added in this order, so that the sum is the one
        :meth:`~.evidence.EvidenceModel.score` makes, to the last bit)."""
        key = (warning, surface, kind)
        found = self._terms.get(key)
        if found is None:
            m = self.model
            found = self._terms[key] = (
                m.prior_weight * logit(m.prior(warning, " ".join(surface.split()))),
                self.flags.get("b", 0.0), self.term.get(warning, {}).get(surface, 0.0),
                self.kind_of.get(warning, {}).get(kind, 0.0), self.kind.get(kind, 0.0))
        return found

    def of_warning(self, warning: str) -> "WarningWeights":
        """The tables of one warning (looked up once per warning, not once per hit)."""
        found = self._views.get(warning)
        if found is None:
            found = self._views[warning] = WarningWeights(
                self.l1.get(warning, {}), self.l2.get(warning, {}), self.r1.get(warning, {}),
                self.co.get(warning, {}), self.rel.get(warning, 0.0))
        return found

    def bag_weight(self, group: str, words: frozenset[str]) -> float:
        """The summed ``s=`` weights of ``words`` for a warning group."""
        weights = self.bag.get(group)
        if not weights:
            return 0.0
        return sum(map(weights.get, words, repeat(0.0)))  # no Python loop: map in C


_BUILT: tuple[WeightTable, WeightTable | None] | None = None


def tables() -> tuple[WeightTable, WeightTable | None]:
    """The shipped model's tables and its severity model's (None when it has none), built
    once and kept in the user cache folder beside the model (:mod:`forewarn.cache`): the
    scan then never needs the model's own dictionaries.

    Example:
        >>> real, page = tables()
        >>> real.flags["b"] == model().weights["b"]
        True
    """
    global _BUILT
    built = _BUILT
    if built is None:
        built = _BUILT = _load()
    return built


def _load() -> tuple[WeightTable, WeightTable | None]:
    from pathlib import Path

    from forewarn.cache import cached, fingerprint

    found = model_file()
    if found is None:
        return WeightTable.of(EvidenceModel()), None
    key = fingerprint([found[1], Path(__file__).read_bytes()])
    return cached("weights", key, _build)


def _build() -> tuple[WeightTable, WeightTable | None]:
    m = model().unpacked()
    return WeightTable.of(m), (WeightTable.of(m.page) if m.page is not None else None)

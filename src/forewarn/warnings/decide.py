"""The work-level decision: from hit probabilities to a reported warning and its confidence.

One passage (paragraph) counts once, at the probability of its surest hit. A warning's
work-level probability is the larger of

* its surest passage's probability (one clear scene is enough), and
* ``1 - 2 ** (-S / need)``, where ``S`` sums the passages' probabilities and ``need`` grows
  with the work's length: several independent medium passages count, but a 200,000-word
  novel must show more of them than a short story, since it has more weak hits by chance.
  In a long work only passages of at least ``floor`` count; in a short one (under
  ``floor_words``) the floor is lower in proportion, so a fic's one scene still counts.

The parameters are data (``warnings/data/decision.toml``).

Example:
    >>> work_probability([0.9, 0.4], words=3000) > 0.9
    True
    >>> work_probability([0.4] * 4, words=200_000) < work_probability([0.4] * 4, words=3000)
    True
    >>> confidence(0.95), confidence(0.6), confidence(0.2)
    ('high', 'medium', None)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forewarn.warnings.lexicon import read_data


@dataclass(frozen=True)
class Decision:
    """The parameters of ``decision.toml``."""

    report: float
    confident: float
    single: float
    single_weak: float
    floor: float
    floor_words: int
    need: float
    need_per_100k: float
    confident_hit: float
    mention_below: float
    page_above: float
    page_per_100k: float
    page_min: int
    dwell_words: int
    dwell_min: int


@lru_cache(maxsize=1)
def params() -> Decision:
    """The decision parameters, read once."""
    data = read_data("decision.toml")
    work, sev = data["work"], data["severity"]
    return Decision(float(work["report"]), float(work["confident"]), float(work["single"]),
                    float(work.get("single_weak", 2.0)), float(work["floor"]),
                    int(work["floor_words"]),
                    float(work["need"]), float(work["need_per_100k"]),
                    float(sev["confident_hit"]), float(sev["mention_below"]),
                    float(sev["page_above"]), float(sev["page_per_100k"]),
                    int(sev.get("page_min", 1)), int(sev["dwell_words"]), int(sev["dwell_min"]))


def floor(words: int) -> float:
    """The least probability a passage needs to count in a work of ``words`` words.

    Example:
        >>> floor(100) < floor(200_000)
        True
    """
    d = params()
    return d.floor * min(1.0, words / d.floor_words)


def need(words: int) -> float:
    """The sum of passage probabilities that makes even odds in a work of ``words`` words.

    Example:
        >>> need(0) < need(10_000) < need(200_000)
        True
    """
    d = params()
    return d.need + d.need_per_100k * words / 100_000


def work_probability(passage_ps: list[float], words: int, scale: float = 1.0) -> float:
    """How likely the work holds the warning, from its passages' probabilities; ``scale``
    multiplies the evidence needed (a lexicon's ``min_score``: violence needs more, since
    its words are everywhere)."""
    if not passage_ps:
        return 0.0
    d = params()
    least = floor(words)
    total = sum(p for p in passage_ps if p >= least)
    summed = 1.0 - 2.0 ** (-total / (need(words) * scale))
    surest = max(passage_ps)
    return max(surest, summed) if surest >= d.single else summed


def confidence(p: float) -> str | None:
    """``high`` or ``medium`` (shown as *possible*) for a reported warning, None when the
    work-level probability is too low to report it."""
    d = params()
    if p >= d.confident:
        return "high"
    if p >= d.report:
        return "medium"
    return None

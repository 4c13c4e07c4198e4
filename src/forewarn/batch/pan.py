"""PAN@CLEF 2023 trigger-detection labels: the official label list and a report's labels.

The label list is data (``forewarn/data/pan23_labels.txt``, in the task's order); which
warning answers for which label is the taxonomy's ``pan`` field.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from forewarn.report import Report


@lru_cache(maxsize=1)
def pan_label_list() -> tuple[str, ...]:
    """The 32 official PAN23 labels, in the task's order.

    Example:
        >>> labels = pan_label_list()
        >>> len(labels), labels[0], labels[-1]
        (32, 'pornographic-content', 'animal-cruelty')
    """
    text = resources.files("forewarn").joinpath("data", "pan23_labels.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def _label_map() -> dict[str, tuple[str, ...]]:
    from forewarn.taxonomy import load

    return {w.id: w.pan for w in load().warnings if w.pan}


def labels_for_ids(warning_ids: list[str] | set[str] | tuple[str, ...]) -> list[str]:
    """PAN labels for taxonomy warning ids, in the official order, without repeats.

    Example:
        >>> labels_for_ids(["kidnapping", "blood", "smoking"])
        ['blood', 'kidnapping', 'abduction']
    """
    mapping = _label_map()
    found = {label for wid in warning_ids for label in mapping.get(wid, ())}
    order = pan_label_list()
    return [label for label in order if label in found] + sorted(found - set(order))


def pan_labels(report: Report) -> list[str]:
    """The PAN labels of a report's findings (every severity counts, as PAN's labels
    include "Implied/Referenced" tags).

    Example:
        >>> from forewarn.report import Finding
        >>> r = Report(warnings=[Finding("death", "Death", "death", "mention")])
        >>> pan_labels(r)
        ['death']
    """
    return labels_for_ids([f.id for f in report.warnings])

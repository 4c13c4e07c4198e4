"""The content-warning taxonomy, loaded once from ``warnings.toml``.

Example:
    >>> from forewarn.taxonomy import get, load
    >>> get("smoking").question
    'Does someone smoke?'
    >>> from_pan("abduction")
    'kidnapping'
    >>> len(load().warnings) >= 55
    True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from forewarn.package_data import load_toml_file
from forewarn.report import SEVERITIES


@dataclass(frozen=True)
class WarningType:
    """One entry of the taxonomy.

    ``ao3`` maps each severity (``mention``/``depicted``/``graphic``) to AO3 freeform
    spellings, the first being the one forewarn suggests as a tag.
    """

    id: str
    name: str
    definition: str
    group: str
    question: str
    pan: tuple[str, ...] = ()
    ao3_warning: str | None = None
    ao3: dict[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()

    def ao3_tag(self, severity: str) -> str | None:
        """The AO3 freeform tag for a finding at ``severity`` (None when there is none).

        Example:
            >>> get("suicide").ao3_tag("mention")
            'Implied/Referenced Suicide'
        """
        spellings = self.ao3.get(severity) or ()
        return spellings[0] if spellings else None

    def to_dict(self) -> dict:
        """Plain data for JSON output."""
        return {
            "id": self.id, "name": self.name, "definition": self.definition,
            "group": self.group, "question": self.question, "pan": list(self.pan),
            "ao3_warning": self.ao3_warning,
            "ao3": {s: list(self.ao3.get(s, ())) for s in SEVERITIES},
            "aliases": list(self.aliases), "implies": list(self.implies),
        }


@dataclass(frozen=True)
class Taxonomy:
    """All warnings, their groups, and lookup tables."""

    warnings: tuple[WarningType, ...]
    groups: dict[str, str]
    by_id: dict[str, WarningType]
    pan_to_id: dict[str, str]

    def group_name(self, group: str) -> str:
        """Reader-facing name of a group id ("death" → "Death & loss")."""
        return self.groups.get(group, group)


def _parse(data: dict) -> Taxonomy:
    groups = dict(data.get("groups", {}))
    items: list[WarningType] = []
    for raw in data.get("warning", []):
        ao3 = {sev: tuple(raw.get("ao3", {}).get(sev, ())) for sev in SEVERITIES}
        w = WarningType(
            id=raw["id"], name=raw["name"], definition=raw["definition"], group=raw["group"],
            question=raw["question"], pan=tuple(raw.get("pan", ())),
            ao3_warning=raw.get("ao3_warning"), ao3=ao3,
            aliases=tuple(a.lower() for a in raw.get("aliases", ())),
            implies=tuple(raw.get("implies", ())),
        )
        if w.group not in groups:
            raise ValueError(f"warnings.toml: {w.id}: unknown group {w.group!r}")
        items.append(w)
    by_id = {w.id: w for w in items}
    if len(by_id) != len(items):
        raise ValueError("warnings.toml: duplicate warning id")
    for w in items:
        for other in w.implies:
            if other not in by_id:
                raise ValueError(f"warnings.toml: {w.id}: implies unknown id {other!r}")
    pan = {label: w.id for w in items for label in w.pan}
    return Taxonomy(tuple(items), groups, by_id, pan)


@lru_cache(maxsize=1)
def load() -> Taxonomy:
    """The taxonomy shipped with forewarn (parsed once, then cached)."""
    return _parse(load_toml_file("forewarn.taxonomy", "warnings.toml"))


def get(warning_id: str) -> WarningType:
    """The entry for ``warning_id``; raises KeyError for an unknown id."""
    return load().by_id[warning_id]


def from_pan(label: str) -> str | None:
    """The taxonomy id a PAN@CLEF 2023 label maps to (None when unknown)."""
    return load().pan_to_id.get(label.strip().lower())


def covered_by(declared: set[str]) -> set[str]:
    """Ids covered by a set of declared ids, following ``implies`` transitively.

    Example:
        >>> sorted(covered_by({"alcoholism"}))
        ['alcohol', 'alcoholism']
    """
    tax = load()
    out: set[str] = set()
    todo = [d for d in declared if d in tax.by_id]
    while todo:
        wid = todo.pop()
        if wid in out:
            continue
        out.add(wid)
        todo.extend(tax.by_id[wid].implies)
    return out

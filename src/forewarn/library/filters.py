"""Search filters for the library: what a reader types, parsed and checked.

``WARNING[:SEVERITY]`` names a warning by its taxonomy id, its name or an alias, with an
optional minimum severity (``mention`` < ``depicted`` < ``graphic``; none means any).

Example:
    >>> parse_warning_spec("grief:depicted")
    ('grief', 'depicted')
    >>> parse_warning_spec("Self Harm")
    ('self-harm', 'mention')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from forewarn.errors import UnusableInput
from forewarn.report import SEVERITIES, SEVERITY_RANK

_KEBAB = re.compile(r"[^a-z0-9]+")
#: the values a report's rating estimate and point of view take (``docs/report-schema.md``)
RATINGS = ("general", "teen", "mature", "explicit", "unknown")
POVS = ("first", "second", "third", "mixed", "unknown")
#: how many nearest warning ids an unknown name suggests
SUGGESTIONS = 3


def _taxonomy():  # type: ignore[no-untyped-def]
    try:
        from forewarn.taxonomy import load

        return load()
    except Exception:  # taxonomy missing or broken: ids are checked for shape only
        return None


def resolve_warning(name: str) -> str:
    """The taxonomy id for an id, a name or an alias; raises UnusableInput when unknown.

    Example:
        >>> resolve_warning("Grief")
        'grief'
    """
    raw = name.strip()
    kebab = _KEBAB.sub("-", raw.lower()).strip("-")
    if not kebab:
        raise UnusableInput(f"warning {name!r}: empty warning name")
    tax = _taxonomy()
    if tax is None:
        return kebab
    if kebab in tax.by_id:
        return kebab
    low = " ".join(raw.lower().split())
    for w in tax.warnings:
        if low == w.name.lower() or low in w.aliases:
            return w.id
    near = nearest_warnings(raw)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    raise UnusableInput(f"warning {name!r}: not a known warning ({hint}see `forewarn warnings`)")


def nearest_warnings(name: str, n: int = SUGGESTIONS) -> list[str]:
    """The taxonomy ids nearest to an unknown name, through ids, names and aliases: words
    shared with an alias count most, then spelling.

    Example:
        >>> nearest_warnings("dog death")[0]
        'animal-death'
        >>> nearest_warnings("self harn")[0]
        'self-harm'
    """
    from difflib import SequenceMatcher

    tax = _taxonomy()
    if tax is None:
        return []
    query = " ".join(_KEBAB.sub(" ", name.lower()).split())
    words = set(query.split())
    best: dict[str, float] = {}
    for w in tax.warnings:
        labels = (w.id.replace("-", " "), w.name.lower(), *w.aliases)
        vocab = {t for label in labels for t in _KEBAB.sub(" ", label).split()}
        shared = len(words & vocab) / max(1, len(words))
        best[w.id] = shared + max(SequenceMatcher(None, query, label).ratio() for label in labels)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return [wid for wid, score in ranked[:n] if score >= 0.6]


def check_choice(values: list[str], accepted: tuple[str, ...], what: str) -> list[str]:
    """Lower-cased ``values``, each one of ``accepted``; else UnusableInput listing them.

    Example:
        >>> check_choice(["Teen"], RATINGS, "rating")
        ['teen']
    """
    out = [v.strip().lower() for v in values]
    for v in out:
        if v not in accepted:
            raise UnusableInput(f"{what} {v!r}: not one of {', '.join(accepted)}")
    return out


def warning_name(warning_id: str) -> str:
    """A reader-facing name for an id (the id itself when the taxonomy does not know it).

    Example:
        >>> warning_name("no-such-warning")
        'no-such-warning'
    """
    tax = _taxonomy()
    if tax is not None and warning_id in tax.by_id:
        return tax.by_id[warning_id].name
    return warning_id


def parse_severity(value: str, where: str = "severity") -> str:
    """Check a severity name (case-insensitive).

    Example:
        >>> parse_severity("Graphic")
        'graphic'
    """
    sev = value.strip().lower()
    if sev not in SEVERITY_RANK:
        raise UnusableInput(f"{where}: severity {value!r} is not one of {', '.join(SEVERITIES)}")
    return sev


def parse_warning_spec(spec: str) -> tuple[str, str]:
    """``"grief:depicted"`` → ``("grief", "depicted")``; no severity means ``mention`` (any)."""
    name, sep, sev = spec.rpartition(":") if ":" in spec else (spec, "", "")
    return resolve_warning(name), (parse_severity(sev, spec) if sep else SEVERITIES[0])


#: The largest integer SQLite stores; bigger ones would overflow its binding.
SQLITE_MAX_INT = 2**63 - 1


@dataclass
class Filters:
    """What to look for in the library. Empty filters match every work.

    ``exclude``/``include`` map warning ids to a minimum severity: a work is excluded when
    it has the warning at that severity or above; ``include`` keeps only works that do.

    Example:
        >>> f = Filters.parse(words="rain", exclude=["grief:depicted"], max_words="5000")
        >>> f.exclude, f.max_words
        ({'grief': 'depicted'}, 5000)
    """

    words: str = ""
    exclude: dict[str, str] = field(default_factory=dict)
    include: dict[str, str] = field(default_factory=dict)
    rating: list[str] = field(default_factory=list)
    pov: list[str] = field(default_factory=list)
    max_words: int | None = None

    @classmethod
    def parse(cls, words: str | None = None, exclude: list[str] | tuple[str, ...] = (),
              include: list[str] | tuple[str, ...] = (), rating: list[str] | tuple[str, ...] = (),
              pov: list[str] | tuple[str, ...] = (),
              max_words: int | str | None = None) -> "Filters":
        """Build filters from user strings; raises UnusableInput saying what is wrong."""
        f = cls(words=(words or "").strip())
        if f.words:
            fts_query(f.words)  # fail now, with a message, on words it cannot search for
        for spec in _split_all(exclude):
            wid, sev = parse_warning_spec(spec)
            f.exclude[wid] = sev
        for spec in _split_all(include):
            wid, sev = parse_warning_spec(spec)
            f.include[wid] = sev
        f.rating = check_choice(_split_all(rating), RATINGS, "rating")
        f.pov = check_choice(_split_all(pov), POVS, "pov")
        if max_words not in (None, ""):
            try:
                f.max_words = int(str(max_words).strip())
            except ValueError:
                raise UnusableInput(f"max-words: {max_words!r} is not a whole number") from None
            if f.max_words < 0:
                raise UnusableInput(f"max-words: {max_words!r} must not be negative")
            f.max_words = min(f.max_words, SQLITE_MAX_INT)  # more words than any work has
        return f

    def sql(self) -> tuple[str, list[object]]:
        """The WHERE clause (over ``works AS w``) and its parameters."""
        where: list[str] = []
        params: list[object] = []
        if self.words:
            where.append("w.id IN (SELECT rowid FROM works_fts WHERE works_fts MATCH ?)")
            params.append(fts_query(self.words))
        for wid, sev in self.exclude.items():
            where.append("NOT EXISTS (SELECT 1 FROM findings f WHERE f.work_id = w.id "
                         "AND f.warning = ? AND f.rank >= ?)")
            params += [wid, SEVERITY_RANK[sev]]
        for wid, sev in self.include.items():
            where.append("EXISTS (SELECT 1 FROM findings f WHERE f.work_id = w.id "
                         "AND f.warning = ? AND f.rank >= ?)")
            params += [wid, SEVERITY_RANK[sev]]
        if self.rating:
            where.append(f"lower(w.rating) IN ({', '.join('?' * len(self.rating))})")
            params += self.rating
        if self.pov:
            where.append(f"lower(w.pov) IN ({', '.join('?' * len(self.pov))})")
            params += self.pov
        if self.max_words is not None:
            where.append("w.words <= ?")
            params.append(self.max_words)
        return (" AND ".join(where) or "1"), params


def fts_query(words: str) -> str:
    """A safe FTS5 query: every word must occur (quotes and operators are not syntax).

    Example:
        >>> fts_query('rain "AND" grief*')
        '"rain" "AND" "grief"'
    """
    tokens = re.findall(r"\w+", words)
    if not tokens:
        raise UnusableInput(f"search {words!r}: no words to search for")
    return " ".join(f'"{t}"' for t in tokens)


def _split_all(values: list[str] | tuple[str, ...] | str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        out += [p.strip() for p in v.split(",") if p.strip()]
    return out

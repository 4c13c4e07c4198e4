"""What the author declared: warnings read from notes, summaries and archive tags.

Only warning-ish contexts count: text after "TW", "CW", "content warning(s)", "warnings:"…
up to the end of its paragraph, and the archive's warning and additional tags. A summary
that merely tells the plot ("they meet at a grief support group") declares nothing.

Example:
    >>> from forewarn.work import Work, Note
    >>> w = Work(notes=[Note("notes", "TW: sh, suicide mention, blood")])
    >>> [d.id for d in read_declared(w)]
    ['blood', 'suicide', 'self-harm']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from forewarn.report import Declared
from forewarn.taxonomy import load as load_taxonomy
from forewarn.warnings.detect import normalize
from forewarn.warnings.lexicon import normalize_pattern, read_data
from forewarn.work import Work


@dataclass(frozen=True)
class _Reader:
    marker: re.Pattern[str]
    automaton: ahocorasick.Automaton
    exact: dict[str, str]
    multiword: ahocorasick.Automaton
    max_chars: int
    nothing: tuple[str, ...]
    prefixes: tuple[str, ...]
    negators: frozenset[str]
    archive: dict[str, str]


def _build_automaton(table: dict[str, str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for alias, wid in table.items():
        auto.add_word(f" {alias} ", (len(alias) + 2, wid, alias))
    if table:
        auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _reader() -> _Reader:
    data = read_data("declared.toml")
    tax = load_taxonomy()
    table: dict[str, str] = {}
    for w in tax.warnings:
        names = [w.id.replace("-", " "), w.name, *w.aliases,
                 *(s for sev in w.ao3.values() for s in sev)]
        for a in names:
            key = normalize_pattern(a)
            if key and key not in table:
                table[key] = w.id
    multi = {k: v for k, v in table.items() if " " in k}
    archive: dict[str, str] = {}
    for w in tax.warnings:
        if w.ao3_warning:
            archive.setdefault(normalize_pattern(w.ao3_warning), w.id)
    marker = re.compile(r"(?<![\w])(?:" + "|".join(data["markers"]) + r")(?![\w])", re.I)
    return _Reader(marker, _build_automaton(table), table, _build_automaton(multi),
                   int(data.get("max_chars", 500)),
                   tuple(normalize_pattern(n) for n in data["nothing"]),
                   tuple(sorted((normalize_pattern(p) for p in data["tag_prefixes"]),
                                key=len, reverse=True)),
                   frozenset(data["negators"]), archive)


def _find(auto: ahocorasick.Automaton, text: str, negators: frozenset[str]) -> list[tuple[str, str]]:
    """Longest non-overlapping aliases in ``text`` as (id, the words as written), in order."""
    padded = f" {normalize(text)} "
    matches = []
    if len(auto) == 0:
        return []
    for end, (length, wid, alias) in auto.iter(padded):
        matches.append((end - length + 1, end, wid, alias))
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[tuple[str, str]] = []
    last_end = -1
    for start, end, wid, alias in matches:
        if start < last_end:  # overlaps the previous (keeps the longer, earlier one)
            continue
        before = padded[:start].split()[-1:]
        last_end = end
        if before and before[0] in negators:
            continue
        out.append((wid, text[start:end - 1]))
    return out


def declarations_in(text: str) -> list[tuple[str, str]]:
    """(id, alias) pairs declared in one note's free text.

    Example:
        >>> declarations_in("Namely: grief/grieving, issues with alcoholism, and terminal illness.")
        []
        >>> [i for i, _ in declarations_in("CW // alcohol")]
        ['alcohol']
    """
    r = _reader()
    out: list[tuple[str, str]] = []
    for m in r.marker.finditer(text):
        tail = text[m.end():m.end() + r.max_chars]
        para = re.split(r"\n\s*\n", tail, maxsplit=1)[0]
        out.extend(_find(r.automaton, para, r.negators))
    return out


def tag_declarations(tag: str) -> list[tuple[str, str]]:
    """(id, alias) pairs an archive tag declares ("Implied/Referenced Character Death").

    Example:
        >>> tag_declarations("Implied/Referenced Character Death")
        [('death', 'character death')]
        >>> tag_declarations("No Archive Warnings Apply")
        []
    """
    r = _reader()
    key = normalize_pattern(tag)
    if not key or key in r.nothing:
        return []
    if key in r.archive:
        return [(r.archive[key], key)]
    out: list[tuple[str, str]] = []
    for part in re.split(r"\s+and\s+|\s*[/&]\s*", tag.lower()):
        hit = _exact(r, part)
        if hit and hit not in out:
            out.append(hit)
    if out:
        return out
    hit = _exact(r, tag.lower())
    return [hit] if hit else _find(r.multiword, tag, r.negators)


def _exact(r: _Reader, raw: str) -> tuple[str, str] | None:
    """The alias a tag (or a part of one) spells exactly, prefixes such as "Implied" removed."""
    key = normalize_pattern(raw)
    if key in r.exact:
        return (r.exact[key], key)
    for p in r.prefixes:
        if raw.startswith(p + " ") or raw.startswith(p + "/"):
            stripped = normalize_pattern(raw[len(p):])
            if stripped in r.exact:
                return (r.exact[stripped], stripped)
    return None


def read_declared(work: Work) -> list[Declared]:
    """Every warning the author declared, once per id, in taxonomy order."""
    found: dict[str, str] = {}
    for note in work.notes:
        for wid, alias in declarations_in(note.text):
            found.setdefault(wid, alias)
    for tag in [*work.archive_tags.warnings, *work.archive_tags.additional]:
        for wid, _alias in tag_declarations(tag):
            found.setdefault(wid, tag)
    order = {w.id: i for i, w in enumerate(load_taxonomy().warnings)}
    return [Declared(wid, text) for wid, text in sorted(found.items(), key=lambda kv: order[kv[0]])]

"""Every lexicon surface in a text: a hashed index for short texts, Aho-Corasick for long ones.

The lexicon has tens of thousands of padded surfaces (``" slit her wrists "``). An
Aho-Corasick automaton finds them all in one pass, but it has hundreds of thousands of
nodes, and loading it costs more than scanning a short story. So the surfaces are kept
in buckets (by a stable hash of their first word), each bucket a small ``marshal`` blob
unpacked the first time a word of it is seen; a short text is matched word by word
against them. Once a process has matched a few tens of thousands of characters that way,
:class:`SurfaceMatcher` switches to the automaton (built once, or read from the cache
through ``automaton_source``). Both give exactly the same matches in the same order: by
end offset, and the longest first for one end (as ``ahocorasick.Automaton.iter`` does).

A surface whose shape the word-by-word path does not expect (not one space, a word,
..., a word, then spaces) makes the matcher use the automaton for every text.

Example:
    >>> m = SurfaceMatcher({" lit a cigarette ": 0, " cigarette ": 1}, ("A", "B"))
    >>> m.matches(" he lit a cigarette ")
    [(19, 'A'), (19, 'B')]
"""
from __future__ import annotations

import marshal
import re
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import ahocorasick

BUCKETS = 512
#: Characters a process matches word by word before it loads the automaton.
SHORT_BUDGET = 30_000
_WORD = re.compile(r"[^ ]+")
_SHAPE = re.compile(r" [^ ](?:.*[^ ])? +", re.S)


def _bucket(word: str, buckets: int) -> int:
    """The bucket of a first word: a hash that is the same in every process."""
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % buckets


def _checksum(state: tuple) -> int:
    """A CRC of a matcher's packed state: a damaged cache entry is refused, not used."""
    buckets, offsets, blob, values, regular, trail, count = state
    small = repr((buckets, offsets, regular, trail, count)).encode("ascii")
    return zlib.crc32(values, zlib.crc32(blob, zlib.crc32(small)))


class SurfaceMatcher:
    """Padded surfaces → value indices, matched in a padded text (see the module docstring).

    ``values[i]`` is what a surface with index ``i`` stands for. Pickles to its packed
    buckets (checked by a CRC when loaded), never to the automaton.
    """

    def __init__(self, surfaces: Mapping[str, int], values: Sequence[Any],
                 buckets: int = BUCKETS) -> None:
        groups: list[dict[str, list]] = [{} for _ in range(buckets)]
        regular, trail = True, 1
        for surface, index in surfaces.items():
            if not _SHAPE.fullmatch(surface):
                regular = False
            words = _WORD.findall(surface)
            first = words[0] if words else ""
            group = groups[_bucket(first, buckets)].setdefault(first, [0, {}])
            group[0] = max(group[0], len(words))
            group[1][surface] = index
            trail = max(trail, len(surface) - len(surface.rstrip(" ")))
        blobs = [marshal.dumps({w: (n, s) for w, (n, s) in g.items()}) for g in groups]
        offsets = [0]
        for blob in blobs:
            offsets.append(offsets[-1] + len(blob))
        packed = marshal.dumps(tuple(values))
        self._state = (buckets, tuple(offsets), b"".join(blobs), packed, regular, trail,
                       len(surfaces))
        self._setup()

    def __getstate__(self) -> tuple:
        return (*self._state, _checksum(self._state))

    def __setstate__(self, state: tuple) -> None:
        *fields, crc = state
        if len(fields) != 7 or _checksum(tuple(fields)) != crc:
            raise ValueError("damaged surface index")  # the cache rebuilds it
        self._state = tuple(fields)
        self._setup()

    def _setup(self) -> None:
        (self.buckets, self.offsets, self.blob, values, self.regular, self.trail,
         self.count) = self._state
        self.values: tuple = marshal.loads(values)
        self._groups: dict[int, dict[str, tuple[int, dict[str, int]]]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self.budget = SHORT_BUDGET
        #: Returns the automaton given a function that builds it (e.g. a cache lookup).
        self.automaton_source: Callable[[Callable[[], ahocorasick.Automaton]],
                                        ahocorasick.Automaton] = lambda build: build()

    def _group(self, index: int) -> dict[str, tuple[int, dict[str, int]]]:
        group = self._groups.get(index)
        if group is None:
            start, end = self.offsets[index], self.offsets[index + 1]
            group = self._groups[index] = marshal.loads(self.blob[start:end])
        return group

    def items(self) -> Iterator[tuple[str, int]]:
        """Every (padded surface, value index), bucket by bucket."""
        for index in range(self.buckets):
            for _n, surfaces in self._group(index).values():
                yield from surfaces.items()

    def get(self, surface: str) -> Any:
        """The value of one padded surface, or None.

        Example:
            >>> SurfaceMatcher({" gun ": 0}, ("G",)).get(" gun "), SurfaceMatcher({}, ()).get(" x ")
            ('G', None)
        """
        words = _WORD.findall(surface)
        first = words[0] if words else ""
        entry = self._group(_bucket(first, self.buckets)).get(first)
        index = entry[1].get(surface) if entry else None
        return None if index is None else self.values[index]

    def automaton(self) -> ahocorasick.Automaton:
        """The Aho-Corasick automaton of every surface (integer values), made once (one
        from ``automaton_source`` that does not hold every surface is not used)."""
        if self._automaton is None:
            auto = self.automaton_source(self._build_automaton)
            if len(auto) != self.count or (self.count and auto.kind != ahocorasick.AHOCORASICK):
                auto = self._build_automaton()
            self._automaton = auto
        return self._automaton

    def _build_automaton(self) -> ahocorasick.Automaton:
        auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for surface, index in self.items():
            auto.add_word(surface, index)
        auto.make_automaton()
        return auto

    def matches(self, padded: str) -> list[tuple[int, Any]]:
        """``(end, value)`` of every surface in ``padded`` (``end``: offset of its last
        character), as ``list(automaton.iter(padded))`` would give them."""
        if self._automaton is None and self.regular and len(padded) <= self.budget:
            self.budget -= len(padded)
            return self._word_matches(padded)
        values = self.values
        return [(end, values[index]) for end, index in self.automaton().iter(padded)]

    def _word_matches(self, padded: str) -> list[tuple[int, Any]]:
        """:meth:`matches` word by word: every surface starts with one space before a word
        and ends after a word with one or more spaces."""
        spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(padded)]
        found: list[tuple[int, int, int]] = []
        buckets, size, trail = self.buckets, len(padded), self.trail
        for i, (start, _end, word) in enumerate(spans):
            entry = self._group(_bucket(word, buckets)).get(word)
            if entry is None or start == 0:
                continue
            most, surfaces = entry
            for _s, end, _w in spans[i:i + most]:
                for last in range(end, min(end + trail, size)):
                    if padded[last] != " ":
                        break
                    index = surfaces.get(padded[start - 1:last + 1])
                    if index is not None:
                        found.append((last, start, index))
        found.sort()
        values = self.values
        return [(last, values[index]) for last, _start, index in found]

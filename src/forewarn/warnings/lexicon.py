"""Lexicon data → one surface matcher (:mod:`.matcher`), compiled once per process.

Lexicon files (``warnings/data/lex-*.toml``) hold one table per taxonomy id::

    [smoking]
    terms   = ["cigarette", "smoke~"]      # fire on their own (depicted unless context says otherwise)
    weak    = ["light~ up"]                # fire only when the surrounding sentences are on topic
    mention = ["used to smoke"]            # fire on their own, but only ever as a mention
    intense = ["chain-smoke~"]             # fire on their own; graphic when on the page
    support = ["ashtray", "lighter"]       # never fire; make weak hits in the same passage count
    not     = ["smoking hot", "smoking gun"]  # look-alikes: a hit inside one of these is ignored
    unreal  = ["undead"]                   # a sense that does not count: hits within a few
                                           # sentences of one of these are ignored
    declare = ["trigger warning~"]         # (in the "*" table) may start an author's warning
                                           # list; context.toml [declaration] confirms it
    related = ["drug-use"]                 # hits of these ids also make weak hits count
    entails = { death = "mention" }        # a finding of this id implies one of those ids
    entails_on_page = ["death"]            # ...but only when this finding is on the page
                                           # (a murder investigated or joked about: no death)
    max     = "depicted"                   # the highest severity this warning can reach
    speech  = "depicted"                   # said in dialogue, it happens on the page (slurs)
    implied = true                         # enough supported weak hits alone make a mention
    hypothetical = "drop"                  # imagined/feared/nearly: ignored, not a mention
    question = "drop"                      # asked about in a question: ignored (slurs stay)

    [child-abuse.frames.harm-to-child]     # a frame: words of every slot in one clause
    window = 6                             # ...spanning at most this many words
    order = ["act", "child"]               # (optional) the slots' words come in this order
    act = ["flog~", "thrash~"]             # each other list is a slot (lexicon patterns)
    child = ["boy", "little girl"]         # fires a "frame" hit from the first slot word
                                           # to the last ("flogged the little boy")

Pattern syntax: words separated by spaces; ``word~`` stands for its inflections
(``stab~`` → stab, stabs, stabbed, stabbing); ``stem*`` is a stem that is not a word by
itself followed by any common ending (``homophob*`` → homophobia, homophobic…); ``a|b`` gives alternatives; ``{poss}`` and
other macros from ``context.toml`` ``[macros]`` expand to word lists. Hyphens and
punctuation match any non-word run (``self-harm`` also matches "self harm").

Example:
    >>> {"stab", "stabs", "stabbed", "stabbing"} <= inflect("stab")
    True
    >>> "slit her wrists" in expand("slit~ {poss} wrist~")
    True
    >>> {"racism", "racist"} <= expand("racis*")
    True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

import ahocorasick


from forewarn.cache import cached, fingerprint, runtime_parts
from forewarn.package_data import data_path, load_toml_file, loads_toml
from forewarn.taxonomy import load as load_taxonomy
from forewarn.warnings.matcher import SurfaceMatcher

KINDS = ("terms", "weak", "mention", "intense", "support", "not", "unreal", "declare")
WEIGHT = {"terms": 1.0, "weak": 0.5, "mention": 1.0, "intense": 1.5, "support": 0.0, "not": 0.0,
          "unreal": 0.0, "declare": 0.0, "frame": 1.0}
FRAME = "frame"  # the kind of a hit made by a construction frame (:class:`Frame`)
SLOT = "slot:"  # cue kinds of frame slot words: "slot:<frame key>:<slot>"
UNREAL_WINDOW = 3  # sentences either side in which an ``unreal`` cue silences a warning
GLOBAL = "*"  # table name for look-alikes that silence every warning
_CUES = frozenset({"unreal", "declare"})  # kinds that only qualify the hits around them
_NOT_HITS = _CUES | {"not"}

_VOWELS = set("aeiou")
_PUNCT_RUN = re.compile(r"[^\w']+")
_APOS_S = re.compile(r"'s\b")


def read_data(name: str, keep: bool = True) -> dict:
    """Parse one TOML file from ``warnings/data`` (kept parsed in the cache folder unless
    ``keep`` is false: the lexicon files are read only to build the cached lexicon)."""
    if keep:
        return load_toml_file("forewarn.warnings", "data", name)
    return loads_toml(data_path("forewarn.warnings", "data", name).read_bytes())


@lru_cache(maxsize=1)
def _irregular() -> dict[str, tuple[str, ...]]:
    data = read_data("irregular.toml")
    return {k: tuple(v) for k, v in data.get("forms", {}).items()}


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(read_data("irregular.toml").get("derivations", {}).get("suffixes", ("",)))


def inflect(word: str) -> set[str]:
    """Inflected forms of an English word (verb and noun endings, irregular forms from data).

    Over-generation is harmless: a form that is not a word never occurs in text.

    Example:
        >>> sorted(inflect("die"))
        ['die', 'died', 'dies', 'dying']
    """
    w = word
    out = {w}
    out.update(_irregular().get(w, ()))
    if w.endswith("ie"):
        out.update({w + "s", w + "d", w[:-2] + "ying"})
        return out
    if w.endswith("e"):
        out.update({w + "s", w + "d", (w + "ing") if w.endswith(("ee", "ye", "oe")) else w[:-1] + "ing"})
        return out
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        out.update({w[:-1] + "ies", w[:-1] + "ied", w + "ing"})
        return out
    if w.endswith(("s", "x", "z", "ch", "sh")):
        out.add(w + "es")
    else:
        out.add(w + "s")
    out.update({w + "ed", w + "ing"})
    if (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy"
            and w[-2] in _VOWELS and w[-3] not in _VOWELS):
        out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    return out


def normalize_pattern(text: str) -> str:
    """Lower-case a surface form and turn punctuation runs (hyphens…) into single spaces; a
    possessive or contracted "'s" becomes two spaces, as the matcher's normalised text has
    it (``detect.normalize``), so "that's so gay" can match.

    Example:
        >>> normalize_pattern("That's  so-gay")
        'that   so gay'
    """
    spaced = " ".join(_PUNCT_RUN.sub(" ", text.lower().replace("’", "'")).split())
    return _APOS_S.sub("  ", spaced)


def expand(pattern: str, macros: dict[str, list[str]] | None = None) -> set[str]:
    """All surface strings a lexicon pattern stands for (see the module docstring)."""
    macros = macros if macros is not None else _macros()
    slots: list[list[str]] = []
    for tok in pattern.split():
        options: list[str] = []
        for alt in tok.split("|"):
            if alt.startswith("{") and alt.endswith("}"):
                options.extend(macros[alt[1:-1]])
            elif alt.endswith("~"):
                options.extend(sorted(inflect(alt[:-1])))
            elif alt.endswith("*"):
                options.extend(alt[:-1] + suffix for suffix in _suffixes())
            else:
                options.append(alt)
        slots.append(options)
    return {normalize_pattern(" ".join(p)) for p in product(*slots)} - {""}


@lru_cache(maxsize=1)
def _macros() -> dict[str, list[str]]:
    return {k: list(v) for k, v in read_data("context.toml").get("macros", {}).items()}


@dataclass(frozen=True)
class Entry:
    """What one surface string means for one warning."""

    warning: str
    kind: str
    pattern: str


@dataclass(frozen=True)
class Frame:
    """A construction frame of one warning: it fires when a word of every slot occurs in
    one clause, all of them within ``window`` words (first to last, both counted).

    Example:
        >>> f = Frame("child-abuse", "harm", ("act", "child"), 6)
        >>> f.key, f.cue("act")
        ('child-abuse/harm', 'slot:child-abuse/harm:act')
    """

    warning: str
    name: str
    slots: tuple[str, ...]
    window: int
    order: tuple[str, ...] = ()  # when given, the slots' words come in this order

    @property
    def key(self) -> str:
        return f"{self.warning}/{self.name}"

    def cue(self, slot: str) -> str:
        """The cue kind the slot's words carry in the matcher."""
        return f"{SLOT}{self.key}:{slot}"


def parse_frames(warning: str, spec: dict) -> list[tuple[Frame, dict[str, list[str]]]]:
    """The frames of one lexicon table (``[warning.frames.NAME]``) with their slot patterns.

    Example:
        >>> [(f.slots, f.window) for f, _ in parse_frames("w", {"frames": {"x": {
        ...     "window": 4, "act": ["beat~"], "who": ["boy"]}}})]
        [(('act', 'who'), 4)]
    """
    out = []
    for name, table in sorted(spec.get("frames", {}).items()):
        slots = {k: list(v) for k, v in table.items() if isinstance(v, list) and k != "order"}
        order = tuple(table.get("order", ()))
        if len(slots) < 2 or not isinstance(table.get("window"), int) or (
                order and sorted(order) != sorted(slots)):
            raise ValueError(f"[{warning}.frames.{name}]: a window, two slots or more, and an "
                             "order (if any) that names every slot once")
        out.append((Frame(warning, name, tuple(sorted(slots)), table["window"], order), slots))
    return out


@dataclass
class Lexicon:
    """The compiled matcher plus per-warning settings.

    ``matcher`` maps ``" surface "`` (padded with spaces) to ``(length, hits, nots, cues)``:
    the ``(warning, kind)`` pairs it fires, the warnings whose look-alike it is, and the
    ``(warning, kind)`` pairs of its ``unreal`` and ``declare`` cues (kept apart from the
    hits so that the matcher's caller need not sort them out of every chapter's hits).
    """

    matcher: SurfaceMatcher
    related: dict[str, frozenset[str]] = field(default_factory=dict)
    entails: dict[str, dict[str, str]] = field(default_factory=dict)
    entails_on_page: dict[str, frozenset[str]] = field(default_factory=dict)
    max_severity: dict[str, str] = field(default_factory=dict)
    min_score: dict[str, float] = field(default_factory=dict)
    speech_on_page: frozenset[str] = frozenset()
    implied: frozenset[str] = frozenset()
    drop_hypothetical: frozenset[str] = frozenset()
    drop_question: frozenset[str] = frozenset()
    warnings: tuple[str, ...] = ()
    frames: dict[str, Frame] = field(default_factory=dict)  # by :attr:`Frame.key`


def lexicon_files() -> list[str]:
    """Names of the lexicon files, in a stable order."""
    root = data_path("forewarn.warnings", "data")
    return sorted(p.name for p in root.iterdir() if p.name.startswith("lex-") and p.name.endswith(".toml"))


@lru_cache(maxsize=1)
def compiled() -> Lexicon:
    """The lexicon of every warning, compiled once per process; the compiled lexicon is
    also kept in the user cache folder (see :mod:`forewarn.cache`), which turns about a
    second of compiling into a few hundredths of loading.

    The Aho-Corasick automaton that long texts are matched with is cached apart
    (``automaton-*.pickle``, same fingerprint) and read only when one is scanned.

    Example:
        >>> compiled().matcher.get(" suicide ")[1]
        (('suicide', 'terms'),)
    """
    key = _fingerprint()
    lex = cached("lexicon", key, _build, kind=Lexicon)
    lex.matcher.automaton_source = lambda build: cached("automaton", key, build,
                                                        kind=ahocorasick.Automaton)
    return lex


def _fingerprint() -> str:
    """What the compiled lexicon is made from: the data files, this module's code and the
    matcher's, the taxonomy, the versions of forewarn and Python, and the installed
    pyahocorasick (its file's name, size and time: reading its version costs more)."""
    from forewarn.warnings import matcher

    data = data_path("forewarn.warnings", "data")
    aho = Path(ahocorasick.__file__ or "ahocorasick")
    stat = aho.stat() if aho.exists() else None
    parts: list[bytes | str] = [*runtime_parts(), aho.name,
                                f"{stat.st_size}:{stat.st_mtime_ns}" if stat else "-"]
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".toml")):
        parts += [name, data.joinpath(name).read_bytes()]
    parts.append(data_path("forewarn.taxonomy", "warnings.toml").read_bytes())
    parts += [Path(__file__).read_bytes(), Path(matcher.__file__).read_bytes()]
    return fingerprint(parts)


def _build() -> Lexicon:
    """Compile every lexicon file into one :class:`Lexicon`."""
    tax = load_taxonomy()
    macros = _macros()
    table: dict[str, list[Entry]] = {}
    lex = Lexicon(matcher=SurfaceMatcher({}, ()))
    seen: list[str] = []
    speech: set[str] = set()
    implied: set[str] = set()
    drop_hyp: set[str] = set()
    drop_q: set[str] = set()
    for name in lexicon_files():
        for wid, spec in read_data(name, keep=False).items():
            if wid != GLOBAL and wid not in tax.by_id:
                raise ValueError(f"{name}: [{wid}] is not a taxonomy id")
            seen.append(wid)
            for kind in KINDS:
                for pattern in spec.get(kind, ()):
                    for surface in expand(pattern, macros):
                        table.setdefault(surface, []).append(Entry(wid, kind, pattern))
            for frame, slots in parse_frames(wid, spec):
                lex.frames[frame.key] = frame
                for slot, patterns in slots.items():
                    for pattern in patterns:
                        for surface in expand(pattern, macros):
                            table.setdefault(surface, []).append(
                                Entry(wid, frame.cue(slot), pattern))
            if spec.get("related"):
                lex.related[wid] = frozenset(spec["related"])
            if spec.get("entails"):
                lex.entails[wid] = dict(spec["entails"])
            if spec.get("entails_on_page"):
                lex.entails_on_page[wid] = frozenset(spec["entails_on_page"])
            if spec.get("max"):
                lex.max_severity[wid] = spec["max"]
            if spec.get("implied"):
                implied.add(wid)
            if spec.get("hypothetical") == "drop":
                drop_hyp.add(wid)
            if spec.get("question") == "drop":
                drop_q.add(wid)
            if spec.get("speech") == "depicted":
                speech.add(wid)
            if spec.get("min_score"):
                lex.min_score[wid] = float(spec["min_score"])
    values: dict[tuple, int] = {}  # one copy of each distinct value
    surfaces: dict[str, int] = {}
    for surface, entries in table.items():
        hits = tuple((e.warning, e.kind) for e in entries
                     if e.kind not in _NOT_HITS and not e.kind.startswith(SLOT))
        nots = tuple(e.warning for e in entries if e.kind == "not")
        cues = tuple((e.warning, e.kind) for e in entries
                     if e.kind in _CUES or e.kind.startswith(SLOT))
        value = (len(surface) + 2, hits, nots, cues)
        surfaces[f" {surface} "] = values.setdefault(value, len(values))
    lex.matcher = SurfaceMatcher(surfaces, tuple(values))
    lex.warnings = tuple(w for w in seen if w != GLOBAL)
    lex.speech_on_page = frozenset(speech)
    lex.implied = frozenset(implied)
    lex.drop_hypothetical = frozenset(drop_hyp)
    lex.drop_question = frozenset(drop_q)
    return lex

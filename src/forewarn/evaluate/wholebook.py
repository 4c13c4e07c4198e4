"""Speaker accuracy on whole chapters: ``forewarn evaluate quotes --novels DIR --texts DIR``.

``DIR`` (``data/annotations/speakers/``) holds ``<novel>.jsonl``: one gold quote a line,
``{"novel", "qid", "chapter", "start", "end", "speaker", "type"}``, where ``chapter`` is
forewarn's chapter index (``ChapterDoc.index``) and ``start``/``end`` are offsets in that
chapter's text as forewarn segments ``<texts>/<novel>.txt``; ``split.json`` there says which
novels are for tuning and which are held out.

Each novel is scanned whole (story facts only). A gold quote is matched by the predicted
quote of the same chapter that overlaps it most. **Names**: a gold speaker ("Mrs. Morel",
"Esther Summerson", "the driver") is right when the predicted speaker's name or one of its
aliases shares a name word with it (titles and determiners dropped), their titles do not
contradict each other (Mr. Morel is not Mrs. Morel), and, when both give a first name,
the first names agree (William Morel is not Paul Morel). A gold description ("the
gentleman in the coach", "Morel's mother") is right only when forewarn's speaker is a
description with the same noun ("the gentleman"). ``NARRATOR`` is right when the
predicted speaker is the character forewarn marks as the narrator. Quotes labelled
``NONE`` (not speech) are left out of speaker accuracy; a quote forewarn gives no speaker
counts as wrong. The "aligned" figure also counts a gold name and a predicted character
that share no word but go together one to one (``align_names``: "Prudence Cowley" for
forewarn's "Tuppence", whom the text ties by a nickname no list knows); it is more lenient
and printed apart. Accuracy is printed overall and by quote type (explicit: a tag naming
the speaker; anaphoric: a pronoun tag; implicit: no tag).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from forewarn.errors import UnusableInput
from forewarn.evaluate.quotes import name_words

TYPES = ("explicit", "anaphoric", "implicit")


@dataclass
class NovelScores:
    """Right/total speaker counts by quote type, and quote detection counts."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    #: right once names the text ties without a shared word are aligned (see align_names)
    aligned: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: "NovelScores") -> None:
        """Add another novel's counts to these."""
        for t in TYPES:
            self.right[t] += other.right[t]
            self.total[t] += other.total[t]
        self.found += other.found
        self.gold += other.gold
        self.aligned += other.aligned

    def line(self, label: str) -> str:
        """One summary line.

        Example:
            >>> s = NovelScores(); s.right["explicit"] = 1; s.total["explicit"] = 2; s.gold = s.found = 2
            >>> s.line("tune")
            'tune: speaker accuracy 0.500 (1/2); explicit 0.500 (2), anaphoric - (0), implicit - (0); aligned 0.000; quotes found 1.000'
        """
        r, n = sum(self.right.values()), sum(self.total.values())
        parts = [f"{t} {_ratio(self.right[t], self.total[t])} ({self.total[t]})" for t in TYPES]
        return (f"{label}: speaker accuracy {_ratio(r, n)} ({r}/{n}); " + ", ".join(parts)
                + f"; aligned {_ratio(self.aligned, n)}; quotes found {_ratio(self.found, self.gold)}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def _first_name(name: str) -> str:
    """The first name of a full name ("Paul Morel" → paul; "Mrs. Morel", "Morel" → "")."""
    words, _ = name_words(name)
    parts = [w for w in name.replace(".", " ").split() if w.lower() in words]
    return parts[0].lower() if len(parts) >= 2 else ""


_THE = re.compile(r"^(?:the|a|an)\s+", re.I)
_CUT = ("in", "of", "at", "with", "from", "who", "on", "by")


def description_head(name: str) -> str | None:
    """The noun of a description ("the gentleman in the coach" → gentleman, "Morel's
    mother" → mother); None for a name ("Mr. Guppy").

    Example:
        >>> description_head("the gentleman in the coach"), description_head("Morel's mother"), description_head("Mr. Guppy")
        ('gentleman', 'mother', None)
    """
    words = name.split()
    if not words or not (words[0][:1].islower() or any(w.endswith(("'s", "’s")) for w in words)):
        return None
    if words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]):
        return None  # "the Lord Chancellor": a title, matched as a name
    for i, w in enumerate(words):
        if i > 0 and w in _CUT:
            words = words[:i]
            break
    return words[-1].lower().strip(".,")


def _formal(words: set[str]) -> set[str]:
    """Name words with the formal names their pet forms shorten (tommy → thomas)."""
    from forewarn.story.lexicon import nicknames

    pets = nicknames()
    return words | {f for w in words for f in pets.get(w, ())}


def gold_matches(gold: str, names: list[str], narrator: bool) -> bool:
    """True when a predicted speaker (name and aliases) is the gold speaker.

    Example:
        >>> gold_matches("Mrs. Morel", ["Morel"], False), gold_matches("Mrs. Morel", ["Mr. Morel"], False)
        (True, False)
        >>> gold_matches("William Morel", ["Paul Morel", "Paul"], False), gold_matches("NARRATOR", ["Esther"], True)
        (False, True)
        >>> gold_matches("the young porter", ["the porter"], False), gold_matches("the porter", ["the man"], False)
        (True, False)
        >>> gold_matches("the Lord Chancellor", ["Lord Chancellor"], False), gold_matches("Thomas Beresford", ["Tommy"], False)
        (True, True)
    """
    if gold == "NARRATOR":
        return narrator
    head = description_head(gold)
    if head is not None:  # a description: forewarn's must be one with the same noun
        return any(description_head(n) == head for n in names)
    g_words, g_gender = name_words(_THE.sub("", gold))
    g_first = _first_name(gold)
    for n in names:
        words, gender = name_words(_THE.sub("", n))
        if not _formal(words) & _formal(g_words) or (gender and g_gender and gender != g_gender):
            continue
        first = _first_name(n)
        if g_first and first and not _formal({first}) & _formal({g_first}):
            continue
        return True
    return False


def read_gold(path: Path) -> list[dict]:
    """The gold quotes of one ``<novel>.jsonl`` file."""
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def score_novel(gold: list[dict], text_path: Path, show_errors: bool = False) -> NovelScores:
    """Scan one novel and score its gold quotes."""
    from forewarn import story
    from forewarn.ingest import load_path
    from forewarn.report import Report
    from forewarn.text import segment

    doc = segment(load_path(text_path))
    report = Report()
    story.analyze(doc, report)
    chars = {c.name: c for c in report.story.characters}
    by_chapter: dict[int, list] = {}
    for q in report.story.quotes:
        by_chapter.setdefault(q.chapter, []).append(q)
    scores = NovelScores()
    pairs: list[tuple[str, str | None, bool]] = []  # (gold, predicted, right by name)
    for g in gold:
        scores.gold += 1
        cands = [q for q in by_chapter.get(g["chapter"], ()) if q.start < g["end"] and g["start"] < q.end]
        best = max(cands, key=lambda q: min(q.end, g["end"]) - max(q.start, g["start"]), default=None)
        scores.found += best is not None
        if g["speaker"] == "NONE" or g["type"] not in TYPES:
            continue
        scores.total[g["type"]] += 1
        spk = best.speaker if best is not None else None
        c = chars.get(spk) if spk else None
        ok = spk is not None and gold_matches(g["speaker"], [spk, *(c.aliases if c else [])],
                                              bool(c and c.narrator))
        scores.right[g["type"]] += ok
        pairs.append((g["speaker"], spk, ok))
        if show_errors and not ok:
            click.echo(f"{g['novel']}\t{g['qid']}\t{g['type']}\tgold={g['speaker']}\tpred={spk}")
    extra = align_names(pairs)
    scores.aligned = sum(1 for gs, spk, ok in pairs if ok or (gs, spk) in extra)
    return scores


def align_names(pairs: list[tuple[str, str | None, bool]], least: int = 3) -> set[tuple[str, str]]:
    """Gold names and predicted characters that the text ties without a shared word
    ("Prudence Cowley" and forewarn's "Tuppence"): one to one, greedily by how many quotes
    they share (at least ``least``), among the gold names and predicted names that no
    quote matched by name.

    Example:
        >>> sorted(align_names([("Prudence Cowley", "Tuppence", False)] * 3 + [("Tom", "Tom", True)]))
        [('Prudence Cowley', 'Tuppence')]
    """
    named_gold = {g for g, _, ok in pairs if ok}
    named_pred = {p for _, p, ok in pairs if ok}
    counts: dict[tuple[str, str], int] = {}
    for g, p, ok in pairs:
        if not ok and p is not None and g not in named_gold and p not in named_pred and g != "NARRATOR":
            counts[(g, p)] = counts.get((g, p), 0) + 1
    out: set[tuple[str, str]] = set()
    used_g: set[str] = set()
    used_p: set[str] = set()
    for (g, p), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n >= least and g not in used_g and p not in used_p:
            out.add((g, p))
            used_g.add(g)
            used_p.add(p)
    return out


def read_split(directory: Path) -> dict[str, list[str]]:
    """``split.json``: {"tune": [...], "heldout": [...]} (every novel is "tune" without it)."""
    path = directory / "split.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"tune": sorted(p.stem for p in directory.glob("*.jsonl"))}


def evaluate_novels(directory: Path, texts: Path, part: str = "all",
                    show_errors: bool = False) -> list[str]:
    """Summary lines for the tune and held-out novels (``part``: tune, heldout or all).

    Errors are listed for tuning novels only: held-out novels are scored, never read.
    """
    split = read_split(directory)
    lines: list[str] = []
    for name, novels in split.items():
        if part not in ("all", name):
            continue
        total = NovelScores()
        for novel in novels:
            path = directory / f"{novel}.jsonl"
            text = texts / f"{novel}.txt"
            if not path.exists() or not text.exists():
                continue
            s = score_novel(read_gold(path), text, show_errors and name == "tune")
            lines.append("  " + s.line(novel))
            total.add(s)
        lines.append(total.line(name))
    if not lines:
        raise UnusableInput(f"{directory}: no novels with labels and texts")
    return lines

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
the first names agree (William Morel is not Paul Morel). ``NARRATOR`` is right when the
predicted speaker is the character forewarn marks as the narrator. Quotes labelled
``NONE`` (not speech) are left out of speaker accuracy; a quote forewarn gives no speaker
counts as wrong. Accuracy is printed overall and by quote type (explicit: a tag naming
the speaker; anaphoric: a pronoun tag; implicit: no tag).
"""
from __future__ import annotations

import json
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
    found: int = 0
    gold: int = 0

    def add(self, other: "NovelScores") -> None:
        """Add another novel's counts to these."""
        for t in TYPES:
            self.right[t] += other.right[t]
            self.total[t] += other.total[t]
        self.found += other.found
        self.gold += other.gold

    def line(self, label: str) -> str:
        """One summary line.

        Example:
            >>> s = NovelScores(); s.right["explicit"] = 1; s.total["explicit"] = 2; s.gold = s.found = 2
            >>> s.line("tune")
            'tune: speaker accuracy 0.500 (1/2); explicit 0.500 (2), anaphoric - (0), implicit - (0); quotes found 1.000'
        """
        r, n = sum(self.right.values()), sum(self.total.values())
        parts = [f"{t} {_ratio(self.right[t], self.total[t])} ({self.total[t]})" for t in TYPES]
        return (f"{label}: speaker accuracy {_ratio(r, n)} ({r}/{n}); " + ", ".join(parts)
                + f"; quotes found {_ratio(self.found, self.gold)}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def _first_name(name: str) -> str:
    """The first name of a full name ("Paul Morel" → paul; "Mrs. Morel", "Morel" → "")."""
    words, _ = name_words(name)
    parts = [w for w in name.replace(".", " ").split() if w.lower() in words]
    return parts[0].lower() if len(parts) >= 2 else ""


def gold_matches(gold: str, names: list[str], narrator: bool) -> bool:
    """True when a predicted speaker (name and aliases) is the gold speaker.

    Example:
        >>> gold_matches("Mrs. Morel", ["Morel"], False), gold_matches("Mrs. Morel", ["Mr. Morel"], False)
        (True, False)
        >>> gold_matches("William Morel", ["Paul Morel", "Paul"], False), gold_matches("NARRATOR", ["Esther"], True)
        (False, True)
    """
    if gold == "NARRATOR":
        return narrator
    g_words, g_gender = name_words(gold)
    g_first = _first_name(gold)
    for n in names:
        words, gender = name_words(n)
        if not words & g_words or (gender and g_gender and gender != g_gender):
            continue
        first = _first_name(n)
        if g_first and first and first != g_first:
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
        if show_errors and not ok:
            click.echo(f"{g['novel']}\t{g['qid']}\t{g['type']}\tgold={g['speaker']}\tpred={spk}")
    return scores


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

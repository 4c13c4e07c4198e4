"""Major character death: a sure death whose subject is one of the story's main characters.

A component after the story facts (it needs the characters): a death, dying, murder or
suicide hit that the evidence model is sure of (``confident_hit``), on the page, in a
sentence where a main character's name is what dies ("Tom is dead", "the death of Anna",
"Anna's death", "Tom died"). Main characters are the most mentioned ones
(``MAIN_CHARACTERS``, each with at least ``MAIN_SHARE`` of all character mentions).

Example:
    >>> from forewarn import scan
    >>> text = ("Tom and Anna walked home. Tom laughed at Anna. Anna smiled at Tom. " * 3
    ...         + "Then the cart struck him. Tom died in the road, and Anna held him.")
    >>> [f.id for f in scan(text).warnings if f.id == "major-character-death"]
    ['major-character-death']
"""
from __future__ import annotations

import re

from forewarn.components import register
from forewarn.report import Character, Evidence, Finding, Report
from forewarn.taxonomy import load as load_taxonomy
from forewarn.text.document import Document
from forewarn.warnings.decide import params
from forewarn.warnings.lexicon import read_data

MAIN_CHARACTERS = 5
MAIN_SHARE = 0.05
_DEATHS = frozenset({"death", "dying", "murder", "suicide"})


def main_characters(chars: list[Character]) -> list[Character]:
    """The most mentioned characters (people only; the narrator's "I" is not a name)."""
    total = sum(c.mentions for c in chars) or 1
    ranked = sorted(chars, key=lambda c: -c.mentions)[:MAIN_CHARACTERS]
    return [c for c in ranked if c.mentions / total >= MAIN_SHARE]


def _pattern(names: list[str]) -> re.Pattern[str] | None:
    """A name as what dies: "NAME died|is dead|…", "death of NAME", "NAME's death"."""
    forms = sorted({n for n in names if len(n) >= 3}, key=len, reverse=True)
    if not forms:
        return None
    verbs = read_data("major-death.toml")["subject_dies"]
    name = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
    return re.compile(rf"\b{name}\b(?:[’']s death|,? (?:{'|'.join(verbs)})\b)"
                      rf"|\b(?:death|murder|funeral) of (?:poor )?{name}\b")


@register("major-character-death", needs=("hits.p", "characters", "report.warnings"),
          adds=("report.warnings",))
def major_character_death(doc: Document, report: Report) -> None:
    """Add (or raise) the major-character-death finding from sure deaths of main characters."""
    if report.finding("major-character-death") is not None:
        return
    names = [n for c in main_characters(doc.results.get("characters") or [])
             for n in (c.name, *c.aliases)]
    pat = _pattern(names)
    if pat is None:
        return
    sure = params().confident_hit
    found: list[Evidence] = []
    for ch, hits in zip(doc.chapters, doc.results.get("hits", [])):
        for h in hits:
            if h.warning not in _DEATHS or h.p < sure or h.severity == "mention":
                continue
            sent = ch.sentences[h.sentence]
            if pat.search(ch.text, sent.start, sent.end):
                found.append(Evidence(ch.index, h.paragraph, sent.start, sent.end,
                                      ch.text[sent.start:sent.end], h.severity, round(h.p, 3)))
    if found:
        _add(report, found)


def _add(report: Report, found: list[Evidence]) -> None:
    w = load_taxonomy().by_id["major-character-death"]
    best = max(e.p or 0.0 for e in found)
    finding = Finding(id=w.id, name=w.name, group=w.group, severity="depicted",
                      score=round(best, 3), evidence_count=len(found),
                      chapters=sorted({e.chapter for e in found}), evidence=found[:3],
                      confidence="high" if best >= params().confident else "medium")
    order = {x.id: i for i, x in enumerate(load_taxonomy().warnings)}
    report.warnings = sorted([*report.warnings, finding], key=lambda f: order[f.id])
    if finding.id not in {d.id for d in report.declared}:
        report.undeclared = [f.id for f in report.warnings if not f.declared]

"""Major character death: a sure death whose subject is one of the story's main characters.

A component after the story facts (it needs the characters): a death, dying, murder or
suicide hit that the evidence model is sure of (``confident_hit``) in a sentence where a
main character's name is what dies ("Tom is dead", "the death of Anna", "Anna's funeral",
"Tom died"), on the page or, for a death told after the fact, in two passages about the
same character. Main characters are the most mentioned ones
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
from forewarn.warnings.findings import MAX_EVIDENCE
from forewarn.warnings.lexicon import read_data

MAIN_CHARACTERS = 5
MAIN_SHARE = 0.05
TOLD_TWICE = 2  # passages that must tell a main character's death when none shows it
_DEATHS = frozenset({"death", "dying", "murder", "suicide"})


def main_characters(chars: list[Character]) -> list[Character]:
    """The most mentioned characters (people only; the narrator's "I" is not a name)."""
    total = sum(c.mentions for c in chars) or 1
    ranked = sorted(chars, key=lambda c: -c.mentions)[:MAIN_CHARACTERS]
    return [c for c in ranked if c.mentions / total >= MAIN_SHARE]


def _pattern(names: list[str]) -> re.Pattern[str] | None:
    """A name as what dies: "NAME died|is dead|…", "NAME's death|funeral|…", "the death|
    funeral|widow of NAME" (word lists in ``major-death.toml``)."""
    forms = sorted({n for n in names if len(n) >= 3}, key=len, reverse=True)
    if not forms:
        return None
    data = read_data("major-death.toml")
    verbs, owned, of = data["subject_dies"], data["possessed"], data["of_name"]
    name = "(?:" + "|".join(_loose(re.escape(f)) for f in forms) + ")"
    return re.compile(_loose(rf"\b{name}\b(?:[’']s (?:{'|'.join(owned)})\b|,? (?:{'|'.join(verbs)})\b)"
                             rf"|\b(?:{'|'.join(of)}) of (?:poor )?{name}\b"))


def _loose(pattern: str) -> str:
    """A pattern (or an escaped name) that matches across line breaks, with or without the
    full stop of a title ("Mr Verloc" is "Mr. Verloc").

    Example:
        >>> bool(re.fullmatch(_loose(re.escape("Mr. Tom Day")), "Mr Tom\\nDay"))
        True
    """
    return pattern.replace("\\ ", " ").replace("\\. ", "\\.? ").replace(" ", r"\s+")


def _deaths(doc: Document, pat: re.Pattern[str]) -> list[tuple[Evidence, bool]]:
    """Sure death hits whose sentence says the character dies: (evidence, on the page)."""
    sure = params().confident_hit
    out: list[tuple[Evidence, bool]] = []
    seen: set[tuple[int, int]] = set()
    for ch, hits in zip(doc.chapters, doc.results.get("hits", [])):
        for h in hits:
            if h.warning not in _DEATHS or h.p < sure or (ch.index, h.sentence) in seen:
                continue
            sent = ch.sentences[h.sentence]
            if pat.search(ch.text, sent.start, sent.end):
                seen.add((ch.index, h.sentence))
                out.append((Evidence(ch.index, h.paragraph, sent.start, sent.end,
                                     ch.text[sent.start:sent.end], h.severity, round(h.p, 3)),
                            h.severity != "mention"))
    return out


@register("major-character-death", needs=("hits.p", "characters", "report.warnings"),
          adds=("report.warnings",))
def major_character_death(doc: Document, report: Report) -> None:
    """Add the major-character-death finding: a main character dies on the page, or the
    text says so in at least ``TOLD_TWICE`` passages (a death told after the fact —
    "after Edward's funeral", "the widow of Mr Verloc" — is still the story's)."""
    if report.finding("major-character-death") is not None:
        return
    found: list[Evidence] = []
    for c in main_characters(doc.results.get("characters") or []):
        pat = _pattern([c.name, *c.aliases])
        if pat is None:
            continue
        deaths = _deaths(doc, pat)
        passages = {(e.chapter, e.paragraph) for e, _ in deaths}
        if any(on_page for _, on_page in deaths) or len(passages) >= TOLD_TWICE:
            found.extend(e for e, _ in deaths)
    if found:
        _add(report, sorted(found, key=lambda e: -(e.p or 0.0)))


def _add(report: Report, found: list[Evidence]) -> None:
    w = load_taxonomy().by_id["major-character-death"]
    best = max(e.p or 0.0 for e in found)
    finding = Finding(id=w.id, name=w.name, group=w.group, severity="depicted",
                      score=round(best, 3), evidence_count=len(found),
                      chapters=sorted({e.chapter for e in found}), evidence=found[:MAX_EVIDENCE],
                      confidence="high" if best >= params().confident else "medium")
    order = {x.id: i for i, x in enumerate(load_taxonomy().warnings)}
    report.warnings = sorted([*report.warnings, finding], key=lambda f: order[f.id])
    if finding.id not in {d.id for d in report.declared}:
        report.undeclared = [f.id for f in report.warnings if not f.declared]

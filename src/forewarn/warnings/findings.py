"""Accepted hits → one Finding per warning: score, severity, prominence and evidence.

Hit weights add up per sentence, paragraph, scene, chapter and work; a warning is reported
when the work total reaches its ``min_score`` (1.0 unless its lexicon says otherwise) and at
least one hit is a term that stands on its own. Weak hits that the surrounding sentences
support (a "fight" next to blood) add to a warning's weight and length, never make one alone.
Severity: the most severe hit on the page wins; it becomes **graphic** when the work has
two intense hits, or an intense hit in a scene with several others, or when one scene
holds many hits on the page ("at length").
"""
from __future__ import annotations

import math
from collections import defaultdict

from forewarn.report import SEVERITY_RANK, Evidence, Finding
from forewarn.taxonomy import load as load_taxonomy
from forewarn.text.document import Document
from forewarn.warnings.context import context_rules
from forewarn.warnings.detect import Hit
from forewarn.warnings.lexicon import compiled

MAX_EVIDENCE = 3
IMPLIED_FACTOR = 2.0  # weak hits alone need this many times a warning's min_score
MAX_EVIDENCE_CHARS = 600


def _severity(hits: list[Hit], cap: str, scene_of: dict[tuple[int, int], int]) -> str:
    """Severity from the hits that stand on their own; weak hits only count towards length."""
    strong = [h for h in hits if h.kind != "weak"]
    on_page = [h for h in strong if h.severity != "mention"]
    if not on_page:
        return "mention"
    severity = "depicted"

    def scene(h: Hit) -> tuple[int, int]:
        return (h.chapter, scene_of.get((h.chapter, h.paragraph), 0))

    per_scene: dict[tuple[int, int], int] = defaultdict(int)
    for h in hits:
        if h.severity != "mention":
            per_scene[scene(h)] += 1
    intense = [h for h in on_page if h.severity == "graphic"]
    busiest = max(per_scene[scene(h)] for h in on_page)
    intense_scene = max((per_scene[scene(h)] for h in intense), default=0)
    if len(intense) >= 2 or intense_scene >= 3 or busiest >= context_rules().scene_hits:
        severity = "graphic"
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[cap] else cap


def _evidence(doc: Document, hits: list[Hit]) -> list[Evidence]:
    """The best passages: paragraphs ranked by the weight and severity of their hits."""
    by_para: dict[tuple[int, int], list[Hit]] = defaultdict(list)
    for h in hits:
        by_para[(h.chapter, h.paragraph)].append(h)
    ranked = sorted(by_para.items(), key=lambda kv: (
        -sum(h.weight * SEVERITY_RANK[h.severity] for h in kv[1]), kv[0]))
    chapters = {c.index: c for c in doc.chapters}
    out: list[Evidence] = []
    for (ci, _pi), hs in ranked[:MAX_EVIDENCE]:
        ch = chapters[ci]
        first, last = min(h.sentence for h in hs), max(h.sentence for h in hs)
        start, end = ch.sentences[first].start, ch.sentences[last].end
        if end - start > MAX_EVIDENCE_CHARS:
            best = max(hs, key=lambda h: (h.weight, SEVERITY_RANK[h.severity]))
            start, end = ch.sentences[best.sentence].start, ch.sentences[best.sentence].end
        sev = max((h.severity for h in hs), key=SEVERITY_RANK.__getitem__)
        out.append(Evidence(ci, hs[0].paragraph, start, end, ch.text[start:end], sev))
    return out


def build_findings(doc: Document, hits: list[Hit]) -> list[Finding]:
    """One :class:`~forewarn.report.Finding` per warning with enough accepted hits, in
    taxonomy order, entailed warnings added ("grief" implies a death was at least mentioned;
    an ``entails_on_page`` id only when the source is on the page, not merely mentioned).
    """
    tax = load_taxonomy()
    lex = compiled()
    accepted: dict[str, list[Hit]] = defaultdict(list)
    for h in hits:
        if h.accepted:
            accepted[h.warning].append(h)
    with_hits = {h.chapter for hs in accepted.values() for h in hs}  # only these are looked up
    scene_of = {(c.index, p.index): p.scene for c in doc.chapters if c.index in with_hits
                for p in c.paragraphs}
    found: dict[str, Finding] = {}
    for wid, hs in accepted.items():
        total = sum(h.weight for h in hs)
        implied = all(h.kind == "weak" for h in hs)
        if implied and wid not in lex.implied:
            continue
        if total < lex.min_score.get(wid, 1.0) * (IMPLIED_FACTOR if implied else 1.0):
            continue
        w = tax.by_id[wid]
        sev = "mention" if implied else _severity(hs, lex.max_severity.get(wid, "graphic"), scene_of)
        found[wid] = Finding(
            id=wid, name=w.name, group=w.group, severity=sev,
            score=round(1.0 - math.exp(-total / 3.0), 3), evidence_count=len(hs),
            chapters=sorted({h.chapter for h in hs}), evidence=_evidence(doc, hs))
    for wid in list(found):
        on_page_only = lex.entails_on_page.get(wid, frozenset())
        for other, cap in lex.entails.get(wid, {}).items():
            src = found[wid]
            if src.severity == "mention" and other in on_page_only:
                continue
            sev = src.severity if SEVERITY_RANK[src.severity] <= SEVERITY_RANK[cap] else cap
            if other in found:
                if SEVERITY_RANK[found[other].severity] < SEVERITY_RANK[sev]:
                    found[other].severity = sev
                continue
            w = tax.by_id[other]
            found[other] = Finding(id=other, name=w.name, group=w.group, severity=sev,
                                   score=round(src.score * 0.5, 3),
                                   evidence_count=src.evidence_count,
                                   chapters=list(src.chapters), evidence=list(src.evidence))
    order = {w.id: i for i, w in enumerate(tax.warnings)}
    return sorted(found.values(), key=lambda f: order[f.id])

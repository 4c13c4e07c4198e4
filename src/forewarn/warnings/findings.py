"""Accepted hits → one Finding per warning: work-level probability, confidence, severity,
prominence and evidence.

Every accepted hit carries ``p``, the evidence model's probability that it is real
(:mod:`.evidence`). :mod:`.decide` turns a warning's passages into the work-level
probability that becomes the finding's ``score`` and ``confidence``: one sure passage, or
several medium ones, against a bar that rises with the work's length. Weak hits that the
surrounding sentences support (a "fight" next to blood) count like the others, at their own
(usually lower) probability; warnings that may be implied by weak hits alone stay mentions;
other warnings seen only in weak words are reported (as mentions) when one of them is very
sure (``single_weak``), and a weak word inside a related warning's longer phrase is that
phrase's evidence only.
Severity: the most severe of the confident hits (``p`` at least ``confident_hit``); it is
**graphic** only when such a hit carries intensity cues in its own sentence and its scene
dwells on the warning (one on-page hit per ``dwell_words`` of the scene, at least
``dwell_min``, counting hits that pass the work's floor).
"""
from __future__ import annotations

import math
from collections import defaultdict

from forewarn.report import SEVERITY_RANK, Evidence, Finding
from forewarn.taxonomy import load as load_taxonomy
from forewarn.text.document import Document
from forewarn.warnings.decide import confidence, floor, params, work_probability
from forewarn.warnings.detect import Hit
from forewarn.warnings.lexicon import compiled

MAX_EVIDENCE = 40  # passages kept per finding (the surest first); evidence_count counts all hits
MAX_EVIDENCE_CHARS = 600


def _severity(hits: list[Hit], cap: str, scene_words: dict[tuple[int, int], int],
              scene_of: dict[tuple[int, int], int], words: int) -> str:
    """Severity from the confident hits that stand on their own (the surest hit when none is
    confident); weak hits only count towards a scene's length. A long work needs more
    on-page hits to be *depicted* (``page_per_100k``, and at least ``page_min`` in a work of
    ``floor_words`` or more): a war talked about through a whole novel is still only a
    mention, and one death told in passing does not make a novel's deaths shown."""
    d = params()
    sure = [h for h in hits if h.p >= d.confident_hit] or [max(hits, key=lambda h: h.p)]
    on_page = [h for h in sure if h.severity != "mention" and h.kind != "weak"]
    least_on_page = d.page_min if words >= d.floor_words else 1
    if len(on_page) < max(least_on_page, math.ceil(words * d.page_per_100k / 100_000)):
        return "mention"

    def scene(h: Hit) -> tuple[int, int]:
        return (h.chapter, scene_of.get((h.chapter, h.paragraph), 0))

    least = floor(words)
    per_scene: dict[tuple[int, int], int] = defaultdict(int)
    for h in hits:
        if h.severity != "mention" and h.p >= least:
            per_scene[scene(h)] += 1
    severity = "depicted"
    for h in sure:
        if h.severity != "graphic":
            continue
        need_hits = max(d.dwell_min, math.ceil(scene_words.get(scene(h), 0) / d.dwell_words))
        if per_scene[scene(h)] >= need_hits:
            severity = "graphic"
            break
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[cap] else cap


def _evidence(doc: Document, hits: list[Hit]) -> list[Evidence]:
    """The best passages: paragraphs ranked by the weight and severity of their hits."""
    by_para: dict[tuple[int, int], list[Hit]] = defaultdict(list)
    for h in hits:
        by_para[(h.chapter, h.paragraph)].append(h)
    ranked = sorted(by_para.items(), key=lambda kv: (
        -max(h.p for h in kv[1]), -max(SEVERITY_RANK[h.severity] for h in kv[1]), kv[0]))
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
        out.append(Evidence(ci, hs[0].paragraph, start, end, ch.text[start:end], sev,
                            round(max(h.p for h in hs), 3)))
    return out


def _claimed_weak(hits: list[Hit], related: dict[str, frozenset[str]]) -> set[int]:
    """The ``id()`` of weak hits whose words lie inside a longer phrase of a related
    warning: "baby" is no evidence of an abortion inside "the loss of her baby", which the
    miscarriage phrase explains. A hit of the same length ("died" for death and for dying)
    claims nothing.

    Example:
        >>> from forewarn.warnings.detect import Hit
        >>> a = Hit("miscarriage", "terms", 0, 0, 0, 10, 30, accepted=True)
        >>> b = Hit("abortion", "weak", 0, 0, 0, 26, 30, accepted=True)
        >>> _claimed_weak([a, b], {"abortion": frozenset({"miscarriage"})}) == {id(b)}
        True
    """
    phrases: dict[tuple[int, int], list[tuple[int, int, str]]] = defaultdict(list)
    for h in hits:
        if h.accepted and h.kind != "weak":
            phrases[(h.chapter, h.sentence)].append((h.start, h.end, h.warning))
    out: set[int] = set()
    for h in hits:
        if not h.accepted or h.kind != "weak" or h.warning not in related:
            continue
        rel, size = related[h.warning], h.end - h.start
        if any(s <= h.start and h.end <= e and e - s > size and w in rel
               for s, e, w in phrases.get((h.chapter, h.sentence), ())):
            out.add(id(h))
    return out


def _sure_weak(hits: list[Hit]) -> bool:
    """Whether weak words alone carry a warning that weak words do not usually imply: one
    of them is at least ``single_weak`` sure (the evidence model read its sentence as the
    thing itself, "she had lost the baby"). Such a finding stays a mention."""
    return max(h.p for h in hits) >= params().single_weak


def _passage_ps(hits: list[Hit]) -> list[float]:
    """One probability per paragraph: its surest hit's."""
    best: dict[tuple[int, int], float] = {}
    for h in hits:
        key = (h.chapter, h.paragraph)
        if h.p > best.get(key, 0.0):
            best[key] = h.p
    return list(best.values())


def _scene_tables(doc: Document, chapters: set[int]) -> tuple[dict, dict]:
    """(chapter, paragraph) → scene index, and (chapter, scene) → words (approximate)."""
    scene_of = {(c.index, p.index): p.scene for c in doc.chapters if c.index in chapters
                for p in c.paragraphs}
    words = {(c.index, s.index): (s.end - s.start) // 6 for c in doc.chapters
             if c.index in chapters for s in c.scenes}
    return scene_of, words


def build_findings(doc: Document, hits: list[Hit]) -> list[Finding]:
    """One :class:`~forewarn.report.Finding` per warning whose evidence is strong enough,
    in taxonomy order, entailed warnings added ("grief" implies a death was at least
    mentioned; an ``entails_on_page`` id only when the source is on the page).
    """
    tax = load_taxonomy()
    lex = compiled()
    accepted: dict[str, list[Hit]] = defaultdict(list)
    claimed = _claimed_weak(hits, lex.related)
    for h in hits:
        if h.accepted and id(h) not in claimed:
            accepted[h.warning].append(h)
    with_hits = {h.chapter for hs in accepted.values() for h in hs}  # only these are looked up
    scene_of, scene_words = _scene_tables(doc, with_hits)
    words = doc.words
    found: dict[str, Finding] = {}
    for wid, hs in accepted.items():
        implied = all(h.kind == "weak" for h in hs)
        if implied and wid not in lex.implied and not _sure_weak(hs):
            continue
        score = work_probability(_passage_ps(hs), words, lex.min_score.get(wid, 1.0))
        conf = confidence(score)
        if conf is None:
            continue
        w = tax.by_id[wid]
        sev = "mention" if implied else _severity(hs, lex.max_severity.get(wid, "graphic"),
                                                    scene_words, scene_of, words)
        found[wid] = Finding(
            id=wid, name=w.name, group=w.group, severity=sev, score=round(score, 3),
            evidence_count=len(hs), chapters=sorted({h.chapter for h in hs}),
            evidence=_evidence(doc, hs), confidence=conf)
    _add_entailed(found, lex, tax)
    order = {w.id: i for i, w in enumerate(tax.warnings)}
    return sorted(found.values(), key=lambda f: order[f.id])


def _add_entailed(found: dict[str, Finding], lex, tax) -> None:  # type: ignore[no-untyped-def]
    """Findings implied by others (``entails``), at most as severe and as sure as their
    source."""
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
                                   score=src.score, evidence_count=src.evidence_count,
                                   chapters=list(src.chapters), evidence=list(src.evidence),
                                   confidence=src.confidence)

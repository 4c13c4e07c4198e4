"""Story facts: point of view, reader-insert, tense, characters, speakers, relationship.

``analyze(doc, report)`` fills ``report.story``. Only narration (text outside quotes)
decides point of view and tense; characters come from capitalised names that survive the
filters in :mod:`forewarn.story.characters`; every quote gets a speaker or None.

Example:
    >>> from forewarn.report import Report
    >>> from forewarn.text import segment_text
    >>> r = Report()
    >>> analyze(segment_text('Tom sat with Anna. Then Tom waited and he smiled. He was tired, and he '
    ...                        'was cold. She looked at him and she laughed.\\n\\n"Hi," said Tom.'), r)
    >>> r.story.pov, r.story.tense, r.story.quotes[0].speaker
    ('third', 'past', 'Tom')
"""
from __future__ import annotations

from forewarn.report import Character, QuoteInfo, Report
from forewarn.story.animals import animal_ids
from forewarn.story.characters import build_characters
from forewarn.story.narration import narration_text
from forewarn.story.narrator import find_narrator, narrator_from_dialogue
from forewarn.story.persons import scan
from forewarn.story.pov import point_of_view, reader_insert
from forewarn.story.relationship import relationship_category
from forewarn.story.speakers import NARRATOR, UNKNOWN, attribute
from forewarn.story.tense import narration_tense
from forewarn.text.document import Document

__all__ = ["analyze"]


def analyze(doc: Document, report: Report) -> None:
    """Fill ``report.story`` from the segmented document."""
    story = report.story
    narrations = [narration_text(ch) for ch in doc.chapters]
    counts = [scan(n) for n in narrations]  # one pass serves point of view and tense
    pov, totals = point_of_view(narrations, counts)
    story.pov = pov
    story.reader_insert = reader_insert("\n".join(ch.text for ch in doc.chapters), pov, totals)
    story.tense = narration_tense(narrations, counts)

    entities, per_chapter = build_characters(doc)
    for i in animal_ids(doc, per_chapter, entities):
        entities[i].animal = True
    first_person = pov in ("first", "mixed") and totals["first"] > 0
    narrator = find_narrator(doc, per_chapter, entities) if first_person else None
    if narrator is not None:
        entities[narrator].narrator = True
    attributions = attribute(doc, per_chapter, entities, narrator, first_person)
    if first_person and narrator is None:
        narrator = narrator_from_dialogue(doc, per_chapter, attributions, NARRATOR)
        if narrator is not None:
            entities[narrator].narrator = True
            attributions = attribute(doc, per_chapter, entities, narrator, first_person)

    quote_counts: dict[int, int] = {}
    quote_words = 0
    names = [e.name for e in entities]  # Entity.name ranks the forms: once per character
    story.quotes = quotes = []
    for a in attributions:
        ch = doc.chapters[a.chapter]
        q = ch.quotes[a.quote]
        text = ch.text
        quote_words += len(text[q.inner_start:q.inner_end].split())
        if a.speaker >= 0:
            name = names[a.speaker]
            quote_counts[a.speaker] = quote_counts.get(a.speaker, 0) + 1
        else:
            name = None
        quotes.append(QuoteInfo(ch.index, q.paragraph, q.start, q.end, name, text[q.start:q.end]))
    words = doc.words  # counted once per chapter, shared with the report's word count
    story.dialogue_share = round(quote_words / words, 3) if words else 0.0

    ranked = sorted(entities, key=lambda e: (-(e.mentions + quote_counts.get(e.id, 0)), e.id))
    story.characters = [
        Character(name=e.name, aliases=e.aliases, mentions=e.mentions, gender=e.gender,
                  quotes=quote_counts.get(e.id, 0), narrator=e.narrator)
        for e in ranked if (e.mentions >= 2 or e.narrator or quote_counts.get(e.id))
        and not (e.animal and not quote_counts.get(e.id))
    ]
    gender = {e.id: e.gender for e in entities}
    # a described speaker ("the porter") is listed, but is no party to the relationship
    people = {e.id for e in entities if (not e.animal or quote_counts.get(e.id)) and not e.nominal}
    story.relationship_category = relationship_category(
        _paragraph_sets(doc, per_chapter, attributions, narrator, people), gender)


def _paragraph_sets(doc: Document, per_chapter, attributions, narrator: int | None,
                    people: set[int] | None = None):
    """For each paragraph: the characters present (mentioned or speaking) and its text
    (empty when only one character is present: the relationship reads pairs only); only
    ``people`` count when given (animals are no party to a relationship)."""
    present: dict[tuple[int, int], set[int]] = {}
    for ci, ms in enumerate(per_chapter):
        paras = doc.chapters[ci].paragraphs
        n = len(paras)
        pi = 0
        for m in ms:  # mentions are in text order: walk the paragraphs alongside
            if m.char < 0 or (people is not None and m.char not in people):
                continue
            while pi < n and paras[pi].end <= m.start:
                pi += 1
            if pi < n and paras[pi].start <= m.start:
                key = (ci, pi)
                chars = present.get(key)
                if chars is None:
                    present[key] = {m.char}
                else:
                    chars.add(m.char)
    for a in attributions:
        spk = narrator if a.speaker == NARRATOR else a.speaker
        if spk is not None and spk != UNKNOWN and spk >= 0 and (people is None or spk in people):
            q = doc.chapters[a.chapter].quotes[a.quote]
            present.setdefault((a.chapter, q.paragraph), set()).add(spk)
    out = []
    for (ci, pi), chars in present.items():
        if len(chars) < 2:
            out.append((chars, ""))  # one character: no pair, its text is never read
            continue
        ch = doc.chapters[ci]
        p = ch.paragraphs[pi]
        out.append((chars, ch.text[p.start:p.end]))
    return out

"""Who speaks each quote: small passes applied in order, as in the sieve systems.

Per paragraph of a chapter, in text order (so every pass builds on the turns before it):

1. **explicit tag** (:mod:`forewarn.story.speaker_tags`): a speech verb with its subject
   after the quote ("…," Miku says / said his wife / returned she), or before it (Yuto
   said, "…"); the paragraph's untagged lines share its tagged speaker;
2. **addressee**: "…," he said. ¶ "Tom, …": a pronoun-tagged speaker is the one the reply
   names; a vocative names the addressee, never the speaker;
3. for a paragraph with no tag, the sieve :data:`_UNTAGGED`: a narration paragraph ending
   "…said:" before it; the character acting in its own paragraph ("Good." He grins.), or
   the one the previous line named, answering; the actor of the narration just before it
   (:mod:`forewarn.story.speaker_scene`);
4. **turn-taking**: the person the previous line addressed by name, else the speaker
   before the previous one, else the other person recently in the narration; a line that
   names whom it speaks to goes to the most salient other person; a line answered by one
   naming a person is that person's;
5. **salience** (off, :data:`GUESS_SALIENT`), then lines still open in an alternating
   exchange are back-filled (A, B, A, B).

Subject phrases resolve in :mod:`forewarn.story.speaker_resolve`: pronouns (he/she) go
to the subject just before them in their paragraph, else to the subject of the narration
paragraph just before, else to the one of that gender in a two-person conversation, else to the most salient character of that gender — never to
the person the quote addresses; "he added" goes on from the last speaker of that gender;
"I" is the first-person narrator; "her mother" is the most salient character titled Mrs.;
"the woman" goes to the nearest female character who is not the focal one; a speaker
known only by a role ("said the porter") becomes a character of its own. Descriptions in
the narration ("The doctor sat down.") count as mentions of the character they stand for
(:mod:`forewarn.story.speaker_described`), so they can be antecedents too.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from forewarn.story.characters import Entity, Mention
from forewarn.story.nominal import NominalSpeakers
from forewarn.story.speaker_context import NARRATOR, UNKNOWN, Attributed, _all_vocatives, _Context
from forewarn.story.speaker_described import DescribedMentions
from forewarn.story.speaker_later import first_mentions, link_described
from forewarn.story.speaker_resolve import titled_descriptions, title_index
from forewarn.story.speaker_scene import (_QUOTE_OPENERS, _backfill_turns, _beat, _lead_in,
                                          _turn)
from forewarn.story.speaker_tags import _colon_tag, _explicit
from forewarn.story.speaker_turns import MAX_NARRATION, reanchor
from forewarn.text.document import ChapterDoc, Document

__all__ = ["NARRATOR", "UNKNOWN", "Attributed", "attribute"]
#: Descriptions in the narration ("The doctor turned.") count as mentions of the character
#: they stand for (:mod:`forewarn.story.speaker_described`).
DESCRIBED_MENTIONS = True
#: Last resort for a line nothing attributes: the most salient person nearby. Off: on
#: LitBank such guesses are right only about a third of the time, and a wrong speaker
#: misleads more than an unknown one (it would lift speaker accuracy 0.759 → 0.772).
GUESS_SALIENT = False
#: Turn-taking re-anchored (:mod:`forewarn.story.speaker_turns`): lines before an
#: exchange's first known speaker alternate back from it; a line naming whom it speaks to
#: is answered by them; a scene break or three paragraphs of narration end an exchange.
#: Whole-novel tune 0.744 → 0.746, held out 0.577 → 0.578, LitBank 0.809 → 0.814.
REANCHOR = True
#: An exchange also ends at narration between two lines in which someone who speaks
#: neither of them acts ("Then Anna came in."). Off: tune 0.746 → 0.749 but LitBank
#: 0.812 → 0.808 (measured without the answered-by-name anchors).
NEWCOMER_BREAKS = False
#: A line without a tag is never given to someone it names ("Lucy, let Mr. Beebe eat."
#: is neither Lucy's nor Mr. Beebe's): people do not speak of themselves by name.
#: Whole-novel tune 0.753 → 0.756, held-out 0.578 → 0.580, LitBank 0.818 → 0.817.
NAMED_NOT_SPEAKING = True
#: … nor does a pronoun tag ("…Tom…," he said) resolve to someone the line names. Off:
#: LitBank 0.817 → 0.816, whole-novel tune and held-out unchanged.
NAMED_TAGS = False
#: A described speaker's lines go to the person the text names soon after
#: (:mod:`forewarn.story.speaker_later`).
NAMED_LATER = True


def attribute(doc: Document, per_chapter: list[list[Mention]], entities: list[Entity],
              narrator: int | None, first_person: bool) -> list[Attributed]:
    """A speaker for every quote of the document.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> doc = segment_text('Tom met Anna. Then Anna smiled; she was glad. Tom sat and he waited.\\n\\n"Hi," said Tom.\\n\\n"Hello," she said.')
        >>> ents, ms = build_characters(doc)
        >>> [ents[a.speaker].name for a in attribute(doc, ms, ents, None, False)]
        ['Tom', 'Anna']
    """
    out: list[Attributed] = []
    genders = {e.id: "animal" if e.animal else e.gender for e in entities}
    index = title_index(entities)
    nominal = NominalSpeakers(entities, genders)
    first = (first_mentions(per_chapter), first_mentions(per_chapter, present=True))
    for ci, ch in enumerate(doc.chapters):
        ctx = _Context(ch, per_chapter[ci], entities, narrator if first_person else None, genders)
        ctx.title_index = index
        ctx.nominal = nominal
        if DESCRIBED_MENTIONS:
            ctx.described = DescribedMentions(ch)
            ctx.add_mentions(titled_descriptions(ctx))
        if not first_person:
            ctx.narrator = UNKNOWN
        done = _attribute_chapter(ci, ch, ctx, first_person)
        if NAMED_LATER:
            link_described(done, [ch.quotes[a.quote].start for a in done], per_chapter[ci],
                           first, entities, genders, ci, ch.text)
        out.extend(done)
    return out


@dataclass
class _Scene:
    """What the passes over one chapter share: its quotes by paragraph, whom each line
    addresses by name, and the speakers of the paragraphs read so far (the conversation)."""

    ctx: _Context
    ch: ChapterDoc
    by_para: dict[int, list[int]]
    vocs: list
    para_vocs: dict[int, set[int]]  # paragraph → everyone its lines address by name
    para_named: dict[int, set[int]]  # paragraph → everyone its lines name at all
    named: list  # quote → everyone it names (vocatives included)
    prev: list[tuple[int, int, set[int]]] = field(default_factory=list)  # (paragraph, speaker, addressees)
    groups: dict[int, list[Attributed]] = field(default_factory=dict)  # paragraph → its attributions

    @classmethod
    def of(cls, ch: ChapterDoc, ctx: _Context) -> "_Scene":
        by_para: dict[int, list[int]] = {}
        for qi, q in enumerate(ch.quotes):
            by_para.setdefault(q.paragraph, []).append(qi)
        vocs, named_all = _all_vocatives(ctx, ch.quotes)  # one pass gives both
        para_vocs: dict[int, set[int]] = {}
        for qi, voc in enumerate(vocs):
            if voc:
                para_vocs.setdefault(ch.quotes[qi].paragraph, set()).update(voc)
        para_named: dict[int, set[int]] = {}
        named_q = named_all if NAMED_NOT_SPEAKING else vocs
        for qi, named in enumerate(named_q):
            if named:
                para_named.setdefault(ch.quotes[qi].paragraph, set()).update(named)
        return cls(ctx, ch, by_para, vocs, para_vocs, para_named, named_q)

    def breaks(self, a: int, b: int) -> bool:
        """Whether the exchange ends between line paragraphs ``a`` and ``b``: a scene break,
        :data:`~forewarn.story.speaker_turns.MAX_NARRATION` paragraphs of narration, or
        (with :data:`NEWCOMER_BREAKS`) narration in which someone else acts."""
        paras = self.ch.paragraphs
        if b - a > MAX_NARRATION or paras[a].scene != paras[b].scene:
            return True
        if not NEWCOMER_BREAKS or b - a < 2:
            return False
        speakers = {x.speaker for pi in (a, b) for x in self.groups.get(pi, ())}
        return any(c not in speakers for c in self.actors(paras[a + 1].start, paras[b - 1].end))

    def actors(self, start: int, end: int) -> set[int]:
        """The characters acting in the narration between ``start`` and ``end``: the
        mentions that are their sentence's subject."""
        ctx = self.ctx
        i = bisect_left(ctx.starts, start)
        out: set[int] = set()
        while i < len(ctx.mentions) and ctx.mentions[i].start < end:
            if ctx.subject(i):
                out.add(ctx.mentions[i].char)
            i += 1
        return out

    def named_by(self, pi: int, addressed: set[int]) -> int:
        """The one person paragraph ``pi``'s lines address by name (not in ``addressed``)."""
        named = self.para_vocs.get(pi, set()) - addressed
        return next(iter(named)) if len(named) == 1 else UNKNOWN


Said = list[tuple[int, str]]  # (speaker, how) for each quote of a paragraph


def _attribute_chapter(ci: int, ch: ChapterDoc, ctx: _Context, first_person: bool) -> list[Attributed]:
    """The chapter's quotes, paragraph by paragraph, through the passes in order: explicit
    tags (and the paragraph's other lines), the addressee correction, then for untagged
    paragraphs the sieve of :data:`_UNTAGGED`; finally the turns still open are back-filled."""
    results: list[Attributed] = []
    if not ch.quotes:
        return results
    scene = _Scene.of(ch, ctx)
    for pi, qids in scene.by_para.items():  # paragraphs in order: quotes are in text order
        speakers, addressed = _tag_pass(scene, pi, qids)
        found = next((s for s, _ in speakers if s != UNKNOWN), UNKNOWN)
        if found != UNKNOWN:
            speakers = _fill_paragraph(speakers, found)
            speakers = _addressee_pass(scene, pi, speakers, addressed)
            found = speakers[0][0] if all(s == speakers[0][0] for s, _ in speakers) else found
        else:
            found, how = _untagged(scene, pi, qids, addressed)
            speakers = [(found, how)] * len(qids)
        results.extend(_record(scene, ci, pi, qids, speakers, found, addressed))
    _backfill_turns(scene.groups)
    if REANCHOR:
        reanchor(scene.groups, scene.breaks, scene.para_vocs, scene.para_named)
    for a in results:
        if a.how[-8:] == "-pronoun":
            a.how = a.how[:-8]
    return results


def _tag_pass(scene: _Scene, pi: int, qids: list[int]) -> tuple[Said, set[int]]:
    """Pass 1, explicit tags: each line of the paragraph with the speaker its own tag names
    (or UNKNOWN), and everyone the paragraph's lines address."""
    quotes, para = scene.ch.quotes, scene.ch.paragraphs[pi]
    last_end = scene.ch.paragraphs[quotes[qids[-1]].last_paragraph].end
    speakers: Said = []
    addressed: set[int] = set()
    for k, qi in enumerate(qids):
        q, voc = quotes[qi], scene.vocs[qi]
        if voc:
            addressed |= voc
        nxt = quotes[qids[k + 1]].start if k + 1 < len(qids) else last_end
        prv = quotes[qids[k - 1]].end if k > 0 else para.start
        excl = voc | scene.named[qi] if NAMED_TAGS else voc
        speakers.append(_explicit(scene.ctx, q.start, q.end, prv, nxt, excl))
    return speakers, addressed


def _fill_paragraph(speakers: Said, found: int) -> Said:
    """The paragraph's untagged lines are its tagged speaker's ("…," he said. "And …")."""
    if len(speakers) == 1:
        return speakers
    return [(s, h) if s != UNKNOWN else (found, "paragraph") for s, h in speakers]


def _addressee_pass(scene: _Scene, pi: int, speakers: Said, addressed: set[int]) -> Said:
    """Pass 2, the addressee: "…," he said. ¶ "Tom, …": a pronoun-tagged speaker is the one
    the reply names, when that one has the same gender."""
    if not scene.para_vocs.get(pi + 1) or not all(h[-8:] == "-pronoun" or h == "paragraph"
                                                 for _, h in speakers):
        return speakers
    found = next(s for s, _ in speakers if s != UNKNOWN)
    other = scene.named_by(pi + 1, addressed)
    if other != UNKNOWN and scene.ctx.gender.get(other) == scene.ctx.gender.get(found):
        return [(other, h) for _, h in speakers]
    return speakers


def _untagged(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str]:
    """Passes 3–5 for a paragraph with no tag: the first sieve of :data:`_UNTAGGED` that
    finds someone, then the reply correction (a line answered by one naming a person is
    that person's, decided here so that the turns after it build on it)."""
    spk, how = UNKNOWN, "turn"
    exclude = addressed | scene.para_named.get(pi, set())
    for sieve in _UNTAGGED:
        got = sieve(scene, pi, qids, exclude)
        if got is not None and got[0] != UNKNOWN:
            spk, how = got
            break
    if spk == UNKNOWN or how in _GUESSES:
        other = scene.named_by(pi + 1, addressed)
        if other != UNKNOWN:
            return other, "answered"
    return spk, how


def _lead_tag_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """A narration paragraph ending "…said:" names the speaker of the line after it."""
    quotes, paragraphs = scene.ch.quotes, scene.ch.paragraphs
    if pi == 0 or quotes[qids[0]].start != paragraphs[pi].start:
        return None
    return _colon_tag(scene.ctx, paragraphs[pi - 1], quotes, scene.by_para.get(pi - 1),
                      paragraphs[pi].start, addressed), "lead-tag"


def _beat_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """The character acting in the line's own paragraph ("Good." He grins.) — unless the
    line before named someone else, who is the one answering ("Anna, look!" ¶ "What?" Bob
    turned.)."""
    ch, quotes = scene.ch, scene.ch.quotes
    last_end = ch.paragraphs[quotes[qids[-1]].last_paragraph].end
    spk = _beat(scene.ctx, ch, ch.paragraphs[pi].start, last_end, quotes, qids, addressed)
    if spk != UNKNOWN and scene.para_vocs.get(pi - 1) and scene.prev:
        named = scene.para_vocs[pi - 1] - addressed
        named.discard(scene.prev[-1][1])
        if len(named) == 1:
            return next(iter(named)), "answering"
    return spk, "beat"


def _lead_in_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """The actor of the narration just before a paragraph that opens with the line."""
    if scene.ctx.text[scene.ch.paragraphs[pi].start] not in _QUOTE_OPENERS:
        return None
    return _lead_in(scene.ctx, scene.ch, pi, scene.ch.quotes, scene.by_para, addressed), "lead-in"


def _turn_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """Turn-taking: the one the last line addressed, else the speaker before the last; or,
    with one speaker so far, the other person recently in the narration."""
    spk = _turn(scene.prev, pi, addressed)
    prev = scene.prev
    if spk == UNKNOWN and prev and prev[-1][1] >= 0 and pi - prev[-1][0] <= 3:
        spk = scene.ctx.recent(scene.ch.paragraphs[pi].start, None, addressed | {prev[-1][1]}, 1500)
    return spk, "turn"


def _vocative_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """A line that names whom it speaks to: the most salient other person nearby."""
    if not scene.para_vocs.get(pi):
        return None
    return scene.ctx.recent(scene.ch.paragraphs[pi].start, None, addressed, 1500), "vocative"


def _salient_sieve(scene: _Scene, pi: int, qids: list[int], addressed: set[int]) -> tuple[int, str] | None:
    """The last resort (off, see :data:`GUESS_SALIENT`): the most salient person nearby."""
    if not GUESS_SALIENT:
        return None
    return scene.ctx.recent(scene.ch.paragraphs[pi].start, None, addressed, 1500), "salient"


#: The sieves for a paragraph without a tag, in order of trust.
_UNTAGGED = (_lead_tag_sieve, _beat_sieve, _lead_in_sieve, _turn_sieve, _vocative_sieve,
             _salient_sieve)


def _record(scene: _Scene, ci: int, pi: int, qids: list[int], speakers: Said, found: int,
            addressed: set[int]) -> list[Attributed]:
    """Store a paragraph's attributions in the conversation (turn-taking restarts after a
    long stretch of narration) and among the chapter's recent speakers."""
    if scene.prev and pi - scene.prev[-1][0] > 3:
        scene.prev = []
    scene.prev.append((pi, found, addressed))
    group = scene.groups[pi] = []
    quotes = scene.ch.quotes
    for qi, (spk, how) in zip(qids, speakers):
        a = Attributed(ci, qi, spk, how)
        group.append(a)
        if spk != UNKNOWN:
            scene.ctx.recent_speakers.append((quotes[qi].start, spk))
    return group


#: Weaker attributions that a reply naming one person overrides.
_GUESSES = frozenset({"vocative", "lead-in"})

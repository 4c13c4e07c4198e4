"""The scan's quick evidence scoring gives the reference's sums, and its helpers the
answers of the plain code they replace."""
import re

import pytest

from forewarn.text import segment_text
from forewarn.text.document import WIDE_SPACES, count_words
from forewarn.warnings.detect import MATCHES, chapter_hits, has_format_chars, normalize
from forewarn.warnings.evidence import _norm, bag_words, hit_features, model, sentence_cues
from forewarn.warnings.scoring import _Sentences, score_chapter

# Dialogue, names, curly and straight quotes, a backtick, a sentence that starts right
# after a quote mark, a non-ASCII word, a possessive: the cases where a sentence's own
# normalised text or matches could differ from its chapter's.
STORY = (
    "Tom stabbed the guard twice, and blood ran down the steps. \u201cI\u2019ll kill "
    "you,\u201d she whispered.\u201cRun!\u201d He drank whisky and lit a cigarette.\n\n"
    "`Blood,' said Anna, `is thicker.' The soldier's wound bled; he screamed in agony. "
    "Caf\u00e9 owners never drank. She didn't drink, but her father died of drink.\n\n"
    "'He hit me,' she said. The beating went on and the child cried."
)
ASCII_STORY = STORY.replace("\u201c", '"').replace("\u201d", '"').replace(
    "\u2019", "'").replace("\u00e9", "e")


def _reference_p(ch, h, rule_severity, said):
    sent = ch.sentences[h.sentence]
    feats = hit_features(ch.text[sent.start:sent.end], h.start - sent.start,
                         h.end - sent.start, h.warning, h.kind, said, h.hypothetical,
                         rule_severity)
    surface = " ".join(normalize(ch.text[h.start:h.end]).split())
    return model().probability(feats, h.warning, surface)


@pytest.mark.parametrize("text", [STORY, ASCII_STORY, STORY.replace("blood", "bl\u00adood")])
def test_the_scan_gives_every_hit_the_reference_probability(text):
    ch = segment_text(text).chapters[0]
    hits = chapter_hits(ch, accepted_only=True)
    judged = [(h.severity, not ch.framed() and ch.in_dialogue(h.start)) for h in hits]
    score_chapter(ch, hits, words=50)
    assert len({h.warning for h in hits}) >= 4
    for h, (rule_severity, said) in zip(hits, judged):
        assert h.p == pytest.approx(_reference_p(ch, h, rule_severity, said), abs=1e-9)


@pytest.mark.parametrize("text", [STORY, ASCII_STORY])
def test_second_cues_from_the_chapter_are_the_sentences_own(text):
    ch = segment_text(text).chapters[0]
    hits = chapter_hits(ch, accepted_only=True)
    assert hits
    sentences = _Sentences(ch, ch.results[MATCHES])
    spans = [(s.start, s.end) for s in ch.sentences]
    spans += [(a, b) for a in range(0, len(text), 7) for b in (a + 9, a + 40) if b <= len(text)]
    for start, end in spans:  # sentences, and spans that cut words or quotes
        own = _norm(ch.text[start:end])
        norm, cues = sentences._norm_and_cues(start, end, ch.text[start:end])
        assert norm == own
        assert sorted(cues) == sorted(sentence_cues(own))


TRICKY = ["", " ", "a", "  a  b ", "a\x1cb", "\x1fa\x1f", "a\tb\nc\r\x0bd\x0ce", "caf\u00e9 au",
          "a\u00a0b", "a\u3000b\u2028c", "x\u2009y", "\ud800 z", "\U0001f600\U0001f600 b",
          "she didn\u2019t \u2014 not tonight", "\x00\x01 \x7f"]


@pytest.mark.parametrize("text", TRICKY)
def test_words_are_counted_as_str_split_counts_them(text):
    assert count_words(text) == len(text.split())


def test_the_wide_spaces_are_every_space_above_ascii():
    assert set(WIDE_SPACES) == {c for c in map(chr, range(0x80, 0x110000)) if c.isspace()}


@pytest.mark.parametrize("text", ["Tom stabbed the guard.", "it's a dog's life, ab'cd",
                                  "a' 'ab ab' x'y don't 3am 'tis", "ok, go on; the end",
                                  "\u00e9t\u00e9 caf\u00e9s were open"])
def test_the_bag_holds_the_lower_case_words_of_three_letters_or_more(text):
    plain = frozenset(w for w in re.findall(r"\b[a-z][a-z']*", text) if len(w) >= 3)
    assert bag_words(text) == plain


@pytest.mark.parametrize("text", ["shot", "sh\u200bot", "caf\u00e9", "a\u00adb", "\ufeffx",
                                  "x\u2066y", "\u2065", "\u061c", "\u180e", "\u200a"])
def test_format_characters_are_found_as_the_pattern_finds_them(text):
    pattern = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                         "\u2066-\u206f\ufeff]")
    assert has_format_chars(text) == bool(pattern.search(text))

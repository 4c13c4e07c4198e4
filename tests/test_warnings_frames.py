"""Construction frames: words of several slots in one clause fire a 'frame' hit."""
import pytest

from forewarn.text import segment_text
from forewarn.warnings.detect import chapter_hits, normalize
from forewarn.warnings.evidence import hit_features, model
from forewarn.warnings.lexicon import compiled, parse_frames
from forewarn.warnings.scoring import score_chapter


def _frames(text, warning):
    ch = segment_text(text).chapters[0]
    return [text[h.start:h.end] for h in chapter_hits(ch, accepted_only=True)
            if h.warning == warning and h.kind == "frame"]


@pytest.mark.parametrize("text, warning", [
    ("The schoolmaster flogged the poor little boy until he cried.", "child-abuse"),
    ("The girl had been cruelly beaten.", "child-abuse"),
    ("My aunt had often beaten me with a strap.", "child-abuse"),
    ("They shot the old horse behind the barn.", "animal-death"),
    ("In the morning the poor dog lay dead.", "animal-death"),
    ("The carter flogged the lame pony up the hill.", "animal-cruelty"),
])
def test_a_frame_fires_on_ordinary_words(text, warning):
    assert _frames(text, warning)


@pytest.mark.parametrize("text, warning", [
    ("Her heart beat fast as the boy came in.", "child-abuse"),
    ("He had never been beaten by a boy at chess.", "child-abuse"),
    ("The boy ran home; later the old man beat the rugs.", "child-abuse"),
    ("He killed two birds with one stone.", "animal-death"),
    ("The hoof beats of the horses died away.", "animal-cruelty"),
])
def test_look_alikes_and_far_apart_words_do_not_make_a_frame(text, warning):
    assert not _frames(text, warning)


def test_a_fixed_phrase_wins_over_the_frame_it_lies_in():
    ch = segment_text("He beat the boy.").chapters[0]
    kinds = [h.kind for h in chapter_hits(ch, accepted_only=True) if h.warning == "child-abuse"]
    assert kinds == ["terms"]


def test_frame_hits_get_the_reference_probability():
    text = "The schoolmaster flogged the poor little boy. They shot the old horse."
    ch = segment_text(text).chapters[0]
    hits = [h for h in chapter_hits(ch, accepted_only=True) if h.kind == "frame"]
    said = [ch.in_dialogue(h.start) for h in hits]
    rule = [h.severity for h in hits]
    score_chapter(ch, hits, words=20)
    assert len(hits) == 2
    for h, s, r in zip(hits, said, rule):
        sent = ch.sentences[h.sentence]
        feats = hit_features(ch.text[sent.start:sent.end], h.start - sent.start,
                             h.end - sent.start, h.warning, h.kind, s, h.hypothetical, r)
        assert "k=frame" in feats
        surface = " ".join(normalize(ch.text[h.start:h.end]).split())
        assert h.p == pytest.approx(model().probability(feats, h.warning, surface), abs=1e-9)


def test_frames_are_data():
    assert {f.warning for f in compiled().frames.values()} >= {
        "child-abuse", "animal-death", "animal-cruelty"}
    with pytest.raises(ValueError):
        parse_frames("w", {"frames": {"x": {"window": 3, "act": ["beat~"]}}})

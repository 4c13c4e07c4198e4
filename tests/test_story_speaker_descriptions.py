"""Speech tags that name someone by a description: "said the young gentleman", "said the
parson"; a nickname made of a common noun is no title."""
from __future__ import annotations

from collections import Counter

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.story.characters import Entity
from forewarn.story import speaker_resolve
from forewarn.story.speaker_resolve import _description_words, title_index
from forewarn.text import segment_text


def speakers(text: str) -> list[str | None]:
    r = Report()
    analyze(segment_text(text), r)
    return [q.speaker for q in r.story.quotes]


def test_a_tag_pattern_cut_short_is_carried_on_to_its_noun():
    assert _description_words("said the young gentleman, smiling", "the young", 5) == \
        ["the", "young", "gentleman"]
    assert _description_words("said the old house", "the old", 5) == ["the", "old"]


def test_a_described_speaker_is_the_named_man_present():
    text = ("Mara waited by the gate for an hour. Mara was cold. At last Tobias Hale came "
            "up the lane, and Tobias Hale waved.\n\n"
            '"You are late, miss," said the young gentleman.\n\n"I know," said Mara.')
    assert speakers(text) == ["Tobias Hale", "Mara"]


def test_a_role_noun_after_the_is_a_described_speaker_not_another_description(monkeypatch):
    monkeypatch.setattr(speaker_resolve, "NOMINAL_FALLBACK", True)
    text = ("A tired man was walking home along the road with a basket. Presently he met an "
            "old parson on a grey mare.\n\n"
            '"Good evening," said the man with the basket.\n\n'
            '"Good evening to you," said the parson.\n\n'
            '"It was a whim," said the parson.')
    assert speakers(text) == ["the man", "the parson", "the parson"]
    monkeypatch.setattr(speaker_resolve, "NOMINAL_FALLBACK", False)
    assert "the man" not in speakers(text)[1:]  # never the other described speaker


def test_a_common_noun_nickname_makes_no_title():
    ents = [Entity(id=0, key=(None, ("Jim",)), forms=Counter({"Gentleman Jim": 3, "Jim": 2})),
            Entity(id=1, key=("Dr.", ("Hale",)), forms=Counter({"Dr. Hale": 2}))]
    by_title, by_first = title_index(ents)
    assert "gentleman" not in by_first and by_title["dr"] == {1}

"""Descriptions in the narration as mentions of the character they stand for."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.story.speaker_described import DescribedMentions, narration_descriptions
from forewarn.text import segment_text


def speakers(text: str) -> list[str | None]:
    r = Report()
    analyze(segment_text(text), r)
    return [q.speaker for q in r.story.quotes]


def test_descriptions_inside_quotes_are_not_narration():
    ch = segment_text('The sailor waved. "Ask the sailor," she said.').chapters[0]
    assert [(s, n) for s, _, n in narration_descriptions(ch, "sailor")] == [(0, "sailor")]


def test_a_description_is_added_once_per_character():
    ch = segment_text('The sailor waved. "No," said the sailor.').chapters[0]
    d = DescribedMentions(ch)
    assert len(d.mentions_of(3, "sailor")) == 2
    assert d.mentions_of(3, "sailor") == []


def test_the_doctor_is_the_antecedent_of_he():
    text = ("Dr. Voss and Mr. Brandt walked to the house. Dr. Voss knocked, and he waited. "
            "Mr. Brandt stood by the gate, and he was nervous. Dr. Voss sighed; he was tired.\n\n"
            "The doctor opened his bag and took out a small bottle. \"Drink this,\" he said.")
    assert speakers(text) == ["Dr. Voss"]


def test_a_described_speaker_stays_the_antecedent_in_the_narration_after():
    text = ("Pim sat by the fire. Pim was cold, and he rubbed his hands. Pim was alone.\n\n"
            "\"Move over,\" said the sailor.\n\n"
            "Pim moved over without a word. The sailor sat down and stretched out his boots. "
            "\"That is better,\" he said.")
    assert speakers(text) == ["the sailor", "the sailor"]

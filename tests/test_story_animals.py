"""Only people are characters: a pet is listed nowhere and is no party to the relationship."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.text import segment_text

STORY = ("Anna came home late from the office. She was tired. Rex wagged his tail at the door. "
         "Anna phoned her sister, and Anna told her about the new job and the long meeting. "
         "Rex barked twice. Anna made tea and read her letters by the window.\n\n"
         "Later Rex lay down, his paws crossed. Anna thought about Mia and smiled. "
         "Mia had written that she missed her, and Anna wrote back at once.")


def test_a_dog_is_no_character() -> None:
    r = Report()
    analyze(segment_text(STORY), r)
    names = [c.name for c in r.story.characters]
    assert "Anna" in names and "Rex" not in names


def test_oaths_guns_and_places_are_no_characters():
    r = Report()
    analyze(segment_text('"By Jove, Tom!" said Harry. Harry took up the Winchesters. "By Jove," Tom said, '
                         '"we ride to Gravesend." Tom went to Gravesend, and Harry went with Tom. By Jove, they rode.'), r)
    names = {c.name for c in r.story.characters}
    assert {"Tom", "Harry"} <= names and not names & {"Jove", "Winchesters", "Gravesend"}

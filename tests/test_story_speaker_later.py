"""A described speaker ("said the porter") whom the text names soon after ("Well, Mr.
Fenn?" — "Yes," said the porter.) is that named person all along."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze, speakers as speakers_mod
from forewarn.text import segment_text


def speakers(text: str) -> list[str | None]:
    r = Report()
    analyze(segment_text(text), r)
    return [q.speaker for q in r.story.quotes]


TEXT = ("Nell carried the parcel to the station. Nell was tired.\n\n"
        '"Is this the train for Leeds?" asked Nell.\n\n'
        '"It is, miss," said the porter.\n\n'
        '"Then take my box."\n\n'
        '"That I will," said the porter.\n\n'
        "Then a guard came out of his van.\n\n"
        '"Is all well, Mr. Fenn?" asked the guard.\n\n'
        '"All well, sir," said the porter.')


def test_a_described_speaker_named_by_a_vocative_is_that_person():
    got = speakers(TEXT)
    assert got[1] == got[3] == got[5] == "Mr. Fenn"


def test_without_the_link_the_description_stays(monkeypatch):
    monkeypatch.setattr(speakers_mod, "NAMED_LATER", False)
    assert speakers(TEXT)[1] == "the porter"


def test_a_name_only_talked_about_is_no_link():
    text = ("Nell carried the parcel to the station. Nell was tired.\n\n"
            '"Is this the train for Leeds?" asked Nell.\n\n'
            '"It is, miss," said the porter. "Mr. Barlow takes it every day."')
    assert speakers(text)[1] == "the porter"


def test_a_described_speaker_named_by_the_next_tag_is_that_person():
    text = ("Pip swept the steps of the bank every morning. Pip whistled as he swept.\n\n"
            '"Mind the boxes, boy," said the porter.\n\n'
            '"Sorry," said Pip.\n\n'
            '"Be more careful," said the porter.\n\n'
            '"Boys are all the same," muttered Mr. Corbett, and went up the steps.')
    got = speakers(text)
    assert got[0] == got[2] == "Mr. Corbett"


def test_one_who_talks_on_after_the_name_is_out_is_someone_else():
    text = ("Pip swept the steps of the bank every morning. Pip whistled as he swept.\n\n"
            '"Mind the boxes, boy," said the porter.\n\n'
            '"Sorry," said Pip. "Here comes Mr. Corbett."\n\n'
            '"Be more careful," said the porter.\n\n'
            '"Boys are all the same," muttered Mr. Corbett, and went up the steps.')
    assert speakers(text)[0] == "the porter"


def test_a_described_speaker_named_by_the_reply_is_that_person():
    text = ("Nell waited at the inn. Nell was tired.\n\n"
            '"Is there a room?" asked Nell.\n\n'
            '"There might be," said the landlord.\n\n'
            '"Thank you, Mr. Voss," said Nell.\n\n'
            "Later a stranger came in and sat down.\n\n"
            '"Ale," said the landlord again.')
    got = speakers(text)
    assert got[1] == "Mr. Voss"


def test_the_reply_link_can_be_turned_off(monkeypatch):
    from forewarn.story import speaker_later
    monkeypatch.setattr(speaker_later, "REPLY_NAMES", False)
    text = ("Nell waited at the inn. Nell was tired.\n\n"
            '"Is there a room?" asked Nell.\n\n'
            '"There might be," said the landlord.\n\n'
            '"Thank you, Mr. Voss," said Nell.')
    assert speakers(text)[1] == "the landlord"

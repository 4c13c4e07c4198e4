"""Relationship category from the central pair and their genders."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.story.relationship import relationship_category
from forewarn.text import segment_text


def category(text: str) -> str:
    r = Report()
    analyze(segment_text(text), r)
    return r.story.relationship_category


def romance(a: str, b: str, pa: str, pb: str) -> str:
    para = (f"{a} waited by the window, and {pa} hummed. {b} came in and {pb} laughed. "
            f"{a} kissed {b}, and {b} said that {pb} loved {a}.\n\n")
    return para * 3


def test_two_women_in_love_is_ff():
    assert category(romance("Mara", "Ines", "she", "she")) == "F/F"


def test_woman_and_man_is_fm():
    assert category(romance("Mara", "Tobias", "she", "he")) == "F/M"


def test_two_men_is_mm():
    assert category(romance("Tobias", "Jonas", "he", "he")) == "M/M"


def test_friends_without_romance_is_gen():
    text = ("Mara met Ines at the station. Mara carried the bags and she counted the trains. "
            "Ines read the timetable and she frowned.\n\n") * 3
    assert category(text) == "Gen"


def test_two_romantic_pairs_of_different_kinds_is_multi():
    paras = [({1, 2}, "She kissed her.")] * 4 + [({3, 4}, "He kissed her.")] * 4
    assert relationship_category(paras, {1: "female", 2: "female", 3: "male", 4: "female"}) == "Multi"


def test_no_characters_is_unknown():
    assert category("the rain fell. nothing moved.") == "unknown"


def test_romantic_prefilter_agrees_with_the_word_regex():
    # the substring pre-check must never hide a whole-word match, nor invent one
    from forewarn.story.relationship import _romance, is_romantic
    passages = ["She kissed him.", "Kissing!", "a glove and a clover", "KISS", "Lovers' lane",
                "unloved", "the Marriage of Figaro", "midwife", "eclipse", "accommodating",
                "He is engaged", "Wife: gone.", "love\nlove", "", "İstanbul love", "İ glove"]
    for text in passages:
        assert is_romantic(text) == (_romance()[0].search(text) is not None), text

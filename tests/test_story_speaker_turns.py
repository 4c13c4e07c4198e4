"""Re-anchored turn-taking (forewarn.story.speaker_turns): lines before an exchange's first
tag alternate back from it; a scene break ends an exchange; a line naming whom it speaks
to is answered by them and is never theirs. The passages are written for these tests."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.story.speaker_context import Attributed
from forewarn.story.speaker_turns import alternate, answered_by, reanchor, split_exchanges
from forewarn.text import segment_text

INTRO = ("Greta met Hugo at the ferry. Greta was cold, and she wanted tea. "
         "Hugo was calm, and he carried the bags.\n\n")


def speakers(text: str) -> list[str | None]:
    r = Report()
    analyze(segment_text(text), r)
    return [q.speaker for q in r.story.quotes]


def test_lines_before_the_first_tag_alternate_back_from_it():
    # after the scene break the turns count back from the first tag, not on from the
    # exchange before the break
    text = INTRO + ('"Ready?" asked Hugo.\n\n"Yes," said Greta.\n\n* * *\n\n'
                    '"Is it late?"\n\n"Not yet."\n\n"Then we wait," said Greta.\n\n'
                    '"Fine," said Hugo.')
    assert speakers(text) == ["Hugo", "Greta", "Greta", "Hugo", "Greta", "Hugo"]


def test_the_one_named_answers_and_did_not_ask():
    text = INTRO + ('The wind rose over the grey water.\n\n"Are you cold, Greta?"\n\n'
                    '"A little."\n\n"Take my coat."\n\n"Thank you," said Greta.')
    assert speakers(text) == ["Hugo", "Greta", "Hugo", "Greta"]


def test_alternation_counts_back_two_speakers():
    assert alternate([-1, -1, -1, 5, 6], [set()] * 5) == [6, 5, 6, 5, 6]


def test_a_line_never_goes_to_the_one_it_addresses():
    assert alternate([-1, 5, 6], [{6}, set(), set()]) == [-1, 5, 6]


def test_the_addressed_person_speaks_next():
    assert answered_by([5, -1, -1], [{6}, set(), set()]) == [5, 6, -1]


def test_exchanges_break_where_told():
    assert split_exchanges([2, 3, 9, 10], lambda a, b: b - a > 3) == [[2, 3], [9, 10]]


def test_reanchor_leaves_tagged_lines_and_relabels_turns():
    groups = {1: [Attributed(0, 0, 5, "turn")], 2: [Attributed(0, 1, 6, "after_inv")],
              3: [Attributed(0, 2, 5, "beat")]}
    reanchor(groups, lambda a, b: b - a > 3, {})
    assert [(g[0].speaker, g[0].how) for g in groups.values()] == [
        (5, "turn-anchor"), (6, "after_inv"), (5, "beat")]


def test_no_counting_back_across_a_scene_break():
    groups = {1: [Attributed(0, 0, 7, "turn")], 2: [Attributed(0, 1, 6, "after_inv")],
              3: [Attributed(0, 2, 5, "after")]}
    reanchor(groups, lambda a, b: a == 1, {})  # a break between paragraphs 1 and 2
    assert groups[1][0].speaker == 7 and groups[1][0].how == "turn"

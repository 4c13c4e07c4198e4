"""Segmentation: paragraphs, scenes, sentences, dialogue spans and offsets."""
from __future__ import annotations

import pytest

from forewarn.text import segment_text
from forewarn.text.scenes import is_scene_break


def quotes(text: str) -> list[str]:
    ch = segment_text(text).chapters[0]
    return [ch.span_text(q) for q in ch.quotes]


@pytest.mark.parametrize("text,expected", [
    ('"Stay," she said. "Please."', ['"Stay,"', '"Please."']),
    ("“Stay,” she said. “Please.”", ["“Stay,”", "“Please.”"]),
    ("'Stay,' she said. 'Please.'", ["'Stay,'", "'Please.'"]),
    ("‘Stay,’ she said. ‘Please.’", ["‘Stay,’", "‘Please.’"]),
])
def test_every_quote_style(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text", [
    "She didn't know. Luka's coat hung by the door.",
    "They'd seen 'em before, at the rock 'n' roll show.",
    "The boys' room was empty; the girls' was not.",
    "It was the summer of '98 and nobody cared.",
    "He hadn’t called. Miku’s phone stayed dark.",
])
def test_apostrophes_open_no_dialogue(text):
    assert quotes(text) == []


def test_apostrophes_inside_single_quoted_speech():
    text = "'Don't touch the boys' bikes,' Miku said, 'or they'll hunt us down.'"
    assert quotes(text) == ["'Don't touch the boys' bikes,'", "'or they'll hunt us down.'"]


def test_nested_quotes_belong_to_the_outer_quote():
    text = "'He said \"never\" and left,' she told me."
    assert quotes(text) == ["'He said \"never\" and left,'"]


def test_multi_paragraph_dialogue_is_one_quote():
    text = ('"It began in the winter," he said. "We had nothing.\n\n'
            '"Then the spring came, and the river rose.\n\n'
            '"And that was the end of it."\n\nShe nodded.')
    ch = segment_text(text).chapters[0]
    spans = [ch.span_text(q) for q in ch.quotes]
    assert spans[0] == '"It began in the winter,"'
    long = ch.quotes[1]
    assert (long.paragraph, long.last_paragraph) == (0, 2)
    assert ch.span_text(long).endswith('end of it."')
    assert not ch.in_dialogue(ch.text.index("She nodded"))


def test_unclosed_double_quote_ends_with_its_paragraph():
    ch = segment_text('"Wait, she called.\n\nNobody answered.').chapters[0]
    assert ch.span_text(ch.quotes[0]) == '"Wait, she called.'
    assert not ch.in_dialogue(ch.text.index("Nobody"))


def test_offsets_point_back_at_the_text():
    doc = segment_text("Chapter 1\n\nIt rained. She left.\n\n* * *\n\n\"Morning,\" he said.")
    ch = doc.chapters[0]
    assert [ch.span_text(s) for s in ch.sentences] == ["It rained.", "She left.", '"Morning," he said.']
    assert [p.scene for p in ch.paragraphs] == [0, 1]
    assert len(ch.scenes) == 2
    assert ch.paragraph_at(ch.text.index("Morning")).index == 1
    narration = "".join(ch.text[s:e] for s, e in ch.narration_spans())
    assert "Morning" not in narration and "he said." in narration


@pytest.mark.parametrize("line", ["⸻", "***", "* * *", "~~~", "---", "###", "oOo", "<><><>", "=-=-="])
def test_scene_breaks(line):
    assert is_scene_break(line)
    doc = segment_text(f"It rained.\n\n{line}\n\nIt stopped.")
    assert len(doc.chapters[0].scenes) == 2


def test_hard_wrapped_paragraphs_are_joined_and_line_paragraphs_split():
    wrapped = ("The fog came in off the water in the early evening, thick and grey\n"
               "and smelling of salt, and the keeper climbed the long stair to light\n"
               "the lamp before the ships came home.\n\nShe slept.")
    assert len(segment_text(wrapped).chapters[0].paragraphs) == 2
    lines = "She woke early and made tea for two, as she always had.\nHe was gone.\nShe drank both cups."
    assert len(segment_text(lines).chapters[0].paragraphs) == 3


def test_sentences_respect_abbreviations_and_quotes():
    ch = segment_text('Mr. Darcy bowed. "Stop!" she cried. Dr. Lee left at 5 p.m. on Friday.').chapters[0]
    assert [ch.span_text(s) for s in ch.sentences] == [
        "Mr. Darcy bowed.", '"Stop!" she cried.', "Dr. Lee left at 5 p.m. on Friday."]


def test_lowercased_text_is_segmented():
    ch = segment_text("he ran. she followed him into the dark. \"stop,\" he said.").chapters[0]
    assert len(ch.sentences) == 3
    assert len(ch.quotes) == 1


@pytest.mark.parametrize("text", [
    "The town had a red station and a grain “elevator” by the tracks.",
    "The bottle had a label with the words ‘DRINK ME’ on it.",
    "They were in for what is known as \"quite a scene,\" and knew it.",
    "We ate a porridge of maize which they call \"mamaliga,\" and slept.",
])
def test_quoted_words_in_narration_are_not_dialogue(text):
    assert quotes(text) == []


@pytest.mark.parametrize("text,expected", [
    ("Anna frowned. He only said “Exactly” to everything.", ["“Exactly”"]),
    ("Mary said they were \"full of lace.\" They were.", ['"full of lace."']),
    ("Tom waved his hat and “Wait!” rang out.", ["“Wait!”"]),
    ("“Stay,” she said, “please.”", ["“Stay,”", "“please.”"]),
])
def test_short_quotes_that_are_speech_stay_dialogue(text, expected):
    assert quotes(text) == expected


def test_dash_dialogue_with_an_inverted_tag_inside_the_line():
    text = ("—Come up, Kinch! he said.\n\n—Not yet, said Stephen.\n\n"
            "—That fellow at the inn, said Buck Mulligan, says you are mad.")
    assert quotes(text) == ["—Come up, Kinch!", "—Not yet,", "—That fellow at the inn,",
                            "says you are mad."]


WRAPPED_LINE = "The fog came in off the water in the early evening, thick and grey"
FAST_PATH_TEXTS = [
    f"{WRAPPED_LINE}\n{WRAPPED_LINE}\nthe lamp.\n\n\nShe slept.",
    f"{WRAPPED_LINE}\n{WRAPPED_LINE}\n* * * * *\n\n\nShe slept.",  # a break closes the block
    f"{WRAPPED_LINE}\n   {WRAPPED_LINE}\n  indented last line.\n \n\t\nShe slept.",
    f"{WRAPPED_LINE}\nooo\n{WRAPPED_LINE}\n\nScene break\n\n\nA short line.\nAnother.",
    f"  \n\n{WRAPPED_LINE}  \n{WRAPPED_LINE}\r\nend.\n\n“Quoted,” she said.\n\n~~~\n\n~~~\n\nLast.",
    f"{WRAPPED_LINE} and on and on and on and on and on and on and on and on and on\nshort.",
    f"{WRAPPED_LINE}\nbreakfast was over and the fog came in off the water, thick and grey\n"
    f"— so it went.\n\n{WRAPPED_LINE}\n{WRAPPED_LINE}",  # lines that only look like breaks
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS)
def test_paragraph_spans_agree_with_split_paragraphs(text):
    from forewarn.text.paragraphs import paragraph_spans, split_paragraphs
    starts, ends, scenes, breaks = paragraph_spans(text)
    scene, expected, expected_breaks = 0, [], []
    for s, e, is_break in split_paragraphs(text):
        if is_break:
            scene += bool(expected) and expected[-1][2] == scene
            expected_breaks.append(s)
        else:
            expected.append((s, e, scene))
    assert list(zip(starts, ends, scenes)) == expected
    assert breaks == expected_breaks


@pytest.mark.parametrize("text", [
    'Mr. Darcy bowed. "Stop!" she cried. Dr. Lee left at 5 p.m. on Friday.\n\nJ. K. Smith came.',
    "It was over... Was it? \u201cNo!\u201d He ran. (She left.) Then e.g. Tom sat. Mrs. Hale smiled.",
    "Wait!? Go!. No. No. St. Paul's. The U.S. Army. He said so.\u2019 Then\u2026 \u201cYes.\u201d\n* * *. Dawn.",
    "He met Mr\n. Smith there.\n\nIt was late. She saw Dr\n. Lee and J\n. Smith.",  # a dot after a line break
    f"{WRAPPED_LINE}\n{WRAPPED_LINE} Mr\n. Smith and e.g\n. Tom came. He sat.\n\n.. Then. etc. Done.",
])
@pytest.mark.parametrize("lowercase", [False, True])
def test_sentence_breaks_agree_with_the_cutter(text, lowercase):
    from forewarn.text.paragraphs import paragraph_spans
    from forewarn.text.sentences import sentence_breaks
    from tests.sentence_reference import SentenceCutter
    text = text.lower() if lowercase else text
    cutter = SentenceCutter(text, lowercase)
    para_starts, para_ends = paragraph_spans(text)[:2]
    ends, starts = sentence_breaks(text, lowercase, para_starts)
    for start, end in zip(para_starts, para_ends):
        inside = [i for i, e in enumerate(ends) if start < e < end]
        bounds = [start] + [starts[i] for i in inside], [ends[i] for i in inside] + [end]
        assert cutter.split(start, end) == list(zip(*bounds))


@pytest.mark.parametrize("text,expected", [
    ('He said "', []),                      # a straight quote at the very end opens nothing
    ('He said “', ["“"]),                   # a curly opener always opens
    ('"Go" "', ['"Go"']),
    ('A " B', []),                          # a straight quote before a space opens nothing
    ("'Tis 'em, 'Go,' she said.", ["'Tis 'em, 'Go,'"]),  # as the pairing has always read it
])
def test_quote_marks_at_edges(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize("text", ["a grain ", "said, ", "x \n", "x\n", "x \t \n", "", " ", "1 ",
                                  "é ", "Z", "word", "is\n\n", "—  "])
def test_after_word_is_the_last_word_regex(text):
    import re

    from forewarn.text.dialogue import _after_word
    padded = "«" + text + "»"
    expected = re.compile(r"[A-Za-z][ \t\n]+$").search(padded, 1, len(padded) - 1) is not None
    assert _after_word(padded, 1, len(padded) - 1) == expected


def test_word_count_agrees_with_the_token_counts_and_does_not_build_them():
    # a labels-only scan (batch --format pan) needs the word count but never the counter
    doc = segment_text("Chapter 1\n\nRain fell. Rain, rain.\n\nChapter 2\n\nShe slept — long.")
    words = doc.words
    assert doc._tokens is None
    assert words == sum(doc.token_counts().values()) == 8
    assert doc.words == words

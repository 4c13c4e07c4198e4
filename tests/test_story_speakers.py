"""Who speaks: speech verbs before, inside and after quotes; pronouns; turn-taking."""
from __future__ import annotations

import pytest

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.text import segment_text

INTRO = ("Nina met Oskar at the bakery. Nina was tired, and she wanted coffee. "
         "Oskar was cheerful, and he bought two rolls.\n\n")


def speakers(text: str) -> list[str | None]:
    r = Report()
    analyze(segment_text(text), r)
    return [q.speaker for q in r.story.quotes]


@pytest.mark.parametrize("line", [
    '"Morning," said Oskar.',            # verb first, after the quote
    '"Morning," Oskar said.',            # name first, after the quote
    'Oskar said, "Morning."',            # before the quote
    '"Morning," Oskar said, "again."',   # inside: between two parts of one line
    "'Morning,' Oskar mutters.",         # single British quotes, present tense
    "‘Morning,’ Oskar mutters.",         # curly single
    "“Morning,” Oskar replied.",         # curly double
])
def test_explicit_attribution_in_every_style(line):
    got = speakers(INTRO + line)
    assert got and all(s == "Oskar" for s in got)


def test_pronoun_goes_to_the_recent_character_of_that_gender():
    assert speakers(INTRO + '"Coffee first," she said.\n\n"Fine," he said.') == ["Nina", "Oskar"]


def test_untagged_exchange_alternates():
    text = INTRO + ('"Are you ready?" asked Nina.\n\n"Almost," said Oskar.\n\n'
                    '"We are late."\n\n"I know."\n\n"Then hurry."')
    assert speakers(text) == ["Nina", "Oskar", "Nina", "Oskar", "Nina"]


def test_addressed_person_answers_next():
    text = INTRO + '"Oskar, look at this," said Nina.\n\n"What is it?"'
    assert speakers(text) == ["Nina", "Oskar"]


def test_action_beat_names_the_speaker():
    text = INTRO + '"Good." Oskar grinned. "Then we go."'
    assert speakers(text) == ["Oskar", "Oskar"]


def test_first_person_narrator_speaks():
    text = ("I met Vera outside. Vera was cold, and she hugged me. I laughed at her scarf.\n\n"
            '"You look frozen," I said.\n\n"I am," she said.')
    r = Report()
    analyze(segment_text(text), r)
    assert [q.speaker for q in r.story.quotes][1] == "Vera"
    # the narrator is unnamed here, so their own line has no named speaker
    assert r.story.quotes[0].speaker is None


def test_quote_counts_and_dialogue_share():
    r = Report()
    analyze(segment_text(INTRO + '"Hello there," said Oskar.\n\n"Hi," said Nina.\n\n"Bye," said Oskar.'), r)
    counts = {c.name: c.quotes for c in r.story.characters}
    assert counts["Oskar"] == 2 and counts["Nina"] == 1
    assert 0 < r.story.dialogue_share < 0.3
    q = r.story.quotes[0]
    assert q.text == '"Hello there,"' and q.chapter == 1 and q.end > q.start


def test_dash_dialogue():
    text = ("At the top of the stairs, Brenn set down a bowl, and he whistled.\n\n"
            "—Come up, Tam! he called. Come up now!\n\n"
            "Tam climbed after Brenn and frowned at the sea.\n\n"
            "—Why? Tam asked.\n\n"
            "—Because the water is warm.")
    r = Report()
    analyze(segment_text(text), r)
    texts = [q.text for q in r.story.quotes]
    assert texts[0] == "—Come up, Tam!"
    assert "Come up now!" in texts
    assert [q.speaker for q in r.story.quotes][:3] == ["Brenn", "Brenn", "Tam"]


def test_double_hyphen_dash_dialogue():
    text = ("Rory sat by the window and Rory waited for the bell.\n\n"
            "Then Moss had asked him:\n\n"
            "--What is your name?\n\n"
            "Rory had answered:\n\n"
            "--Rory Quill.\n\n"
            "--What kind of a name is that?")
    r = Report()
    analyze(segment_text(text), r)
    assert [q.text for q in r.story.quotes] == ["--What is your name?", "--Rory Quill.",
                                               "--What kind of a name is that?"]


def test_his_wife_is_mrs_of_the_same_name():
    text = ("Mr. Dunmore sat by the fire. Mr. Dunmore read, and he sighed. Mrs. Dunmore knitted, "
            "and she hummed.\n\n"
            '"My dear Mr. Dunmore," said his wife, "the rain has stopped."\n\n'
            '"So it has," said Mr. Dunmore.')
    assert speakers(text) == ["Mrs. Dunmore", "Mrs. Dunmore", "Mr. Dunmore"]


def test_her_mother_is_another_woman_than_her():
    text = ("Mrs. Vane sewed by the lamp, and she hummed. Clara Vane sat near her, and she read.\n\n"
            '"Clara, you will ruin your eyes," said her mother.')
    assert speakers(text) == ["Mrs. Vane"]


def test_exchange_opening_untagged_takes_turns_from_later_tags():
    text = INTRO + ('The bell rang.\n\n"Ready?"\n\n"Almost."\n\n"We are late," said Nina.\n\n'
                    '"I know," said Oskar.')
    assert speakers(text) == ["Nina", "Oskar", "Nina", "Oskar"]


def test_a_role_noun_names_the_man_who_holds_it():
    text = ("Nina walked up to the church. Nina knocked twice, and she waited in the rain. "
            "At last Mr. Hale opened the door.\n\n"
            'Nina shivered on the step. "Come in out of the wet," said the vicar.')
    assert speakers(text) == ["Mr. Hale"]


def test_a_reply_that_names_someone_tells_who_spoke_first():
    text = ("Chapter one began in a wet spring.\n\n"
            "Rosa waited on the platform. Teodor was late, and Rosa was cold. "
            "Then Teodor came through the crowd.\n\n"
            '"Teodor, at last!"\n\n'
            '"Rosa, you look well."')
    assert speakers(text)[0] == "Rosa"


@pytest.mark.parametrize("named", ["Oskar", "Mr. Vance"])
def test_he_is_the_man_the_reply_names(named):
    text = INTRO + ("Mr. Vance came in, and Mr. Vance sat down. Oskar nodded at him.\n\n"
                    '"It is late," he said.\n\n'
                    f'"{named}, it is not even nine."')
    assert speakers(text)[0] == named


def test_a_two_word_beat_paragraph_names_the_next_speaker():
    text = INTRO + ('"Ready?" asked Nina.\n\n"Yes," said Oskar.\n\n'
                    "Oskar hesitated.\n\n"
                    '"Almost."')
    assert speakers(text)[-1] == "Oskar"


def test_a_line_naming_whom_it_addresses_goes_to_someone_else_nearby():
    text = INTRO + 'The bell rang twice.\n\n"Nina, the door!"'
    assert speakers(text) == ["Oskar"]


def test_the_reply_overrides_a_guess_from_the_addressee():
    text = INTRO + ("Mr. Vance came in, and Mr. Vance sat down.\n\nThe bell rang twice.\n\n"
                    '"Nina, the door!"\n\n"Oskar, you get it."')
    assert speakers(text)[0] == "Oskar"


def test_the_reply_overrides_the_actor_of_the_narration_before():
    text = INTRO + ("Oskar put the kettle on and he waited.\n\n"
                    '"Is it ready?"\n\n"Nina, give it a minute."')
    assert speakers(text)[0] == "Nina"


def test_the_one_named_by_the_previous_line_answers_over_a_beat():
    text = INTRO + ('"Nina, look at this!" said Oskar.\n\n'
                    '"What is it?" Oskar held up the roll.')
    assert speakers(text) == ["Oskar", "Nina"]


def test_subject_before_the_quote_starts_a_word():
    # "rather" ends in "her" and "the" ends in "he": neither is the subject of "replies"
    text = INTRO + 'Nina\'s face rather darkens as he replies, "Not today."'
    assert speakers(text) == ["Oskar"]


def test_trie_pattern_matches_exactly_its_words():
    import re

    from forewarn.story.trie import trie_pattern

    p = re.compile(trie_pattern({"say", "says", "said", "sigh", "ask"}) + "$")
    assert [bool(p.match(w)) for w in ("say", "says", "said", "sigh", "ask", "sa", "asks")] == \
        [True, True, True, True, True, False, False]


def test_narration_ending_in_a_colon_names_the_next_lines_speaker():
    text = INTRO + ('"Is it late?" asked Nina.\n\n'
                    'While the baker was stacking the warm loaves on the counter, Nina said:\n\n'
                    '"Not yet, I hope."')
    assert speakers(text) == ["Nina", "Nina"]  # not the turn of the other one


def test_pronoun_tag_goes_to_the_subject_just_before_it():
    # both speakers are men; "he" is the one the previous sentence was about
    text = ("Tom met Bill at the mill. Tom was tired, and he sat. Bill was cheerful, and he sang.\n\n"
            '"Sit with me," said Tom.\n\n"Gladly," said Bill. Bill laughed. Bill poured tea, '
            'and Bill cut the cake.\n\nTom rubbed his eyes. Then, yawning, he said, "I need sleep."')
    assert speakers(text) == ["Tom", "Bill", "Tom"]


def test_tag_before_a_quote_is_the_speech_verb_nearest_it():
    # "counter" can be a speech verb, but here "said" is the one that introduces the line
    text = INTRO + 'Near the warm loaves on the counter, Nina said, "Not yet."'
    assert speakers(text) == ["Nina"]


def test_someones_named_servant_is_not_the_one_acting():
    # "her Ayah" belongs to Mary; "she" is Mary, not the Ayah who never came
    text = ("Mary woke early. Mary was cross, and she sat up in bed. She wanted her Ayah. "
            "She called for her Ayah, and she waited for her Ayah.\n\n"
            '"Why are you here?" she said to the strange woman.')
    assert speakers(text) == ["Mary"]


def test_her_mother_is_the_one_the_narration_calls_mrs():
    text = ("Mrs. Bennet was in the hall. Lizzy sat with Kitty, and Lizzy was sewing. "
            "Kitty was coughing, and Kitty was cold.\n\n"
            '"Do stop coughing," said her mother.')
    assert speakers(text) == ["Mrs. Bennet"]


@pytest.mark.parametrize("line", [
    '"Where to?" queried he.',
    '"Good heavens!" ejaculated he.',
    '"Fine, fine," admitted he.',
    '"Sit down," commanded he.',
])
def test_older_speech_verbs_tag_the_line(line):
    # Nina is named last, so a guess from the narration would pick her
    assert speakers(INTRO + "Nina waited by the door.\n\n" + line) == ["Oskar"]


def test_he_added_goes_on_from_the_last_man_to_speak():
    text = ("Tom met Bill at the mill. Tom was tired, and he sat. Bill was cheerful, and he sang.\n\n"
            '"Sit down," said Tom.\n\n'
            "Bill looked at the chair. Bill was cold, and Bill rubbed his hands.\n\n"
            '"It is warm by the fire," he added.')
    assert speakers(text) == ["Tom", "Tom"]


def test_a_line_answered_by_name_sets_up_the_turns_after_it():
    # the first line is Nina's (Oskar answers her by name), so the "she" of the third is
    # Nina too, not Vera who only opened the door
    text = INTRO + ('Vera opened the door. Vera waited.\n\n"You are late again."\n\n'
                    '"Hello, Nina!" said Oskar.\n\n"Far too late," she said.')
    assert speakers(text) == ["Nina", "Oskar", "Nina"]


def test_a_described_speaker_is_a_character_of_its_own():
    got = speakers(INTRO + '"Two rolls, please," said Oskar.\n\n"That is a dollar," said the porter.'
                   '\n\n"Here," said Oskar.\n\n"Thank you," the porter said.')
    assert got == ["Oskar", "the porter", "Oskar", "the porter"]


def test_a_description_that_names_a_character_is_that_character():
    got = speakers("Parson Tringham rode home. Parson Tringham was tired, and he sighed.\n\n"
                   '"Good night," said the parson.')
    assert got == ["Parson Tringham"]


def test_last_in_narration_switch(monkeypatch):
    from forewarn.story import speaker_resolve

    monkeypatch.setattr(speaker_resolve, "LAST_IN_NARRATION", True)
    text = ("Ada laughed. Ada was happy, and Ada sang. Ada slept at last.\n\n"
            "I opened the door and found Miss Jellyby there.\n\n"
            '"Good night!" she said.')
    assert speakers(text) == ["Miss Jellyby"]


def test_the_untagged_sieve_runs_in_order_of_trust():
    from forewarn.story import speakers as s

    assert [f.__name__ for f in s._UNTAGGED] == [
        "_lead_tag_sieve", "_beat_sieve", "_lead_in_sieve", "_turn_sieve", "_vocative_sieve",
        "_salient_sieve"]


def test_fill_paragraph_gives_untagged_lines_the_tagged_speaker():
    from forewarn.story.speakers import UNKNOWN, _fill_paragraph

    assert _fill_paragraph([(3, "after"), (UNKNOWN, "")], 3) == [(3, "after"), (3, "paragraph")]


def test_colon_lead_tag_beat_and_vocative_passes():
    # lead tag: the narration paragraph ends "…said:"
    assert speakers(INTRO + "Oskar looked up and said:\n\n\"Morning.\"") == ["Oskar"]
    # beat: the one acting in the line's own paragraph
    assert speakers(INTRO + "\"Morning.\" Nina yawned.") == ["Nina"]
    # a vocative names the one spoken to, never the speaker
    got = speakers(INTRO + "\"Morning,\" said Oskar.\n\n\"Morning, Oskar.\"")
    assert got == ["Oskar", "Nina"]


def test_a_name_opening_a_later_sentence_of_a_line_addresses_someone():
    from forewarn.story.characters import _vocative
    line = '"So late! Nina, come in."'
    s = line.index("Nina")
    assert _vocative(line, s, s + 4, (1, len(line) - 1))
    line = '"It rained. Nina went home."'
    s = line.index("Nina")
    assert not _vocative(line, s, s + 4, (1, len(line) - 1))


def test_the_one_a_reply_addresses_is_not_its_speaker():
    text = INTRO + ('"Are you ready?" asked Nina.\n\n"Almost," said Oskar.\n\n'
                    '"So slow! Oskar, the bus is here."')
    assert speakers(text)[-1] == "Nina"


def test_a_pronoun_tag_goes_to_the_subject_of_the_narration_just_before():
    text = INTRO + ('"Are you ready?" asked Nina.\n\n"Almost," said Oskar.\n\n'
                    'Nina waited at the door. Pavel came in behind Oskar.\n\n'
                    'Oskar watched Pavel for a while.\n\n"We are late," he said.')
    assert speakers(text)[-1] == "Oskar"


def test_the_subject_before_is_not_taken_from_a_paragraph_with_dialogue():
    from forewarn.story.characters import build_characters
    from forewarn.story.speaker_context import _Context
    from forewarn.story.speaker_resolve import UNKNOWN, _previous_subject
    doc = segment_text(INTRO + 'Oskar nodded. "Fine," said Nina.\n\n"Go," he said.')
    ents, ms = build_characters(doc)
    ch = doc.chapters[0]
    ctx = _Context(ch, ms[0], ents, None, {e.id: e.gender for e in ents})
    assert _previous_subject(ctx, ch.quotes[-1].start, "male", set()) == UNKNOWN


def test_an_untagged_line_is_not_given_to_someone_it_names():
    # Oskar acts in the line's paragraph, but the line speaks of him by name
    text = INTRO + ('"Rolls again?" asked Nina.\n\n'
                    '"Always," said Oskar.\n\n'
                    '"Will Oskar ever stop eating?" Oskar looked away.')
    assert speakers(text) == ["Nina", "Oskar", "Nina"]

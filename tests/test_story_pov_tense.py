"""Point of view, reader-insert and tense: narration decides, dialogue never does."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.text import segment_text


def story(text: str):
    r = Report()
    analyze(segment_text(text), r)
    return r.story


FIRST_PAST_PRESENT_DIALOGUE = (
    "I walked to the harbour before dawn. I had not slept, and my coat was still wet.\n\n"
    '"You are late," says Marta. "We are always waiting for you. I know you hate it."\n\n'
    "I shrugged and looked at the boats. I counted them twice because I could not think.\n\n"
    '"I am here now," I said. "You can stop. We are fine. I am fine."\n\n'
    "She turned away from me and I followed her down the steps to the water."
)


def test_first_person_past_narration_with_present_dialogue():
    s = story(FIRST_PAST_PRESENT_DIALOGUE)
    assert s.pov == "first"
    assert s.tense == "past"


def test_third_person_present():
    s = story("Mira opens the door. She looks at the rain and sighs. Her brother waits in the hall, "
              "and he holds her umbrella. She takes it and she smiles at him. They walk out together.")
    assert (s.pov, s.tense) == ("third", "present")


def test_third_person_narration_with_first_person_dialogue_stays_third():
    s = story('"I think I am lost," he said. "I have no map and my phone is dead."\n\n'
              "He sat on the kerb. She handed him a map and he thanked her. They walked on.\n\n"
              '"I know this street," she said. "My aunt lived here. I visited her every summer."')
    assert s.pov == "third"
    assert s.tense == "past"


def test_second_person_reader_insert_by_you():
    s = story("Ren leaned on the railing when he saw you. You looked tired, and he knew it. "
              "He handed you his coat and you took it without a word. He watched you pull it close. "
              "You thanked him, and he only nodded at you.")
    assert s.reader_insert is True
    assert s.pov == "third"


def test_reader_insert_markers():
    for marker in ("Y/N", "(y/n)", "[Name]", "(Y/N)"):
        s = story(f"Ren waved at {marker} across the hall. He smiled when she waved back. He walked over.")
        assert s.reader_insert is True, marker


def test_plain_third_person_is_not_reader_insert():
    s = story("Ren waved at Aya across the hall. He smiled when she waved back. He walked over to her.")
    assert s.reader_insert is False


def test_mixed_pov_across_chapters():
    first = "I ran to the station and I missed the train. My bag was heavy and I was cold. " * 12
    third = "He ran to the station and he missed the train. His bag was heavy and he was cold. " * 12
    s = story(f"Chapter 1\n\n{first}\n\nChapter 2\n\n{third}")
    assert s.pov == "mixed"


def test_lower_cased_text_does_not_crash():
    s = story("i walked home. he said nothing, and she laughed at me. 'stop it,' i said. "
              "we sat down by the river and i watched the boats.")
    assert s.pov in ("first", "mixed", "unknown")
    assert s.characters == []


def test_chapters_in_different_persons_and_tenses_are_mixed():
    present_third = ("The fog lies on the river. He walks to the court and he waits. She sits by "
                     "the window and she watches him. They say nothing. It is cold. ") * 10
    past_first = ("I walked to the court and I waited. My aunt sat by the window, and she watched "
                  "me. I said nothing to her. It was cold, and I was tired. ") * 10
    text = "\n\n".join(f"Chapter {i + 1}\n\n{body}" for i, body in
                       enumerate([present_third, past_first, present_third, past_first]))
    s = story(text)
    assert (s.pov, s.tense) == ("mixed", "mixed")


def test_first_person_narrator_talking_about_others_is_not_mixed():
    about_self = "I walked to the harbour and I watched the ships. My hands were cold. " * 15
    about_others = ("The whalers rowed out at dawn. They hauled the lines and he shouted at them; "
                    "I watched from the rail. ") * 15
    text = "\n\n".join(f"Chapter {i + 1}\n\n{b}" for i, b in
                       enumerate([about_self, about_others, about_self, about_others]))
    assert story(text).pov == "first"


def test_degenerate_inputs_do_not_crash():
    for text in ["", " ", '"', "“", "I", '"""', "Mr.", "—", "--", "'", "Y/N"]:
        s = story(text)
        assert s.pov in ("first", "second", "third", "mixed", "unknown")
        assert 0.0 <= s.dialogue_share <= 1.0


def test_pronoun_trie_matches_the_plain_word_list():
    # the trie-shaped scan regex finds exactly what one branch per word would find
    import re

    from forewarn.story import persons as p
    words = sorted(set(p.FIRST_WORDS + p.SECOND_WORDS + p.THIRD_WORDS + p.SUBJECTS), key=len, reverse=True)
    text = ("Herself, she said; hers was his. Him? I think they then walked. Theirs, their, them. "
            "Whe he shed it. Its mine: myself. You're yours, yourself. THEY We we'd Mine. Ithaca. "
            "heir he's, she'd. themselves quietly ran.")
    for lower, pattern in ((False, p._CASED), (True, p._LOWER)):
        forms = [w.lower() if lower else f for w in words
                 for f in ((w,) if w == "I" else (w[0].upper() + w[1:], w))]
        alts = "|".join(f"{f}(?<!\\w{f})" for f in dict.fromkeys(forms))
        plain = re.compile(rf"({alts})\b(?:(?=\s+{p._ADVERB}?([a-z]+)\b)|)")
        assert pattern.findall(text) == plain.findall(text)
        assert pattern.findall(text.lower()) == plain.findall(text.lower())

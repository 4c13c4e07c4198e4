"""Characters: no false names, merged aliases, gender, the first-person narrator, notes."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.story import analyze
from forewarn.text import segment_text
from forewarn.work import Chapter, Note, Work
from forewarn.pipeline import scan_work


def story(text: str):
    r = Report()
    analyze(segment_text(text), r)
    return r.story


def names(s) -> set[str]:
    out = set()
    for c in s.characters:
        out.add(c.name)
        out.update(c.aliases)
    return out


TEXT = (
    "On Monday, Mr. Bennet walked to the village. Oh, the weather was fine. Good weather "
    "always pleased him, and Bennet whistled as he went.\n\n"
    "Luka Megurine met him by the church in London. She had a Mercedes and she drove it badly. "
    "Luka laughed when she saw the car.\n\n"
    '"Yeah, I know," said Luka. "It is dented."\n\n'
    "Here the road turned. Mr. Bennet smiled at Luka, and she smiled back. In December they "
    "read Great Expectations together, and Luka hated it."
)


def test_no_false_characters():
    found = names(story(TEXT))
    for bad in ("Monday", "Oh", "Good", "Yeah", "Here", "London", "Mercedes", "December", "In"):
        assert bad not in found


def test_aliases_are_merged():
    s = story(TEXT)
    by_name = {c.name: c for c in s.characters}
    bennet = next(c for c in s.characters if "Bennet" in c.name)
    assert {bennet.name, *bennet.aliases} == {"Mr. Bennet", "Bennet"}
    luka = by_name["Luka"]
    assert "Luka Megurine" in luka.aliases
    assert luka.mentions >= 4


def test_gender_from_title_and_pronouns():
    s = story(TEXT)
    g = {c.name: c.gender for c in s.characters}
    assert g["Mr. Bennet"] == "male"
    assert g["Luka"] == "female"


def test_sentence_initial_common_word_is_not_a_name():
    s = story("Inventory was due. Inventory always took hours. Rika counted boxes while Rika's "
              "cat slept, and Rika sighed.")
    assert names(s) == {"Rika"}


def test_first_person_narrator_named_by_others():
    s = story("I waited at the gate while Toma parked the bike.\n\n"
              '"Kai, you came," Toma said, grinning at me.\n\n'
              '"Of course," I said.\n\n'
              '"Good night, Kai," he said later, and I waved.')
    kai = next(c for c in s.characters if c.name == "Kai")
    assert kai.narrator is True
    assert not next(c for c in s.characters if c.name == "Toma").narrator


def test_names_only_in_notes_are_not_characters():
    work = Work(chapters=[Chapter("Aya met Ren at the shop. Aya smiled, and Ren smiled at Aya.")],
                notes=[Note("notes", "Thanks to BunnyQueen for the prompt! Written for Zelda.")])
    found = names(scan_work(work, analyzers=[analyze]).story)
    assert "Aya" in found and "Ren" in found
    assert "BunnyQueen" not in found and "Zelda" not in found


def test_pet_name_merges_with_the_full_name():
    s = story("Elizabeth Hart opened the door. Elizabeth Hart was tired, and she sat down.\n\n"
              '"Lizzy, tea?" asked Tom.\n\n"Please," said Lizzy.')
    liz = next(c for c in s.characters if "Lizzy" in {c.name, *c.aliases})
    assert "Elizabeth Hart" in {liz.name, *liz.aliases}


def test_copula_with_gendered_noun_sets_gender():
    s = story("Rowan arrived late. Rowan was a tall woman with grey eyes. Everyone turned "
              "when Rowan came in.")
    assert {c.name: c.gender for c in s.characters}["Rowan"] == "female"


def test_narrator_named_by_others_is_never_he():
    text = ("I sat by the fire with Marcus. Marcus was reading, and he frowned.\n\n"
            '"You look tired, Kai," he said.\n\n'
            '"I am," I said.\n\n'
            '"Go to bed, Kai," said Marcus.\n\n'
            '"Later," I said.\n\n'
            '"Suit yourself," he said.')
    r = Report()
    analyze(segment_text(text), r)
    assert [q.speaker for q in r.story.quotes] == ["Marcus", "Kai", "Marcus", "Kai", "Marcus"]


def test_the_last_word_of_a_place_name_is_not_a_character():
    text = ("Dread Row was a lane of cottages. Dread Row smelt of smoke, and Row children "
            "played in it. Anna lived at the end of the Row. Anna swept the step, and "
            "Anna sang. The Row was quiet at noon, and the Row was loud at night.")
    found = names(story(text))
    assert "Anna" in found and "Row" not in found


def test_a_wife_and_her_family_do_not_fuse():
    from forewarn.story.characters import build_characters
    from forewarn.text import segment_text

    text = ("Mrs. Morel sat by the fire. Paul Morel came in, and Paul kissed her. Mrs. Morel smiled. "
            "Morel came home late. Morel was drunk, and he shouted. Mrs. Morel said nothing. "
            "William Morel was away. Paul sat down. Morel slept.")
    ents, _ = build_characters(segment_text(text))
    groups = sorted(sorted([e.name, *e.aliases]) for e in ents)
    assert ["Mrs. Morel"] in groups
    assert not any("Mrs. Morel" in g and len(g) > 1 for g in groups)


def test_mrs_is_not_the_daughter_of_the_same_name():
    from forewarn.story.characters import build_characters
    from forewarn.text import segment_text

    text = ("Lucy Westenra laughed. Lucy was happy. Mrs. Westenra was ill, and Mrs. Westenra slept. "
            "Lucy Westenra sang, and Lucy smiled at Mrs. Westenra.")
    ents, _ = build_characters(segment_text(text))
    mrs = next(e for e in ents if "Mrs. Westenra" in [e.name, *e.aliases])
    assert "Lucy" not in [mrs.name, *mrs.aliases] and "Lucy Westenra" not in [mrs.name, *mrs.aliases]


def test_a_name_written_after_the_is_no_character():
    text = ("Nell walked down to the Bottoms at dusk. The houses of the Bottoms were dark, "
            "and the Bottoms slept. Nell knocked twice.\n\n"
            "Later the Bottoms woke, and she went home past the Bottoms again.")
    assert "Bottoms" not in names(story(text))
    assert "Nell" in names(story(text))


def test_a_given_name_decides_when_the_pronouns_are_mixed():
    # "Clara" is followed by "he" (the man beside her) as often as by "she"
    text = ("Clara stood by the gate. He came up the lane. Clara smiled and she waved.\n\n"
            "Clara looked at Tom; he was tired. Clara laughed, he laughed too.\n\n"
            "Clara turned and she went in. Clara sat down while he waited.")
    s = story(text)
    assert {c.name: c.gender for c in s.characters}["Clara"] == "female"

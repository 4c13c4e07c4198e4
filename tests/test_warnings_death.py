"""Death & loss group."""
import pytest

from tests.warnings_support import found


def test_death_on_the_page():
    text = "He died in her arms, his last breath soft against her neck. She held his body until dawn."
    got = found(text)
    assert got.get("death") in ("depicted", "graphic")
    assert "dying" in got


def test_past_death_is_a_mention():
    got = found("Her father had died of a heart attack years ago, before she was born.")
    assert got["death"] == "mention"


def test_grief_implies_a_death():
    got = found("She was still grieving. The grief came in waves, and she cried at the funeral again.")
    assert "grief" in got
    assert "death" in got


def test_animal_death():
    assert "animal-death" in found("The old dog died in the night and we buried the dog under the apple tree.")


@pytest.mark.parametrize("text", [
    "I'm dying to know what happened next.",
    "She was dead tired after the double shift.",
    "He gave her a death glare across the table.",
    "My phone died halfway through the call.",
    "The cake was to die for.",
    "We were bored to death in the lecture.",
    "It was a dead end, so they turned around.",
])
def test_death_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("death", "dying", "grief", "murder"):
        assert wid not in got, (wid, text)


def test_undead_scene_is_not_a_death():
    text = ("The necromancer raised his staff over the cemetery. The corpses clawed out of the soil, "
            "and the undead shambled towards the gate while he laughed.")
    assert "death" not in found(text)


def test_death_far_from_undead_cues_still_counts():
    text = ("Her grandmother died in the spring. The house went quiet. Nobody cooked. Nobody sang. "
            "Months later her brother started a video game about zombies.")
    assert "death" in found(text)


@pytest.mark.parametrize("text", [
    "If the boat had capsized, they would have died out there in the cold water.",
    "She was afraid her little brother might die before the doctor came, but the fever broke.",
    "He nearly died when the ladder slipped, then laughed about it over dinner.",
])
def test_imagined_or_averted_death_is_not_a_death(text):
    assert "death" not in found(text)


def test_death_after_a_conditional_clause_still_counts():
    got = found("The storm came in fast. Her uncle drowned when the boat capsized.")
    assert "death" in got


@pytest.mark.parametrize("text", [
    "Fine, he said in a lifeless voice, and went back to his spreadsheet.",
    "After the rain the seaside was a lifeless town of shuttered cafes.",
])
def test_lifeless_lookalikes_are_not_death(text):
    assert "death" not in found(text)


def test_lifeless_body_is_death():
    assert "death" in found("They found her lifeless body at the foot of the stairs.")


@pytest.mark.parametrize("text", [
    "The students filed into the anatomy lab, where a cadaver lay under a sheet on each table.",
    "Medical school meant long nights, and the cadaver he shared with three classmates had a name by October.",
])
def test_a_cadaver_for_study_is_not_a_death(text):
    assert "death" not in found(text)


def test_a_cadaver_in_the_story_is_a_death():
    text = "They found the cadaver in the river, bloated and grey, three days after she vanished."
    assert "death" in found(text)


def test_resembling_a_corpse_is_figurative():
    assert "death" not in found("He was so thin that he resembled a corpse more than a man.")


def test_a_murder_only_investigated_is_not_a_death():
    got = found("Will was driving to the office to investigate a murder on an empty stomach.")
    assert "death" not in got


def test_a_murder_on_the_page_is_a_death():
    got = found("He murdered the guard with a single blow and dragged him into the alley.")
    assert "death" in got and "murder" in got


@pytest.mark.parametrize("text", [
    "The two cultivators followed the trail of a fierce corpse deep into the mountains.",
    "The city stayed in lockdown while the army fought walking corpses in the west.",
    "She hauled the living corpse off the floor and made him drink some water.",
])
def test_walking_and_living_corpses_are_not_deaths(text):
    assert "death" not in found(text)


def test_a_corpse_in_the_woods_is_a_death():
    assert "death" in found("The two hunters found a corpse deep in the woods, its throat cut.")


def test_a_report_word_far_from_the_hit_does_not_make_it_a_mention():
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits

    text = ("Blood ran down his arm and soaked the cuff of his coat as he staggered along "
            "the wet quay in the dark, and later he would call it a story worth telling.")
    hits = [h for h in chapter_hits(segment_text(text).chapters[0], accepted_only=True)
            if h.warning == "blood"]
    assert hits and hits[0].severity != "mention"


def test_backstory_is_marked_long_past_so_no_model_lifts_it_to_the_page():
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits

    text = "Mr. Hale's wife, who died some years before the winter of the strike, was buried there."
    hits = [h for h in chapter_hits(segment_text(text).chapters[0], accepted_only=True)
            if h.warning == "death"]
    assert hits and all(h.severity == "mention" and h.past for h in hits)


@pytest.mark.parametrize("text,warning", [
    ("She had been in the family way since the spring, and the doctor called every week.", "pregnancy"),
    ("Ruined and alone, he made away with himself in the night.", "suicide"),
])
def test_older_english_for_the_same_content(text, warning):
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits

    hits = chapter_hits(segment_text(text).chapters[0], accepted_only=True)
    assert warning in {h.warning for h in hits}


def test_a_death_told_in_the_plain_verb_is_dying_on_the_page():
    # Older prose shows a deathbed in "she died", without "last breath" or "deathbed".
    text = ("The old woman lay in the narrow bed all night. Towards morning, "
            "with her son holding her hand, she died.")
    assert found(text).get("dying") == "depicted"


def test_a_sound_that_dies_away_is_no_dying():
    assert "dying" not in found("The music died away in the distance.")
    assert "death" not in found("The music died away in the distance.")

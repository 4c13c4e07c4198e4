"""Violence group: violence, blood, gore, murder, torture, guns, war, kidnapping."""
import pytest

from tests.warnings_support import found


def test_fight_on_the_page_is_depicted_violence():
    got = found("He punched him in the jaw and kicked him in the ribs until he fell.")
    assert got.get("violence") in ("depicted", "graphic")


def test_detailed_stabbing_is_graphic():
    text = ("He stabbed the guard again and again. Blood gushed from the wound and pooled on the "
            "floor while the man screamed in agony. Blood splattered the walls.")
    got = found(text)
    assert got["violence"] == "graphic"
    assert got["blood"] == "graphic"


def test_remembered_murder_is_a_mention():
    got = found("Years ago, she remembered, her uncle had been murdered in that house.")
    assert got["murder"] == "mention"


def test_blood_on_the_page():
    assert found("His shirt was soaked with blood and he was still bleeding.")["blood"] in ("depicted", "graphic")


def test_kidnapping():
    got = found("They kidnapped the girl outside her school and held her for ransom.")
    assert "kidnapping" in got


def test_war_scene():
    got = found("The artillery opened up at dawn and shrapnel tore through the trenches. "
                "Soldiers ran for the bunkers as the bombing went on.")
    assert got.get("war") in ("depicted", "graphic")


@pytest.mark.parametrize("text", [
    "We were just killing time before the train came.",
    "She shot a glance at the clock and sighed.",
    "He bought a blood orange at the market.",
    "They had a war of words over dinner.",
    "Time to hit the books, she thought.",
    "The report was a smoking gun for the auditors.",
    "He stalked off towards the kitchen, annoyed.",
    "She fought back tears when the letter came.",
    "You're killing me with these puns.",
    "Their tug of war at the picnic ended in laughter.",
])
def test_violence_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("violence", "blood", "murder", "gun-violence", "war", "kidnapping", "torture", "gore", "stalking"):
        assert wid not in got, (wid, text)


def test_negated_violence_does_not_fire():
    assert "blood" not in found("There was no blood on the floor at all.")


def test_killing_someone_supports_violence():
    text = ("He swung the pipe and killed him before the guard could shout. "
            "Then he turned and punched the second man in the jaw.")
    assert "violence" in found(text)


@pytest.mark.parametrize("text", [
    "Stop it, you're killing me, she laughed, and he told another terrible pun.",
    "My new shoes are killing me, she groaned after the wedding.",
])
def test_killing_hyperbole_is_not_violence(text):
    assert "violence" not in found(text)


@pytest.mark.parametrize("text", [
    "Her grandfather had lost two brothers in the war and never spoke of the winter of 1944.",
    "Forty dead soldiers lay in the mud by the bridge when the smoke finally cleared.",
    "The missile struck the harbour at dawn and the fleet burned.",
])
def test_war_phrases_fire(text):
    assert "war" in found(text)


@pytest.mark.parametrize("text", [
    "She was the loudest voice in the war on plastic straws at her school.",
    "He lost the argument in the war of words on the forum and logged off.",
])
def test_war_phrase_lookalikes(text):
    assert "war" not in found(text)


def test_a_peaceful_death_is_not_violence():
    text = ("Her grandmother died in her sleep after a long illness. The death was quiet; "
            "the nurse said she had felt no pain at the end, and the family sat with the dead woman until morning.")
    assert "violence" not in found(text)


def test_a_war_scene_still_fires_with_ranks_as_support():
    text = ("The commander ordered the battalion forward. Enemy soldiers opened fire from the ridge "
            "and the lieutenant fell wounded in the mud.")
    assert "war" in found(text)


@pytest.mark.parametrize("text", [
    # Ranks, institutions and equipment set a scene but show no conflict.
    "The commander, the lieutenant and two officers of the republic watched the military parade. "
    "Then a drunk man punched the sergeant.",
    # Explosions and bombs without any war around them.
    "Explosions rang out across the city as the gas mains burst, and he ran to help.",
    "The kids made bath bombs and little paint bombs for the fair.",
])
def test_military_setting_or_explosions_alone_are_not_war(text):
    assert "war" not in found(text)


@pytest.mark.parametrize("text", [
    "He laughed, shooting his hands up to cover his mouth, then shot his arm out to grab the cup.",
    "Her eyes blazing with fire, she faced her old enemy. 'I beat you once,' she said.",
    "Blood pounding in his ears, he read the letter again, the blood that flowed in his veins running hot.",
    "The drinks didn't pack a punch, and nobody had the energy to tackle the problem tonight.",
    "It was a shot in the dark, but she asked him anyway.",
    "Sherlock pinned the photos to his murder boards and paced.",
])
def test_movement_circulation_and_idioms_are_not_violence(text):
    got = found(text)
    for wid in ("violence", "gun-violence", "blood", "murder"):
        assert wid not in got, (wid, text)


def test_imagined_shooting_is_not_gun_violence_but_a_real_one_is():
    assert "gun-violence" not in found("If you shoot him now, they will never trust us again.")
    assert "gun-violence" in found("He raised the pistol and shot him twice in the chest.")


@pytest.mark.parametrize("text", [
    "They don't need body armour and machine guns to walk people home, she said.",
    "The nobles had snipers on the roof for the parade, as they did every year.",
])
def test_weapons_named_are_not_gun_violence(text):
    got = found(text)
    assert "gun-violence" not in got and "violence" not in got


def test_snipers_firing_are_gun_violence():
    got = found("The snipers opened fire on the convoy and shot him through the shoulder.")
    assert "gun-violence" in got


@pytest.mark.parametrize("text", [
    "The jury filled the front row, and the judge sat at the front of the room.",
    "He ran his palm down the front of his face and groaned.",
])
def test_the_front_of_a_room_is_not_war(text):
    assert "war" not in found(text)


def test_sent_to_the_front_is_war():
    assert "war" in found("In 1916 he was sent to the front, and the shelling never stopped.")


@pytest.mark.parametrize("text", [
    "In a few moments she had captured the graph from their analysis and pasted it in.",
    "The photographer captured the moment the bride laughed.",
])
def test_capturing_pictures_is_not_kidnapping(text):
    assert "kidnapping" not in found(text)


def test_captured_people_are_kidnapping():
    assert "kidnapping" in found("The bandits captured her on the road and held her for ransom.")


def test_killing_someone_is_violence_on_its_own():
    got = found("He drew his knife and killed him in the alley, then wiped the blade.")
    assert "violence" in got


def test_killing_time_is_still_not_violence():
    assert "violence" not in found("They were killing time at the station, and the train was late.")


@pytest.mark.parametrize("text", [
    "The patrol was shooting civilians at the checkpoint while the officers watched.",
    "They had burned those innocent civilians in their homes, and the village was ash.",
])
def test_harm_to_civilians_is_war(text):
    assert "war" in found(text)


def test_civilians_at_a_fair_are_not_war():
    assert "war" not in found("Civilians and tourists crowded the harbour fair, eating fried fish.")


@pytest.mark.parametrize("text", [
    "With war raging between the two kingdoms, the harvest rotted in the fields.",
    "Whole streets had been reduced to rubble, and corpses lay where the walls had fallen.",
])
def test_war_over_a_place_is_war(text):
    assert "war" in found(text)


def test_rubble_from_a_renovation_is_not_war():
    assert "war" not in found("The builders carted the rubble away before the new kitchen went in.")


@pytest.mark.parametrize("text", [
    "A stab of guilt went through her when she saw the letter; the sunlight stabbed through the curtains.",
    "The white walls stabbed new shards of agony into his skull, and he swung his legs off the bed.",
])
def test_stabbing_light_and_pain_are_not_violence(text):
    assert "violence" not in found(text)


@pytest.mark.parametrize("text, wid", [
    ("'Relax, you are far too big to take hostage,' she told him with a grin.", "kidnapping"),
    ("He thought the boy was too young to be murdered by anyone in this town.", "murder"),
])
def test_too_much_of_a_thing_to_undergo_it_is_not_undergoing_it(text, wid):
    assert wid not in found(text)


@pytest.mark.parametrize("text, wid", [
    ("The gunmen grabbed the clerk and took him hostage in the back room.", "kidnapping"),
    ("He murdered the boy in the alley and ran.", "murder"),
])
def test_the_same_acts_on_the_page_still_count(text, wid):
    assert wid in found(text)


@pytest.mark.parametrize("text", [
    "After the long shift he dragged himself into the saloon and ordered a whiskey.",
    "Exhausted, she dragged herself away from the campfire and into her tent.",
])
def test_dragging_oneself_is_not_a_kidnapping(text):
    assert "kidnapping" not in found(text)


def test_dragging_someone_into_a_van_is_a_kidnapping():
    assert "kidnapping" in found("Two men dragged her into the van and drove off before anyone could stop them.")


def test_kick_your_butt_is_an_idiom():
    text = ("'Cheat at cards again and I'll kick your butt,' Tom joked. His jaw still ached and a bruise "
            "was forming where he had walked into the door.")
    assert "violence" not in found(text)
    assert "violence" in found("He kicked the thief in the ribs and punched him until his lip split.")


def test_bloody_as_an_intensifier_is_not_blood():
    got = found("I tripped over the root and a troll stepped on my foot. It bloody hurt, and I limped all the way home.")
    assert "blood" not in got and "violence" not in got
    assert "blood" in found("His shirt was bloody and torn where the knife had gone in.")

"""Discrimination and language groups."""
import pytest

from tests.warnings_support import found


def test_homophobic_speech_is_depicted():
    got = found("'Being gay is a sin,' his father said. 'No son of mine is a faggot.'")
    assert got["homophobia"] == "depicted"
    assert "slurs" in got


def test_racism():
    assert "racism" in found("He called them filthy immigrants and said racial purity mattered.")


def test_ableist_slur():
    assert "ableism" in found("'Move, you retard,' he snapped.")


def test_misogyny():
    assert "misogyny" in found("'Shut up, you stupid bitch,' he said, and told her a woman's place was in the kitchen.")


def test_profanity_in_speech_is_depicted():
    assert found("'Fuck this,' she said. 'Shit.'")["profanity"] == "depicted"


@pytest.mark.parametrize("text", [
    "She strung fairy lights across the window.",
    "He kept a straight face through the meeting.",
    "They ate cheese and crackers on the porch.",
    "The raccoon knocked over the bins.",
    "His words were slurred with sleep.",
    "Her voice cracked as she spoke.",
])
def test_discrimination_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("homophobia", "racism", "ableism", "slurs", "misogyny", "transphobia"):
        assert wid not in got, (wid, text)


@pytest.mark.parametrize("text", [
    "The envoy sneered at the hill clans: a barbaric tribe, he said, fit only to serve.",
    "The colonel wrote home that the river peoples were uncivilized and savage, hardly human at all.",
    "Send the savages back to their huts, the captain ordered.",
])
def test_a_people_called_uncivilised_is_racism(text):
    assert "racism" in found(text)


@pytest.mark.parametrize("text", [
    "The twins were little savages at the birthday party, frosting everywhere.",
    "The cottage plumbing was primitive, and the boiler was worse.",
    "It was a savage review of the new restaurant.",
])
def test_uncivilised_lookalikes_are_not_racism(text):
    assert "racism" not in found(text)


@pytest.mark.parametrize("text", [
    "Stop calling him differently-abled like he's a greeting card, his aunt snapped.",
    "The manager sighed that the hearing impaired customers were slowing down the queue.",
])
def test_disability_euphemisms_are_ableism(text):
    assert "ableism" in found(text)


@pytest.mark.parametrize("text", [
    "The orchestra played beautifully; the hearing in the courtroom was adjourned.",
    "She stood able and ready at the differently painted door.",
])
def test_disability_euphemism_lookalikes(text):
    assert "ableism" not in found(text)


@pytest.mark.parametrize("text", [
    "Get away from me, you lesbo, the boy hissed across the lockers.",
    "Her pastor kept sending her pamphlets about ex-gay ministries.",
    "His parents threatened to ship him off to a conversion camp in the summer.",
])
def test_homophobic_slurs_and_conversion_are_homophobia(text):
    assert "homophobia" in found(text)


def test_lesbo_lookalike_is_not_homophobia():
    assert "homophobia" not in found("The lesson on Lesbos, the Greek island, ran long.")


@pytest.mark.parametrize("text", [
    "Just get the bitch into the car before her friends come back, he told the driver.",
    pytest.param("Quit crying over a scraped knee, you're such a girl, his brother jeered.",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "known miss since the uncertainty-sampled batch: the model puts this mild "
                     "insult at p 0.26, under the bar of a one-line text"))),
    "A wife should know her place, his father said, and she set the plates down in silence.",
])
def test_a_woman_named_by_a_slur_is_misogyny(text):
    assert "misogyny" in found(text)


@pytest.mark.parametrize("text", [
    "The breeder said the bitch whelped six puppies overnight.",
    "He stubbed his toe on the doorframe and swore: son of a bitch.",
])
def test_bitch_lookalikes_are_not_misogyny(text):
    assert "misogyny" not in found(text)


@pytest.mark.parametrize("text", [
    "Vikings were rather prejudiced and superstitious people in that age.",
    "The petition asked the council to end discrimination in hiring.",
])
def test_prejudice_against_no_one_named_is_not_racism(text):
    assert "racism" not in found(text)


def test_racial_discrimination_is_racism():
    got = found("Her grandparents had lived through years of racial discrimination in that town.")
    assert "racism" in got


@pytest.mark.parametrize("text", [
    "He couldn't find a parking space that wasn't for handicapped use only.",
    "The new library has handicapped bathrooms and a ramp at every entrance.",
])
def test_accessible_infrastructure_is_not_ableism(text):
    assert "ableism" not in found(text)


def test_calling_someone_handicapped_as_an_insult_is_ableism():
    assert "ableism" in found("'Move it, you handicapped freak,' he sneered at the boy on crutches.")


@pytest.mark.parametrize("text", [
    "Group chat. lazy slut: who ate my noodles? grumpy cat: not me. lazy slut: liar.",
    "sunny hoe: are we still on for tonight? tall guy: yes. sunny hoe: bring snacks.",
])
def test_insults_used_as_chat_handles_are_names(text):
    assert "misogyny" not in found(text)


def test_an_insult_before_a_colon_is_a_handle_but_said_to_her_it_is_misogyny():
    got = found("'Get out of my house, you filthy slut,' he shouted, and threw her coat after her.")
    assert "misogyny" in got


@pytest.mark.parametrize("text", [
    "He laughed when his brother called him a slut for dating three people at once.",
    "The show's host was a smug boy skank with glitter on his cheeks.",
    "He grinned at the slutty boy dancing on the bar.",
])
def test_sexual_insults_aimed_at_men_are_not_misogyny(text):
    assert "misogyny" not in found(text)


@pytest.mark.parametrize("text", [
    "He shrugged. 'My wife was being a bitch about the car, so I sold it.'",
    "Everyone at the office agreed she was such a bitch to the new intern.",
])
def test_a_woman_said_to_be_a_bitch_is_misogyny(text):
    assert "misogyny" in found(text)


def test_no_need_to_negates_what_follows():
    assert "misogyny" not in found("She kissed him at the party, and there is no need to slut-shame her for it.")
    assert "misogyny" in found("They gathered in the hallway to slut-shame her for it.")


def test_the_gay_agenda_as_a_joke_is_not_homophobia():
    assert "homophobia" not in found("'Item one on the gay agenda: brunch,' Tom announced, and his boyfriend laughed.")
    got = found("'Filthy faggots and their gay agenda,' the preacher spat at the two men.")
    assert "homophobia" in got


@pytest.mark.parametrize("text", [
    "'So you're here about the conversion therapy stuff, or the blackmail stuff?' Argyle asked.",
    "She frowned at the leaflet. Is conversion therapy even legal in this state?",
])
def test_homophobia_asked_about_is_not_shown(text):
    assert "homophobia" not in found(text)


@pytest.mark.parametrize("text", [
    "His parents sent him to conversion therapy the summer he turned fifteen.",
    "'Why are you staring at me, you fucking dyke?' the boy sneered at her.",
])
def test_homophobia_told_or_slurs_in_questions_still_count(text):
    assert "homophobia" in found(text)

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

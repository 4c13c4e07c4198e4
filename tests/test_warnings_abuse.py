"""Abuse group: abuse, child abuse, emotional abuse, animal cruelty, stalking."""
import pytest

from tests.warnings_support import found


def test_child_abuse():
    got = found("His father beat him with the belt every night, and he learned to hide the bruises at school.")
    assert "child-abuse" in got and "abuse" in got


def test_emotional_abuse():
    got = found("'You're worthless,' he said. 'No one will ever love you.' He had gaslit her for years.")
    assert "emotional-abuse" in got


def test_past_abuse_is_a_mention():
    assert found("He remembered the abusive home he had grown up in.")["abuse"] == "mention"


def test_stalking():
    assert "stalking" in found("The stalker followed her home every night and watched her through the window.")


@pytest.mark.parametrize("text", [
    "She stalked off in a huff.",
    "He wanted to stalk her Instagram before the date.",
    "They manipulated the data to fit the model.",
    "She neglected to mention the price.",
    "He buckled his seat belt.",
    "The dog wagged its tail and we fed it treats.",
])
def test_abuse_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("abuse", "child-abuse", "emotional-abuse", "animal-cruelty", "stalking"):
        assert wid not in got, (wid, text)

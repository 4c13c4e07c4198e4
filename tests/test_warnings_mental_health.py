"""Self-harm & mental health group."""
import pytest

from tests.warnings_support import found


def test_self_harm_on_the_page():
    assert found("She cut herself again in the bathroom and hid the fresh cuts under long sleeves.").get(
        "self-harm") in ("depicted", "graphic")


def test_suicidal_thoughts_are_reported():
    assert "suicide" in found("He wanted to die. He wrote a suicide note and left it on the table.")


def test_past_attempt_is_a_mention():
    assert found("Years ago she had tried to kill herself, and she remembered the hospital.")["suicide"] == "mention"


def test_panic_attack():
    assert "panic-attack" in found("She was having a panic attack. She couldn't breathe and her hands were shaking.")


def test_eating_disorder():
    assert "eating-disorders" in found("She counted calories all day and made herself throw up after dinner.")


@pytest.mark.parametrize("text", [
    "Going to that party would be social suicide.",
    "The Suicide Squad movie was on TV.",
    "He cut himself shaving this morning.",
    "She was crazy about him.",
    "He made a mental note to buy milk.",
    "We binge-watched the whole series.",
])
def test_mental_health_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("suicide", "self-harm", "mental-illness", "eating-disorders", "depression", "panic-attack"):
        assert wid not in got, (wid, text)

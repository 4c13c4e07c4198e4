"""Medical group (and car accidents)."""
import pytest

from tests.warnings_support import found


def test_terminal_illness():
    assert "terminal-illness" in found("The doctor said it was terminal cancer. She had six months to live.")


def test_surgery_on_the_page():
    assert "medical-procedures" in found("The surgeon made the first incision and the operating room went quiet.")


def test_vomiting():
    assert found("He threw up in the sink and retched again.")["vomit"] in ("depicted", "graphic")


def test_pregnancy_and_birth():
    got = found("She was pregnant, and in the third trimester her water broke and she went into labor.")
    assert "pregnancy" in got and "childbirth" in got


def test_car_accident_in_speech_is_a_mention():
    assert found("'It was a car accident,' she said quietly.")["car-accident"] == "mention"


@pytest.mark.parametrize("text", [
    "She was sick of waiting for him.",
    "It was a stroke of luck.",
    "The pause was pregnant with meaning.",
    "They took a crash course in Spanish.",
    "She threw up her hands in despair.",
    "He crashed on the couch after the party.",
    "It was like finding a needle in a haystack.",
])
def test_medical_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("illness", "terminal-illness", "medical-procedures", "needles", "vomit", "pregnancy",
                "car-accident"):
        assert wid not in got, (wid, text)

"""Substances group: alcohol, alcoholism, drugs, smoking."""
import pytest

from tests.warnings_support import found


def test_smoking_on_the_page():
    assert found("He lit a cigarette and took a long drag.")["smoking"] == "depicted"


def test_drinking_on_the_page():
    assert found("They drank vodka until they were drunk.")["alcohol"] == "depicted"


def test_remembered_alcoholism_is_a_mention():
    assert found("She remembered her father, the alcoholic, years ago.")["alcoholism"] == "mention"


def test_sobriety_is_alcoholism():
    assert "alcoholism" in found("She had been sober for three years and went to her AA meeting every week.")


def test_drug_use():
    assert "drug-use" in found("They snorted a line of cocaine in the bathroom.")


@pytest.mark.parametrize("text", [
    "She didn't drink.",
    "He was drunk on happiness.",
    "She looked smoking hot in that dress.",
    "It was the smoking gun the detective needed.",
    "He had a drink of water and went to bed.",
    "The phone buzzed on the table.",
    "He cracked a smile at the joke.",
    "We went to high school together.",
])
def test_substance_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("alcohol", "alcoholism", "drug-use", "smoking"):
        assert wid not in got, (wid, text)


@pytest.mark.parametrize("text", [
    "They drank wine at dinner and beer after. Everyone drank a toast to the bride.",
    "She climbed the hundred and twelve steps to the top. At the top he poured whisky for both of them.",
    "The morning came up clean and blue. He drank a beer on the porch.",
])
def test_drinking_is_alcohol_not_alcoholism(text):
    got = found(text)
    assert "alcohol" in got
    assert "alcoholism" not in got


def test_the_twelve_steps_are_alcoholism():
    assert "alcoholism" in found("He worked the twelve steps with his sponsor and hadn't had a drink in a year.")

"""Sexual content group."""
import pytest

from tests.warnings_support import found


def test_sex_on_the_page():
    assert found("They had sex in the back seat, and she moaned his name.").get("sexual-content") in (
        "depicted", "graphic")


def test_explicit_sex_is_graphic():
    text = ("He thrust into her, hard and deep inside her, and she came with a cry. "
            "She spread her legs wider and he pounded into her until they both reached orgasm.")
    assert found(text)["sexual-content"] == "graphic"


def test_past_assault_is_a_mention():
    assert found("She had been raped years ago, and she still remembered the smell of him.")[
        "sexual-assault"] == "mention"


def test_assault_on_the_page():
    assert "sexual-assault" in found("He forced himself on her while she begged him to stop.")


@pytest.mark.parametrize("text", [
    "He cocked his head and smiled at her.",
    "She ordered a lemon tart and a tea.",
    "They talked about sex education in school.",
    "The opposite sex was a mystery to him.",
    "She groped for the light switch in the dark.",
    "The forced smile never reached his eyes.",
])
def test_sexual_lookalikes_do_not_fire(text):
    got = found(text)
    for wid in ("sexual-content", "sexual-assault", "underage", "incest"):
        assert wid not in got, (wid, text)


def test_older_english_seduction_is_a_mention_of_sexual_content():
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits

    ch = segment_text("Everyone in the village knew that the squire had seduced her.").chapters[0]
    hits = [h for h in chapter_hits(ch, accepted_only=True) if h.warning == "sexual-content"]
    assert hits and all(h.severity == "mention" for h in hits)


@pytest.mark.parametrize("text", [
    "Plans were drawn up for the erection of a new chapel.",
    "He had little taste for social intercourse with the neighbours.",
    "They went down on their way to the coast.",
])
def test_older_senses_of_sexual_words_are_look_alikes(text):
    from forewarn.text import segment_text
    from forewarn.warnings.detect import chapter_hits

    hits = chapter_hits(segment_text(text).chapters[0], accepted_only=True)
    assert "sexual-content" not in {h.warning for h in hits}

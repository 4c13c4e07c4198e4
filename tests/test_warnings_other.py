"""Other: infidelity, and context rules that apply to every warning."""
import pytest

from tests.warnings_support import found, report_for


def test_infidelity():
    assert "infidelity" in found("He had been cheating on his wife with her sister for a year.")


def test_hypothetical_is_a_mention():
    assert found("If he smoked a cigarette now, she would leave.")["smoking"] == "mention"


def test_a_closed_quotation_does_not_make_the_narration_hypothetical():
    # The threat is the speaker's; what the narration tells after the quote happens.
    assert found("“I'll light it now,” he said, and he smoked a cigarette.")["smoking"] == "depicted"
    assert found('"I\'ll light it now," he said, and he smoked a cigarette.')["smoking"] == "depicted"
    # Inside the quotation the modal still governs the words after it.
    assert found("“I'll light it and smoke a cigarette now,” he said.")["smoking"] == "mention"


def test_a_perfect_participle_tells_the_past():
    # "having perished" is told after the fact, like "had perished".
    assert found("A woman in white haunts the glen, having perished there in the snow.")["death"] == "mention"
    assert found("The old soldier, having been killed at the ford, lay under the willow.")["death"] == "mention"
    assert found("The traveller perished there in the snow.")["death"] == "depicted"


def test_a_past_perfect_further_back_in_the_clause_tells_the_past():
    # "had received ... on the battlefield": the participle makes "had" the past perfect.
    assert found("The old captain had received his death-wound on the battlefield far over the sea.")["war"] == "mention"
    # "had" as a main verb tells nothing of the past: the stabbing happens.
    assert found("The captain had a sword and a pistol, and he stabbed the guard twice.")["violence"] == "depicted"


def test_simile_does_not_fire():
    assert "gore" not in found("It felt like pulling her intestines out one by one.")


def test_evidence_points_at_the_passage():
    r = report_for("It rained.\n\nHe lit a cigarette and smoked it slowly.")
    f = r.finding("smoking")
    ev = f.evidence[0]
    assert ev.chapter == 1 and ev.paragraph == 1
    assert "cigarette" in ev.text
    assert f.evidence_count >= 1 and f.chapters == [1]


def test_lower_case_text_works():
    assert "smoking" in found("he lit a cigarette. she didn't drink.")


@pytest.mark.parametrize("text", [
    "He cheated at cards and lost anyway.",
    "She cheated on her diet with a doughnut.",
    "The whole affair was over in minutes.",
    "The headmistress rang the bell.",
    "That was a cheat day for both of them.",
])
def test_other_lookalikes_do_not_fire(text):
    assert "infidelity" not in found(text)


@pytest.mark.parametrize("text", [
    "Sorry for the wait! Trigger warnings: blood, violence, torture, mentions of death. "
    "The morning was quiet and the birds sang over the lake.",
    "Content warning: racism and kidnapping. Mira opened the bakery at six as always.",
])
def test_a_warning_list_in_the_text_shows_nothing(text):
    got = found(text)
    for wid in ("blood", "violence", "torture", "death", "racism", "kidnapping"):
        assert wid not in got, (wid, text)


def test_the_story_after_a_warning_list_still_counts():
    text = ("Warnings: spoilers for the finale. He stabbed the guard twice, "
            "and the blood pooled on the stone floor.")
    got = found(text)
    assert "blood" in got and "violence" in got


# A run-on sentence past 500 characters: token positions are bisected, not re-counted.
_RUN_ON = ", and then they walked along the river and looked at the boats" * 9


def test_negation_deep_in_a_long_sentence():
    assert "smoking" not in found("He sat by the window" + _RUN_ON + ", and he never smoked a cigarette.")
    assert found("He sat by the window" + _RUN_ON + ", and he lit a cigarette.")["smoking"] == "depicted"


def test_hypothetical_deep_in_a_long_sentence():
    assert found("If he sat by the window" + _RUN_ON + ", he smoked a cigarette.")["smoking"] == "mention"
    assert found("He sat by the window" + _RUN_ON + "; he smoked a cigarette.")["smoking"] == "depicted"


def test_long_sentence_tokens_match_short_path():
    from forewarn.warnings.context import Tokens
    text = "Oh. “No,” he’d said" + _RUN_ON + " — she wept; it’s late (again)!"
    long_tokens = Tokens.span(text, None, 4, len(text))
    short_count = [len(Tokens.span(text, None, 4, len(text))._pattern.findall(text, 4, min(o, len(text))))
                   for o in range(4, len(text) + 3)]
    assert [long_tokens.before(o) for o in range(4, len(text) + 3)] == short_count

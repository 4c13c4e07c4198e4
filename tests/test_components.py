"""Analyzers as named components in one registry."""
import pytest

from forewarn.components import LABELS_ONLY, REGISTRY, pipeline
from forewarn.pipeline import scan_work
from forewarn.work import Chapter, Work


def test_the_default_pipeline_satisfies_every_need():
    names = [c.name for c in pipeline()]
    assert names.index("story") < names.index("major-character-death")
    assert names.index("warning-decision") < names.index("rating")


def test_a_component_before_what_it_needs_is_refused():
    with pytest.raises(ValueError, match="needs hits"):
        pipeline(["warning-evidence"])
    with pytest.raises(ValueError, match="no component named"):
        pipeline(["spellcheck"])


def test_labels_only_fills_the_warnings_and_nothing_else():
    r = scan_work(Work(chapters=[Chapter('She lit a cigarette. "Stay," Tom said.')]),
                  pipeline(LABELS_ONLY))
    assert [f.id for f in r.warnings] == ["smoking"]
    assert r.story.quotes == [] and r.story.characters == [] and r.rating.reasons == []


def test_components_share_intermediate_results():
    seen = {}

    def spy(doc, report):
        seen["hits"] = sum(len(h) for h in doc.results["hits"])
        seen["characters"] = [c.name for c in doc.results["characters"]]

    comps = pipeline(["warning-candidates", "warning-evidence", "warning-decision", "story"])
    text = "Tom lit a cigarette. Tom smiled at Anna. Anna smiled at Tom. Tom smoked."
    scan_work(Work(chapters=[Chapter(text)]), [*comps, spy])
    assert seen["hits"] >= 1 and "Tom" in seen["characters"]
    assert REGISTRY["story"].adds == ("report.story", "characters")


def test_a_minor_death_is_not_a_major_character_death():
    text = ("Tom and Anna walked home. Tom laughed at Anna. Anna smiled at Tom. " * 3
            + "A stranger died in the road, and Anna held Tom's hand.")
    r = scan_work(Work(chapters=[Chapter(text)]))
    assert r.finding("major-character-death") is None


_TOM_AND_ANNA = "Tom and Anna walked home. Tom laughed at Anna. Anna smiled at Tom. " * 3


def test_a_main_characters_death_told_twice_after_the_fact_is_a_major_character_death():
    text = (_TOM_AND_ANNA + "\n\nA week after Tom's funeral, Anna went back to the farm alone."
            + "\n\nShe thought of the death of Tom every morning, and of the sea that drowned him.")
    r = scan_work(Work(chapters=[Chapter(text)]))
    f = r.finding("major-character-death")
    assert f is not None and f.evidence_count == 2


def test_a_main_characters_death_told_once_in_passing_is_not_enough():
    text = _TOM_AND_ANNA + "\n\nAnna dreamt that she stood at Tom's grave, and woke laughing."
    r = scan_work(Work(chapters=[Chapter(text)]))
    assert r.finding("major-character-death") is None

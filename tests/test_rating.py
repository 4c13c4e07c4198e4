"""Rating estimate and AO3 tags from the findings."""
from forewarn.rating import analyze, estimate_rating, suggest_tags
from forewarn.report import Finding, Report


def f(wid, group, severity):
    return Finding(wid, wid.title(), group, severity)


def test_nothing_found_is_general():
    assert estimate_rating([]).id == "general"


def test_mild_mentions_stay_general():
    assert estimate_rating([f("alcohol", "substances", "mention")]).id == "general"


def test_depicted_smoking_is_teen_with_reason():
    r = estimate_rating([f("smoking", "substances", "depicted")])
    assert r.id == "teen" and r.reasons == ["Smoking (depicted)"]


def test_graphic_violence_is_mature():
    assert estimate_rating([f("violence", "violence", "graphic")]).id == "mature"


def test_graphic_sex_is_explicit():
    assert estimate_rating([f("sexual-content", "sexual", "graphic"),
                            f("violence", "violence", "depicted")]).id == "explicit"


def test_archive_warnings_follow_severity():
    tags = suggest_tags([f("violence", "violence", "graphic"), f("sexual-assault", "sexual", "depicted")])
    assert tags.archive_warnings == ["Graphic Depictions Of Violence", "Rape/Non-Con"]
    assert suggest_tags([f("violence", "violence", "depicted")]).archive_warnings == ["No Archive Warnings Apply"]


def test_additional_tags_use_severity_spelling():
    tags = suggest_tags([f("suicide", "mental-health", "mention"), f("smoking", "substances", "depicted")])
    assert tags.additional == ["Implied/Referenced Suicide", "Smoking"]


def test_a_tag_appears_once_across_the_fields():
    tags = suggest_tags([f("violence", "violence", "graphic"), f("murder", "violence", "graphic"),
                         f("gore", "violence", "graphic")])
    assert tags.archive_warnings == ["Graphic Depictions Of Violence"]
    every = [t.casefold() for t in tags.archive_warnings + tags.additional]
    assert len(every) == len(set(every))
    assert "graphic depictions of violence" not in [t.casefold() for t in tags.additional]


def test_possible_findings_neither_rate_nor_tag():
    possible = Finding("suicide", "Suicide", "mental-health", "depicted", confidence="medium")
    r = Report(warnings=[possible, f("smoking", "substances", "depicted")])
    analyze(None, r)
    assert r.rating.reasons == ["Smoking (depicted)"]
    assert r.tags.additional == ["Smoking"]


def test_analyze_fills_report():
    r = Report(warnings=[f("death", "death", "mention")])
    analyze(None, r)
    assert r.tags.additional == ["Implied/Referenced Character Death"]
    assert r.rating.id == "general"

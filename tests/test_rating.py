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
    tags = suggest_tags([f("suicide", "mental-health", "mention"), f("violence", "violence", "graphic")])
    assert tags.additional == ["Implied/Referenced Suicide", "Graphic Depictions of Violence"]


def test_analyze_fills_report():
    r = Report(warnings=[f("death", "death", "mention")])
    analyze(None, r)
    assert r.tags.additional == ["Implied/Referenced Character Death"]
    assert r.rating.id == "general"

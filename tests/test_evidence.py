"""The evidence model, the work-level decision and the components around them."""
import pytest

from forewarn.pipeline import scan_work
from forewarn.text import segment_text
from forewarn.warnings.decide import confidence, need, work_probability
from forewarn.warnings.detect import chapter_hits
from forewarn.warnings.evidence import hit_features, model, score_chapter
from forewarn.work import Chapter, Work

SENTENCES = [
    "He stabbed the guard twice, and blood ran down the steps.",
    "'I'll kill you,' she whispered, and he laughed at her.",
    "Blood gushed from the wound as the soldier screamed in agony.",
    "She lit a cigarette and poured herself another glass of whisky.",
    "He never drank, but his father had died of drink.",
]


def _scored(text):
    ch = segment_text(text).chapters[0]
    hits = chapter_hits(ch, accepted_only=True)
    judged = [(h.severity, ch.in_dialogue(h.start)) for h in hits]
    score_chapter(ch, hits, words=10)
    return ch, hits, judged


@pytest.mark.parametrize("text", SENTENCES)
def test_the_scan_sums_the_same_features_as_training(text):
    ch, hits, judged = _scored(text)
    assert hits
    m = model()
    for h, (rule_severity, said) in zip(hits, judged):
        sent = ch.sentences[h.sentence]
        feats = hit_features(ch.text[sent.start:sent.end], h.start - sent.start,
                             h.end - sent.start, h.warning, h.kind, said, h.hypothetical,
                             rule_severity)
        surface = " ".join(ch.text[h.start:h.end].lower().split())
        assert m.probability(feats, h.warning, surface) == pytest.approx(h.p, abs=1e-9)


def test_features_name_the_term_its_neighbours_and_the_rules():
    f = hit_features("If he died, she said, the house would be sold.", 6, 10, "death", "terms",
                     False, hypothetical=True, rule_severity="mention")
    assert "t=death|died" in f and "l1=death|he" in f and "r1=death|she" in f
    assert "hyp" in f and "men" in f and "dlg" not in f


def test_names_are_not_features():
    f = hit_features("Tom stabbed the guard.", 4, 11, "violence", "terms", False)
    assert not any(x.startswith("s=") and x.endswith("|tom") for x in f)
    assert "l1=violence|NAME" in hit_features("Then Tom stabbed him.", 9, 16, "violence",
                                              "terms", False)


def test_a_look_alike_is_less_likely_than_the_real_thing():
    _, real, _ = _scored("She bought heroin from a dealer and injected it in the bathroom.")
    _, alike, _ = _scored("She stopped at the drug store for a newspaper on her way home.")
    p_real = max((h.p for h in real if h.warning == "drug-use"), default=0.0)
    p_alike = max((h.p for h in alike if h.warning == "drug-use"), default=0.0)
    assert p_real > p_alike


def test_a_long_work_needs_more_evidence_than_a_short_one():
    passages = [0.35, 0.35, 0.35]
    assert work_probability(passages, 3_000) >= 0.5 > work_probability(passages, 250_000)
    assert need(3_000) < need(250_000)


def test_one_sure_passage_is_enough_whatever_the_length():
    assert confidence(work_probability([0.95], 300_000)) == "high"
    assert confidence(work_probability([], 3_000)) is None


def test_findings_say_how_sure_they_are():
    r = scan_work(Work(chapters=[Chapter("He stabbed the guard again and again, and the man "
                                         "screamed as the blood ran over the stones.")]))
    f = r.finding("violence")
    assert f is not None and f.confidence in ("high", "medium") and 0.5 <= f.score <= 1.0
    assert all(e.p is not None and 0.0 < e.p < 1.0 for e in f.evidence)
    assert r.to_dict()["warnings"][0]["confidence"] in ("high", "medium")


def test_a_possible_warning_does_not_raise_the_rating():
    from forewarn.rating import analyze
    from forewarn.report import Finding, Report

    r = Report(warnings=[Finding("sexual-content", "Sexual content", "sexual", "graphic",
                                 score=0.6, confidence="medium")])
    analyze(None, r)
    assert r.rating.id != "explicit" and r.tags.additional == []


def test_a_framed_tale_is_narration_not_dialogue():
    tale = ('"' + "We sailed on through the dark. " * 120
            + 'Then the mate drew his knife and stabbed the man in the throat, and the blood '
            'ran over the deck," said the old sailor.')
    ch = segment_text(tale).chapters[0]
    assert ch.framed()
    hits = [h for h in chapter_hits(ch, accepted_only=True) if h.warning == "violence"]
    assert hits and all(h.severity != "mention" for h in hits)
    short = segment_text('"He stabbed the man," said the old sailor.').chapters[0]
    assert not short.framed()
    assert all(h.severity == "mention" for h in chapter_hits(short, accepted_only=True)
               if h.warning == "violence")


def test_the_packed_model_scores_like_the_whole_one():
    """The cached model unpacks its weights shard by shard, as hits need them; every hit
    gets the same p as from the model read whole from its data file."""
    import json

    from forewarn.package_data import data_path
    from forewarn.warnings.evidence import MODEL_FILE, EvidenceModel

    whole = EvidenceModel.from_dict(json.loads(data_path("forewarn.warnings", "data", MODEL_FILE)
                                               .read_bytes()))
    packed = EvidenceModel.from_dict(whole.to_dict()).pack()
    assert packed.weights == {} and packed.page.weights == {}
    for text in SENTENCES:
        ch, hits, judged = _scored(text)
        for h, (rule_severity, said) in zip(hits, judged):
            sent = ch.sentences[h.sentence]
            feats = hit_features(ch.text[sent.start:sent.end], h.start - sent.start,
                                 h.end - sent.start, h.warning, h.kind, said, h.hypothetical,
                                 rule_severity)
            surface = " ".join(ch.text[h.start:h.end].lower().split())
            assert packed.probability(feats, h.warning, surface) == \
                whole.probability(feats, h.warning, surface)
            assert packed.page.probability(feats, h.warning, surface) == \
                whole.page.probability(feats, h.warning, surface)
    assert packed.to_dict() == whole.to_dict()


def _weak_only_findings(monkeypatch, below_surest: bool) -> dict[str, str]:
    """Findings of a passage whose domestic violence is told only in weak words, with the
    ``single_weak`` bar just under its surest weak hit, or out of reach."""
    import dataclasses

    import forewarn.warnings.findings as findings
    from forewarn.warnings import find_hits
    from forewarn.warnings.decide import params

    doc = segment_text("Her husband came home drunk and hit her again; by morning her arm was "
                       "bruised from wrist to elbow.")
    hits = find_hits(doc, accepted_only=True)
    weak = [h for h in hits if h.warning == "domestic-violence"]
    assert weak and all(h.kind == "weak" for h in weak)
    bar = max(h.p for h in weak) - 0.01 if below_surest else 2.0
    monkeypatch.setattr(findings, "params",
                        lambda: dataclasses.replace(params(), single_weak=bar))
    return {f.id: f.severity for f in findings.build_findings(doc, hits)}


def test_weak_words_alone_report_a_warning_only_when_one_is_very_sure(monkeypatch):
    assert "domestic-violence" not in _weak_only_findings(monkeypatch, below_surest=False)
    assert _weak_only_findings(monkeypatch, below_surest=True)["domestic-violence"] == "mention"


def test_a_weak_word_inside_a_related_warnings_phrase_is_that_phrase_s():
    from forewarn.warnings import find_hits
    from forewarn.warnings.findings import _claimed_weak
    from forewarn.warnings.lexicon import compiled

    doc = segment_text("The mare bolted when the old elm came down across the lane, and Clara "
                       "was thrown; within a week of the fright she lost her baby.")
    hits = find_hits(doc, accepted_only=True)
    claimed = _claimed_weak(hits, compiled().related)
    baby = [h for h in hits if h.warning == "pregnancy" and h.kind == "weak"]
    phrase = [h for h in hits if h.warning == "miscarriage"]
    assert baby and phrase and all(id(h) in claimed for h in baby)
    assert not any(id(h) in claimed for h in phrase)

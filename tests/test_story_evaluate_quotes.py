"""`forewarn evaluate quotes`: LitBank readers, alignment, scoring (on tiny written fixtures)."""
from __future__ import annotations

from pathlib import Path

from forewarn.evaluate.quotes import (align, detokenise, evaluate_dir, label_names,
                                      speaker_matches)

BRAT = ("Nina met Oskar at the bakery .\n"
        "Oskar was cheerful , and he bought two rolls .\n"
        "“ Morning , ” said Oskar .\n"
        "“ Morning , ” said Nina .\n")
ANN = ("QUOTE\tQ1\t2\t0\t2\t3\t“ Morning , ”\n"
       "QUOTE\tQ2\t3\t0\t3\t3\t“ Morning , ”\n"
       "ATTRIB\tQ1\tOskar-1\nATTRIB\tQ2\tNina-0\n")
ORIGINAL = ("Title page\n\nNina met Oskar at the bakery. Oskar was cheerful, and he\nbought two rolls.\n\n"
            "“Morning,” said Oskar.\n\n“Morning,” said Nina.\n\nThe end.\n")


def make_dir(tmp_path: Path, with_original: bool) -> Path:
    tsv = tmp_path / "quotations" / "tsv"
    tsv.mkdir(parents=True)
    (tsv / "1_tale_brat.txt").write_text(BRAT, encoding="utf-8")
    (tsv / "1_tale_brat.ann").write_text(ANN, encoding="utf-8")
    if with_original:
        (tmp_path / "original").mkdir()
        (tmp_path / "original" / "1_tale.txt").write_text(ORIGINAL, encoding="utf-8")
    return tsv


def test_scores_aligned_to_the_full_text(tmp_path):
    s = evaluate_dir(make_dir(tmp_path, True))
    assert (s.aligned, s.detokenised) == (1, 0)
    assert (s.gold, s.gold_matched, s.predicted, s.predicted_matched) == (2, 2, 2, 2)
    assert (s.speaker_total, s.speaker_right) == (2, 2)
    assert "F1 1.000" in s.line()


def test_scores_on_detokenised_text_without_the_full_text(tmp_path):
    s = evaluate_dir(make_dir(tmp_path, False))
    assert (s.aligned, s.detokenised) == (0, 1)
    assert s.gold_matched == 2 and s.speaker_right == 2


def test_alignment_maps_characters_to_tokens():
    start, end, token_of = align(["do", "n't", "go", "."], "Oh, I said don't go.\n")
    assert "Oh, I said don't go.\n"[start:end] == "don't go."
    assert token_of[:5] == [0, 0, 1, 1, 1]


def test_detokenise_restores_spacing_and_paragraphs():
    text, owner = detokenise([["Hi", "."], ["“", "Go", "!", "”"], ["He", "did", "n't", "."]])
    assert text == "Hi.\n\n“Go!”\n\nHe didn't."
    assert len(owner) == len(text)


def test_label_names_and_speaker_matching():
    assert label_names("Mr__Sherlock_Holmes-1")[0] == {"sherlock", "holmes"}
    assert label_names("a_girl-3")[0] == set()
    assert label_names("I-8")[0] == set()
    assert speaker_matches("Mr__Sherlock_Holmes-1", ["Holmes"])
    assert not speaker_matches("Mr_Bennet-0", ["Mrs. Bennet"])


def test_cli_prints_the_figures(tmp_path, cli):
    out = cli("evaluate", "quotes", str(make_dir(tmp_path, True)))
    assert out.exit_code == 0
    assert "quote detection: precision" in out.output and "speaker accuracy:" in out.output


def test_cli_rejects_a_folder_without_litbank_files(tmp_path, cli):
    from click.testing import CliRunner
    from forewarn.cli import main

    res = CliRunner().invoke(main, ["evaluate", "quotes", str(tmp_path)])
    assert res.exit_code == 2
    assert "no LitBank" in res.output


def test_cli_errors_show_the_paragraphs_read(tmp_path, cli):
    tsv = make_dir(tmp_path, True)
    (tsv / "1_tale_brat.ann").write_text(ANN.replace("ATTRIB\tQ2\tNina-0", "ATTRIB\tQ2\tOskar-1"),
                                         encoding="utf-8")
    out = cli("evaluate", "quotes", str(tsv), "--errors", "--context", "2")
    assert out.exit_code == 0
    lines = out.output.splitlines()
    wrong = [i for i, ln in enumerate(lines) if ln.startswith("1_tale\tQ2\tgold=Oskar-1\tpred=Nina")]
    assert len(wrong) == 1
    assert lines[wrong[0] + 1:wrong[0] + 3] == ["    | “Morning,” said Oskar.", "    | “Morning,” said Nina."]

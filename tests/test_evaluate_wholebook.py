"""`forewarn evaluate quotes --novels`: whole-chapter speaker labels (tiny written fixture)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from forewarn.cli import main
from forewarn.evaluate.wholebook import gold_matches, read_split

TEXT = ("Nina met Oskar at the bakery. Oskar was cheerful, and he bought two rolls.\n\n"
        "\u201cMorning,\u201d said Oskar.\n\n\u201cMorning,\u201d said Nina.\n")


def _fixture(tmp_path: Path) -> tuple[Path, Path]:
    texts, labels = tmp_path / "texts", tmp_path / "labels"
    texts.mkdir()
    labels.mkdir()
    (texts / "1_tale.txt").write_text(TEXT, encoding="utf-8")
    a = TEXT.index("\u201cMorning")
    b = TEXT.index("\u201cMorning", a + 1)
    rows = [{"novel": "1_tale", "qid": "Q1", "chapter": 1, "start": a, "end": a + 10,
             "speaker": "Oskar", "type": "explicit"},
            {"novel": "1_tale", "qid": "Q2", "chapter": 1, "start": b, "end": b + 10,
             "speaker": "Nina", "type": "explicit"}]
    (labels / "1_tale.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (labels / "split.json").write_text(json.dumps({"tune": ["1_tale"], "heldout": []}))
    return labels, texts


def test_whole_novel_scores_by_type(tmp_path: Path) -> None:
    labels, texts = _fixture(tmp_path)
    r = CliRunner().invoke(main, ["evaluate", "quotes", "--novels", str(labels), "--texts", str(texts)])
    assert r.exit_code == 0, r.output
    assert "tune: speaker accuracy 1.000 (2/2); explicit 1.000 (2)" in r.output


def test_names_match_by_words_titles_and_first_names() -> None:
    assert gold_matches("Esther Summerson", ["Esther"], False)
    assert not gold_matches("Mr. Morel", ["Mrs. Morel"], False)
    assert not gold_matches("William Morel", ["Paul Morel"], False)
    assert gold_matches("NARRATOR", ["David"], True)
    assert not gold_matches("NARRATOR", ["David"], False)


def test_split_defaults_to_tuning(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("")
    assert read_split(tmp_path) == {"tune": ["a"]}


def test_repository_split_is_disjoint() -> None:
    split = read_split(Path(__file__).parent.parent / "data" / "annotations" / "speakers")
    assert len(split["tune"]) == len(split["heldout"]) == 4
    assert not set(split["tune"]) & set(split["heldout"])

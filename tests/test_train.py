"""`forewarn train`: the evidence model is fitted from the corpus, reproducibly."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from forewarn.cli import main
from forewarn.training.train import Example, balance_weights, cross_validate, fit

CORPUS = Path(__file__).resolve().parents[1] / "data" / "annotations"
SHIPPED = Path(__file__).resolve().parents[1] / "src" / "forewarn" / "warnings" / "data" / "evidence-model.json"


def _written(tmp_path, rows):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "written.jsonl").open("w", encoding="utf-8") as fh:
        for i, (warning, text, real) in enumerate(rows):
            fh.write(json.dumps({"id": f"w{i}", "warning": warning, "text": text, "real": real,
                                 "severity": "depicted" if real else None}) + "\n")
    return corpus


ROWS = [("smoking", "He lit a cigarette and smoked it on the porch.", 1),
        ("smoking", "She smoked a cigarette while the rain fell.", 1),
        ("smoking", "The chimney was smoking over the valley all night.", 0),
        ("smoking", "The smoking gun was found under the bed.", 0)] * 3


def test_training_twice_gives_the_same_weights(tmp_path):
    corpus = _written(tmp_path, ROWS)
    outs = []
    for name in ("a.json", "b.json"):
        r = CliRunner().invoke(main, ["train", "--corpus", str(corpus), "--out",
                                      str(tmp_path / name), "--folds", "2"])
        assert r.exit_code == 0, r.output
        assert "held-out folds" in r.output and "calibration" in r.output
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    model = json.loads(outs[0])
    assert model["weights"] and "page" in model


def test_an_empty_corpus_is_a_one_line_error(tmp_path):
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(main, ["train", "--corpus", str(tmp_path / "empty"),
                                  "--out", str(tmp_path / "m.json")])
    assert r.exit_code == 2 and "no judged candidates" in r.output


def test_the_model_learns_to_tell_real_from_look_alike():
    real = [Example(f"r{i}", "w", "x", ["b", "l1=w|he"], 1) for i in range(20)]
    alike = [Example(f"a{i}", "w", "x", ["b", "l1=w|chimney"], 0) for i in range(20)]
    m = fit(real + alike)
    assert m.probability(["b", "l1=w|he"], "w", "x") > 0.6 > 0.4 > m.probability(
        ["b", "l1=w|chimney"], "w", "x")
    preds = cross_validate(real + alike, 2)
    assert len(preds) == 40


def test_balancing_gives_each_class_of_a_warning_equal_say():
    ex = [Example("a", "w", "x", [], 1)] + [Example("a", "w", "x", [], 0)] * 3
    w = balance_weights(ex)
    assert sum(w[:1]) == pytest.approx(sum(w[1:]))


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "candidates.jsonl").is_file(), reason="no annotation corpus")
def test_the_shipped_weights_come_from_the_corpus(tmp_path):
    r = CliRunner().invoke(main, ["train", "--out", str(tmp_path / "m.json"), "--folds", "2"])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "m.json").read_text()) == json.loads(SHIPPED.read_text())

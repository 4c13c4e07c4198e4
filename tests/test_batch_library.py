"""`forewarn batch --library DB`: every scanned work is stored in the reader's library too."""
from __future__ import annotations

import json

from forewarn.library import Filters, Library

WORKS = [
    {"id": "lighthouse", "text": "The lighthouse keeper climbed the stairs every evening."},
    {"id": "orchard", "text": "Apples fell in the orchard all through September."},
    {"id": "blank", "text": ""},
]


def _corpus(tmp_path):
    src = tmp_path / "works.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in WORKS), encoding="utf-8")
    return src


def test_reports_go_to_the_library_and_the_results_file(cli, tmp_path):
    src, out, db = _corpus(tmp_path), tmp_path / "out.jsonl", tmp_path / "lib.sqlite3"
    res = cli("batch", str(src), "--out", str(out), "--library", str(db), "--workers", "1")
    assert res.exit_code == 0, res.output
    assert "library: 2 added, 0 updated" in res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    with Library(db) as lib:
        assert lib.count() == 2  # the empty work failed and is not stored
        [hit] = lib.search(Filters.parse(words="orchard"))
        assert hit.title == "orchard" and hit.words == 8


def test_a_rerun_updates_instead_of_duplicating(cli, tmp_path):
    src, db = _corpus(tmp_path), tmp_path / "lib.sqlite3"
    cli("batch", str(src), "--out", str(tmp_path / "a.jsonl"), "--library", str(db), "-q")
    res = cli("batch", str(src), "--out", str(tmp_path / "b.jsonl"), "--library", str(db))
    assert "library: 0 added, 2 updated" in res.output
    with Library(db) as lib:
        assert lib.count() == 2


def test_a_file_that_is_not_a_library_stops_the_run_before_any_work(cli, tmp_path):
    src, out, db = _corpus(tmp_path), tmp_path / "out.jsonl", tmp_path / "notes.db"
    db.write_text("shopping list: eggs, flour\n", encoding="utf-8")
    res = cli("batch", str(src), "--out", str(out), "--library", str(db))
    assert res.exit_code == 2 and "not a usable library database" in res.output
    assert not out.exists()
    assert db.read_text(encoding="utf-8") == "shopping list: eggs, flour\n"

"""The reader's library: add, re-add in place, list, show, remove, search and filters."""
from __future__ import annotations

import json
import sqlite3

import pytest

from forewarn.errors import UnusableInput
from forewarn.library import Filters, Library
from forewarn.library.schema import SCHEMA_VERSION, migrate
from forewarn.report import (Evidence, Finding, NoteInfo, Rating, Report, StoryFacts,
                             WorkInfo)


def make_report(title: str, key: str, warnings: dict[str, str] = {}, words: int = 1000,
                pov: str = "third", rating: str = "teen", summary: str = "") -> Report:
    notes = [NoteInfo("summary", summary)] if summary else []
    return Report(
        work=WorkInfo(title=title, words=words, chapters=2, content_hash=key, notes=notes),
        warnings=[Finding(wid, wid.title(), "other", sev, chapters=[1], evidence_count=1,
                          evidence=[Evidence(1, 0, 0, 5, "…")]) for wid, sev in warnings.items()],
        story=StoryFacts(pov=pov), rating=Rating(id=rating))


@pytest.fixture
def lib(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as library:
        yield library


@pytest.fixture
def shelf(lib):
    ids = {
        "harbour": lib.add(make_report("The Harbour", "h1", {"grief": "depicted",
                                                           "smoking": "mention"},
                                       words=3000, summary="A widow walks the pier."),
                           text="The boats came in under a grey sky.")[0],
        "garden": lib.add(make_report("Garden Party", "h2", {"grief": "mention"}, words=800,
                                      pov="first", rating="general"),
                          text="Lanterns hung in the apple trees.")[0],
        "storm": lib.add(make_report("Storm Season", "h3", {"suicide": "graphic"},
                                     words=25000, rating="mature"),
                         text="The storm broke the harbour wall.")[0],
    }
    return ids


def titles(works) -> list[str]:
    return sorted(w.title for w in works)


def test_add_then_show_returns_the_same_report(lib):
    report = make_report("Rain", "abc", {"grief": "depicted"})
    work_id, status = lib.add(report, text="It rained.")
    assert status == "added"
    stored = lib.get(work_id)
    assert stored is not None
    assert stored.report == report
    assert stored.summary.warnings == [("grief", "depicted")]


def test_re_adding_the_same_story_updates_in_place(lib):
    first_id, _ = lib.add(make_report("Draft title", "same", {"grief": "mention"}),
                          text="Old words about a lighthouse.")
    added_at = lib.get(first_id).added_at
    second_id, status = lib.add(make_report("Final title", "same", {"smoking": "depicted"}),
                                text="New words about a windmill.")
    assert (second_id, status) == (first_id, "updated")
    assert lib.count() == 1
    stored = lib.get(first_id)
    assert stored.summary.title == "Final title" and stored.added_at == added_at
    assert stored.summary.warnings == [("smoking", "depicted")]
    # the old findings and text are gone from the indexes
    assert lib.search(Filters.parse(include=["grief"])) == []
    assert lib.search(Filters.parse("lighthouse")) == []
    assert [w.id for w in lib.search(Filters.parse("windmill"))] == [first_id]


def test_list_and_remove(lib, shelf):
    assert titles(lib.list()) == ["Garden Party", "Storm Season", "The Harbour"]
    assert lib.remove(shelf["garden"]) is True
    assert lib.remove(shelf["garden"]) is False
    assert lib.get(shelf["garden"]) is None
    assert titles(lib.list()) == ["Storm Season", "The Harbour"]
    assert lib.search(Filters.parse("lanterns")) == []
    n = lib.conn.execute("SELECT count(*) FROM findings WHERE work_id = ?",
                         (shelf["garden"],)).fetchone()[0]
    assert n == 0


def test_full_text_search_covers_title_summary_and_text(lib, shelf):
    assert titles(lib.search(Filters.parse("garden"))) == ["Garden Party"]      # title
    assert titles(lib.search(Filters.parse("widow pier"))) == ["The Harbour"]   # summary
    assert titles(lib.search(Filters.parse("storm wall"))) == ["Storm Season"]  # text
    assert titles(lib.search(Filters.parse("harbour"))) == ["Storm Season", "The Harbour"]
    # words are all required; FTS syntax in the query is taken as words, not operators
    assert lib.search(Filters.parse("harbour lanterns")) == []
    assert titles(lib.search(Filters.parse('"garden" OR NEAR('))) == []


def test_exclude_respects_the_minimum_severity(lib, shelf):
    assert titles(lib.search(Filters.parse(exclude=["grief"]))) == ["Storm Season"]
    assert titles(lib.search(Filters.parse(exclude=["grief:depicted"]))) == \
        ["Garden Party", "Storm Season"]
    assert titles(lib.search(Filters.parse(exclude=["grief:graphic"]))) == \
        ["Garden Party", "Storm Season", "The Harbour"]


def test_include_rating_pov_and_length(lib, shelf):
    assert titles(lib.search(Filters.parse(include=["grief"]))) == ["Garden Party", "The Harbour"]
    assert titles(lib.search(Filters.parse(include=["grief:depicted"]))) == ["The Harbour"]
    assert titles(lib.search(Filters.parse(rating=["Mature"]))) == ["Storm Season"]
    assert titles(lib.search(Filters.parse(pov=["first"]))) == ["Garden Party"]
    assert titles(lib.search(Filters.parse(max_words=3000))) == ["Garden Party", "The Harbour"]
    combined = Filters.parse("harbour", exclude=["suicide"], max_words="5000")
    assert titles(lib.search(combined)) == ["The Harbour"]


def test_filters_reject_what_they_cannot_use():
    with pytest.raises(UnusableInput, match="severity"):
        Filters.parse(exclude=["grief:awful"])
    with pytest.raises(UnusableInput, match="not a known warning"):
        Filters.parse(exclude=["no-such-thing-at-all"])
    with pytest.raises(UnusableInput, match="whole number"):
        Filters.parse(max_words="lots")
    with pytest.raises(UnusableInput, match="no words"):
        Filters.parse("?!")


def test_warning_names_and_aliases_resolve_to_ids():
    assert Filters.parse(exclude=["Self Harm:depicted"]).exclude == {"self-harm": "depicted"}


def test_a_file_that_is_not_a_library_is_refused(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes, not a database\n" * 50)
    with pytest.raises(UnusableInput, match="not a usable library"):
        Library(bad)
    assert bad.read_text().startswith("just some notes")  # and left untouched


def test_a_newer_schema_is_refused_not_touched(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(UnusableInput, match="newer"):
        Library(path)


def test_migration_from_version_1_fills_the_fact_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, upto=1) == 1
    report = make_report("Old Story", "old", {"grief": "mention"}, pov="second", rating="teen")
    conn.execute("INSERT INTO works (content_hash, title, words, chapters, added_at, updated_at, "
                 "report_json) VALUES ('old', 'Old Story', 1000, 2, 't', 't', ?)",
                 (report.to_json(),))
    conn.execute("INSERT INTO works_fts (rowid, title, summary, notes, text) "
                 "VALUES (1, 'Old Story', '', '', 'a quiet lighthouse')")
    conn.close()
    with Library(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert titles(lib.search(Filters.parse(pov=["second"]))) == ["Old Story"]
        assert titles(lib.search(Filters.parse("lighthouse", rating=["teen"]))) == ["Old Story"]
        assert lib.get(1).report == report


def test_the_report_is_stored_as_json(lib):
    work_id, _ = lib.add(make_report("Json", "j"), text="x")
    raw = lib.conn.execute("SELECT report_json FROM works WHERE id = ?", (work_id,)).fetchone()[0]
    assert json.loads(raw)["work"]["title"] == "Json"


def test_real_scans_are_stored_and_found(tmp_path):
    from forewarn.pipeline import scan

    text = "Chapter 1\n\nThe ferry left at dawn.\n\nChapter 2\n\nGulls followed it home."
    with Library(tmp_path / "l.sqlite3") as lib:
        work_id, status = lib.add(scan(text), text=text)
        again_id, again = lib.add(scan(text), text=text)
        assert (status, again, again_id) == ("added", "updated", work_id)
        assert [w.id for w in lib.search(Filters.parse("gulls"))] == [work_id]
        assert lib.get(work_id).summary.chapters == 2


def test_text_with_lone_surrogates_is_stored_not_refused(lib):
    report = make_report("Odd \ud800 title", "odd")
    work_id, _ = lib.add(report, text="broken \udc80 text about a kettle")
    assert [w.id for w in lib.search(Filters.parse("kettle"))] == [work_id]
    assert lib.get(work_id).summary.title == "Odd \ufffd title"

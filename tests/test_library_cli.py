"""`forewarn library …` from the command line: add files and folders, list, show, search, remove."""
from __future__ import annotations

import json

from click.testing import CliRunner

from forewarn.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def make_folder(tmp_path):
    folder = tmp_path / "stories"
    (folder / "sub").mkdir(parents=True)
    (folder / "ferry.txt").write_text("The Ferry\n\nThe ferry left at dawn. Gulls followed it.\n")
    (folder / "sub" / "orchard.txt").write_text(
        "The Orchard\n\n" + "Apples fell in the orchard all afternoon. " * 400)
    (folder / "empty.txt").write_text("")
    (folder / ".hidden.txt").write_text("Never added.")
    (folder / "picture.png").write_bytes(b"\x89PNG not a story")
    return folder


def test_add_a_folder_list_search_show_remove(tmp_path):
    db = str(tmp_path / "lib.sqlite3")
    folder = make_folder(tmp_path)
    added = run("library", "add", str(folder), "--db", db)
    assert added.exit_code == 2  # the empty file could not be added …
    assert "empty.txt" in added.output and "2 added, 0 updated, 1 skipped" in added.output
    listing = json.loads(run("library", "list", "--json", "--db", db).output)
    assert sorted(w["title"] for w in listing) == ["ferry", "orchard"]  # … the rest was

    again = run("library", "add", str(folder / "ferry.txt"), "--db", db)
    assert again.exit_code == 0 and "0 added, 1 updated" in again.output
    assert len(json.loads(run("library", "list", "--json", "--db", db).output)) == 2

    found = json.loads(run("library", "search", "gulls", "--json", "--db", db).output)
    assert [w["title"] for w in found] == ["ferry"]
    short = json.loads(run("library", "search", "--max-words", "100", "--json", "--db", db).output)
    assert [w["title"] for w in short] == ["ferry"]
    ferry_id = found[0]["id"]

    shown = run("library", "show", str(ferry_id), "--db", db)
    assert shown.exit_code == 0 and "ferry" in shown.output
    table = run("library", "list", "--db", db)
    assert "orchard" in table.output and "ferry" in table.output

    removed = run("library", "remove", str(ferry_id), "--db", db)
    assert removed.exit_code == 0 and "ferry" in removed.output
    gone = run("library", "show", str(ferry_id), "--db", db)
    assert gone.exit_code == 2 and f"no work with id {ferry_id}" in gone.output


def test_the_database_can_come_from_the_environment(tmp_path):
    db = tmp_path / "env.sqlite3"
    story = tmp_path / "s.txt"
    story.write_text("A lantern glowed.")
    assert run("library", "add", str(story), env={"FOREWARN_DB": str(db)}).exit_code == 0
    assert db.exists()
    out = run("library", "list", "--json", env={"FOREWARN_DB": str(db)}).output
    assert len(json.loads(out)) == 1


def test_bad_filters_and_paths_are_one_line_errors(tmp_path):
    db = str(tmp_path / "lib.sqlite3")
    bad = run("library", "search", "--exclude", "grief:awful", "--db", db)
    assert bad.exit_code == 2 and "severity" in bad.output and "Traceback" not in bad.output
    missing = run("library", "add", str(tmp_path / "nope"), "--db", db)
    assert missing.exit_code == 2 and "no such file or folder" in missing.output

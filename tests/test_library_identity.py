"""Only forewarn's own databases are used as libraries: another application's SQLite file
is refused untouched, a damaged one is refused, and a read-only one is found out before
any scanning."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from forewarn.errors import UnusableInput
from forewarn.library import Library
from forewarn.library.schema import APPLICATION_ID


def _other_app(path: Path, app_id: int = 0) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("app_id", [0, 0x12345678])
def test_another_applications_database_is_refused_untouched(cli, tmp_path, app_id):
    db = tmp_path / "photos.db"
    before = _other_app(db, app_id)
    story = tmp_path / "s.txt"
    story.write_text("It rained on the harbour all night.", encoding="utf-8")
    res = cli("library", "add", str(story), "--db", str(db))
    assert res.exit_code == 2
    assert "not a forewarn library" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before
    assert not Path(str(db) + "-wal").exists()


def test_a_new_library_gets_forewarns_application_id(tmp_path):
    with Library(tmp_path / "lib.sqlite3"):
        pass
    conn = sqlite3.connect(tmp_path / "lib.sqlite3")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_library_made_before_the_application_id_is_adopted(tmp_path):
    db = tmp_path / "old.sqlite3"
    with Library(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 0")
    conn.commit()
    conn.close()
    with Library(db) as lib:
        assert lib.count() == 0
    assert sqlite3.connect(db).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_damaged_library_is_refused(cli, tmp_path):
    from forewarn.pipeline import scan

    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        for i in range(40):
            text = f"Story {i}. " + "It rained on the harbour all night. " * 200
            lib.add(scan(text), text=text)
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(db.read_bytes())
    page = 4096
    for p in range(2, len(raw) // page - 1):  # leave page 1 (the header) alone
        raw[p * page + 10:p * page + 40] = b"\xff" * 30
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(UnusableInput, match="damaged"):
        Library(damaged)
    story = tmp_path / "s.txt"
    story.write_text("It rained on the harbour all night.", encoding="utf-8")
    assert cli("library", "add", str(story), "--db", str(damaged)).exit_code == 2


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root to run the command as another user")
def test_a_read_only_library_is_found_out_before_scanning():
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="forewarn-ro-", dir="/tmp"))
    try:
        _read_only_run(tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _read_only_run(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.conn.execute("PRAGMA journal_mode = DELETE")
    folder = tmp_path / "stories"
    folder.mkdir()
    for i in range(3):
        (folder / f"s{i}.txt").write_text(f"It rained on harbour {i}.", encoding="utf-8")
    for p in (tmp_path, folder):
        p.chmod(0o755)
    for f in [db, *folder.iterdir()]:
        f.chmod(0o444)
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable,
           "-m", "forewarn", "library", "add", str(folder), "--db", str(db)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "FOREWARN_CACHE": "off", "HOME": str(tmp_path)})
    assert res.returncode == 2, res.stderr
    assert "readonly" in res.stderr or "cannot be written" in res.stderr, res.stderr
    assert "added" not in res.stdout and "skipped" not in res.stdout  # nothing was scanned
    assert len(res.stderr.strip().splitlines()) == 1


def test_ensure_writable_refuses_a_read_only_connection(tmp_path):
    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.ensure_writable()
        lib.conn.close()
        lib.conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
        with pytest.raises(UnusableInput, match="cannot be written"):
            lib.ensure_writable()

"""The library's SQLite schema and its migrations.

The schema version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is an ordered list;
migration *n* takes a database at version *n - 1* to version *n*. Each runs in its own
transaction together with the version bump, so an interrupted upgrade leaves the database
at the previous version, never half-migrated.

Example:
    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> migrate(conn)
    2
    >>> conn.execute("PRAGMA user_version").fetchone()[0]
    2
"""
from __future__ import annotations

import json
import sqlite3
from typing import Callable

from forewarn.errors import UnusableInput

_V1 = """
CREATE TABLE works (
    id           INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    authors      TEXT NOT NULL DEFAULT '',
    source_path  TEXT,
    format       TEXT,
    words        INTEGER NOT NULL DEFAULT 0,
    chapters     INTEGER NOT NULL DEFAULT 0,
    added_at     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    report_json  TEXT NOT NULL
);
CREATE TABLE findings (
    work_id        INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    warning        TEXT NOT NULL,
    severity       TEXT NOT NULL,
    rank           INTEGER NOT NULL,
    score          REAL NOT NULL DEFAULT 0,
    evidence_count INTEGER NOT NULL DEFAULT 0,
    chapters       TEXT NOT NULL DEFAULT '',
    declared       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (work_id, warning)
);
CREATE INDEX findings_by_warning ON findings (warning, rank);
CREATE VIRTUAL TABLE works_fts USING fts5 (
    title, summary, notes, text, tokenize = 'unicode61 remove_diacritics 2'
);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    """Story facts as columns (for the rating/POV filters), filled from the stored reports."""
    for column in ("rating", "pov", "tense", "language"):
        conn.execute(f"ALTER TABLE works ADD COLUMN {column} TEXT")
    conn.execute("CREATE INDEX works_by_words ON works (words)")
    rows = conn.execute("SELECT id, report_json FROM works").fetchall()
    for work_id, report_json in rows:
        data = json.loads(report_json)
        conn.execute(
            "UPDATE works SET rating = ?, pov = ?, tense = ?, language = ? WHERE id = ?",
            ((data.get("rating") or {}).get("id"), (data.get("story") or {}).get("pov"),
             (data.get("story") or {}).get("tense"), (data.get("work") or {}).get("language"),
             work_id))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION, label: str = "library") -> int:
    """Bring ``conn`` (opened with ``isolation_level=None``) up to version ``upto``.

    Returns the version reached. A database written by a newer forewarn is refused with
    :class:`~forewarn.errors.UnusableInput` rather than touched.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UnusableInput(f"{label}: database schema {version} is newer than this forewarn "
                            f"understands ({SCHEMA_VERSION}); upgrade forewarn")
    while version < upto:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read under the write lock: another process may have migrated meanwhile
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= upto:
                conn.execute("COMMIT")
                break
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version

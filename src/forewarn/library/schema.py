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
#: ``PRAGMA application_id`` of a forewarn library ("fwlb"): other files are refused.
APPLICATION_ID = 0x66776C62
_OWN_TABLES = {"works", "findings", "works_fts"}


def check_identity(conn: sqlite3.Connection, label: str = "library") -> None:
    """Refuse a database that is not a forewarn library, before touching it.

    A new (empty) file, forewarn's ``application_id``, or a library made before forewarn
    set one (its tables, and an ``application_id`` of 0) pass; anything else is
    :class:`~forewarn.errors.UnusableInput`.

    Example:
        >>> conn = sqlite3.connect(":memory:")
        >>> _ = conn.execute("CREATE TABLE photos (id INTEGER)")
        >>> check_identity(conn, "photos.db")
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: photos.db: not a forewarn library (another application's database); choose another --db
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id == 0 and (not tables or _OWN_TABLES <= tables):
        return
    raise UnusableInput(f"{label}: not a forewarn library (another application's database); "
                        "choose another --db")


def claim(conn: sqlite3.Connection) -> None:
    """Mark the database as a forewarn library (its ``application_id``), once."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.OperationalError:  # read-only: it can still be read
            pass
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

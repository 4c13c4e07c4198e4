"""The reader's library: scanned works and their reports in one SQLite file.

Every work is stored once (keyed by the hash of its story text): the report as JSON, one
row per finding (for warning filters), and a full-text index over title, summary, notes and
story text. Adding the same story again updates it in place. Each add is a single
transaction, so a process killed mid-add leaves the database as it was before.

Example:
    >>> from forewarn.pipeline import scan
    >>> lib = Library(":memory:")
    >>> work_id, status = lib.add(scan("It rained on the harbour all night."),
    ...                           text="It rained on the harbour all night.")
    >>> status, [w.id for w in lib.search(Filters.parse(words="harbour"))] == [work_id]
    ('added', True)
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from forewarn.errors import UnusableInput
from forewarn.library.filters import Filters
from forewarn.library.schema import check_identity, claim, migrate
from forewarn.report import SEVERITY_RANK, Report

ENV_DB = "FOREWARN_DB"
_NOTE_KINDS_SUMMARY = ("summary", "chapter-summary")


def default_db_path() -> Path:
    """``$FOREWARN_DB`` if set, else ``library.sqlite3`` in the per-user data directory.

    Example:
        >>> default_db_path().name.endswith(".sqlite3") or "FOREWARN_DB" in os.environ
        True
    """
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("forewarn", appauthor=False)) / "library.sqlite3"


@dataclass
class WorkSummary:
    """One line of a library listing."""

    id: int
    title: str | None
    authors: list[str]
    words: int
    chapters: int
    rating: str | None
    pov: str | None
    source_path: str | None
    updated_at: str
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (id, severity), worst first

    def to_dict(self) -> dict:
        """Plain data for the JSON API."""
        return {"id": self.id, "title": self.title, "authors": self.authors,
                "words": self.words, "chapters": self.chapters, "rating": self.rating,
                "pov": self.pov, "source_path": self.source_path, "updated_at": self.updated_at,
                "warnings": [{"id": w, "severity": s} for w, s in self.warnings]}


@dataclass
class StoredWork:
    """A work as stored: its summary plus the full report."""

    summary: WorkSummary
    added_at: str
    report: Report


def _clean(text: str) -> str:
    """SQLite stores UTF-8: lone surrogates become U+FFFD, valid text is unchanged."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class Library:
    """A library in one SQLite file (``":memory:"`` for a throwaway one).

    Use as a context manager or call :meth:`close`. Raises
    :class:`~forewarn.errors.UnusableInput` when the file is not a forewarn library.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise UnusableInput(f"{p}: is a directory, not a library database")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UnusableInput(f"{p}: cannot create its folder ({exc.strerror})") from None
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            check_identity(self.conn, self.path)  # before anything could change the file
            if self.path != ":memory:":
                _quick_check(self.conn, self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = FULL")
            migrate(self.conn, label=self.path)
            claim(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise UnusableInput(f"{self.path}: not a usable library database ({exc})") from None
        except UnusableInput:
            self.conn.close()
            raise

    def ensure_writable(self) -> None:
        """Raise :class:`UnusableInput` now, before any scanning, when the library cannot be
        written (a read-only file or folder, a locked or full disk).

        Example:
            >>> Library(":memory:").ensure_writable()
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                self.conn.execute(f"PRAGMA user_version = {int(version)}")
            finally:
                self.conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            raise UnusableInput(f"{self.path}: the library cannot be written ({exc})") from None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- writing -------------------------------------------------------------------------

    def add(self, report: Report, text: str = "") -> tuple[int, str]:
        """Store a report (and the story ``text`` for full-text search) in one transaction.

        Returns ``(id, "added")`` or ``(id, "updated")`` when a work with the same content
        hash was already there (it keeps its id and its ``added_at``).
        """
        key = report.work.content_hash
        if not key:
            import hashlib

            key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            report.work.content_hash = key
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        summary = "\n\n".join(n.text for n in report.work.notes if n.kind in _NOTE_KINDS_SUMMARY)
        notes = "\n\n".join(n.text for n in report.work.notes
                            if n.kind not in _NOTE_KINDS_SUMMARY)
        columns = {
            "title": report.work.title, "authors": "\n".join(report.work.authors),
            "source_path": report.source.path, "format": report.source.format,
            "words": report.work.words, "chapters": report.work.chapters,
            "rating": report.rating.id, "pov": report.story.pov, "tense": report.story.tense,
            "language": report.work.language, "updated_at": now,
            "report_json": report.to_json(indent=None),
        }
        columns = {k: _clean(v) if isinstance(v, str) else v for k, v in columns.items()}
        title, summary, notes, text = (_clean(s) for s in (report.work.title or "", summary,
                                                           notes, text))
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            row = c.execute("SELECT id FROM works WHERE content_hash = ?", (key,)).fetchone()
            if row:
                work_id, status = row[0], "updated"
                sets = ", ".join(f"{k} = ?" for k in columns)
                c.execute(f"UPDATE works SET {sets} WHERE id = ?", (*columns.values(), work_id))
                c.execute("DELETE FROM findings WHERE work_id = ?", (work_id,))
                c.execute("DELETE FROM works_fts WHERE rowid = ?", (work_id,))
            else:
                status = "added"
                cols = {**columns, "content_hash": key, "added_at": now}
                cur = c.execute(f"INSERT INTO works ({', '.join(cols)}) "
                                f"VALUES ({', '.join('?' * len(cols))})", tuple(cols.values()))
                work_id = int(cur.lastrowid)  # type: ignore[arg-type]
            c.executemany(
                "INSERT OR REPLACE INTO findings (work_id, warning, severity, rank, score, "
                "evidence_count, chapters, declared) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(work_id, f.id, f.severity, SEVERITY_RANK.get(f.severity, 1), f.score,
                  f.evidence_count, ",".join(map(str, f.chapters)), int(f.declared))
                 for f in report.warnings])
            c.execute("INSERT INTO works_fts (rowid, title, summary, notes, text) "
                      "VALUES (?, ?, ?, ?, ?)", (work_id, title, summary, notes, text))
            self._before_commit()
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return work_id, status

    def _before_commit(self) -> None:
        """Called inside the add transaction just before COMMIT (a seam for crash tests)."""

    def remove(self, work_id: int) -> bool:
        """Delete a work, its findings and its text index; False when there was no such id."""
        if not _valid_id(work_id):
            return False
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM works_fts WHERE rowid = ?", (work_id,))
            c.execute("DELETE FROM findings WHERE work_id = ?", (work_id,))
            gone = c.execute("DELETE FROM works WHERE id = ?", (work_id,)).rowcount
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return gone > 0

    # -- reading -------------------------------------------------------------------------

    def get(self, work_id: int) -> StoredWork | None:
        """The stored work with its full report, or None."""
        if not _valid_id(work_id):
            return None
        rows = self._summaries("w.id = ?", [work_id], order="w.id")
        if not rows:
            return None
        added, report_json = self.conn.execute(
            "SELECT added_at, report_json FROM works WHERE id = ?", (work_id,)).fetchone()
        return StoredWork(rows[0], added, Report.from_json(report_json))

    def list(self) -> list[WorkSummary]:
        """All works, most recently added or updated first."""
        return self._summaries("1", [], order="w.updated_at DESC, w.id DESC")

    def search(self, filters: Filters, limit: int | None = None) -> list[WorkSummary]:
        """Works matching ``filters``: best text match first when searching for words."""
        where, params = filters.sql()
        order = "w.updated_at DESC, w.id DESC"
        if filters.words:
            order = ("(SELECT bm25(works_fts, 10.0, 5.0, 2.0, 1.0) FROM works_fts "
                     "WHERE works_fts MATCH ? AND rowid = w.id), w.id")
            params = [*params, params[0]]
        try:
            return self._summaries(where, params, order=order, limit=limit)
        except sqlite3.OperationalError as exc:
            raise UnusableInput(f"search {filters.words!r}: {exc}") from None

    def warning_ids(self) -> list[str]:
        """The warning ids found in at least one stored work (sorted)."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT warning FROM findings ORDER BY warning")]

    def facet(self, column: str) -> list[str]:
        """Distinct non-empty values of ``rating`` or ``pov`` in the library."""
        if column not in ("rating", "pov"):
            raise ValueError(column)
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT {column} FROM works WHERE {column} IS NOT NULL "
            f"AND {column} != '' ORDER BY {column}")]

    def count(self) -> int:
        """Number of stored works."""
        return int(self.conn.execute("SELECT count(*) FROM works").fetchone()[0])

    def _summaries(self, where: str, params: list[object], order: str,
                   limit: int | None = None) -> list[WorkSummary]:
        sql = (f"SELECT w.id, w.title, w.authors, w.words, w.chapters, w.rating, w.pov, "
               f"w.source_path, w.updated_at FROM works AS w WHERE {where} ORDER BY {order}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = [WorkSummary(r[0], r[1], [a for a in (r[2] or "").split("\n") if a], r[3], r[4],
                           r[5], r[6], r[7], r[8])
               for r in self.conn.execute(sql, params)]
        by_id = {s.id: s for s in out}
        if by_id:
            marks = ", ".join("?" * len(by_id))
            for wid, warning, severity in self.conn.execute(
                    f"SELECT work_id, warning, severity FROM findings WHERE work_id IN ({marks}) "
                    f"ORDER BY rank DESC, score DESC, warning", list(by_id)):
                by_id[wid].warnings.append((warning, severity))
        return out


_CHECKED: set[tuple[str, int]] = set()  # (path, inode) already quick-checked in this process


def _quick_check(conn: sqlite3.Connection, path: str) -> None:
    """``PRAGMA quick_check`` the first time this process opens the file: a library with
    corrupted pages is refused instead of written to."""
    try:
        key = (os.path.realpath(path), os.stat(path).st_ino)
    except OSError:
        return  # a new file: nothing to check yet
    if key in _CHECKED:
        return
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        raise UnusableInput(f"{path}: the library database is damaged ({rows[0][0]}); "
                            "restore a backup or start a new one with --db")
    _CHECKED.add(key)


def _valid_id(work_id: int) -> bool:
    """Whether ``work_id`` can be a row id at all (SQLite ids are 64-bit signed).

    Example:
        >>> _valid_id(3), _valid_id(-1), _valid_id(2**64)
        (True, False, False)
    """
    return 0 <= work_id <= 2**63 - 1

"""Stream the works of a corpus, one :class:`Item` at a time, never the whole corpus at once.

Three input kinds are recognised:

- a **folder** (walked recursively, sorted; ids like ``stories/sub/a.txt``) or a single
  **story file** of any supported format (``.txt``, ``.md``, ``.html``, ``.epub`` …; its
  id is the path as given): the item carries the file's path and the worker reads it;
- **JSONL** with ``{"id", "text"}`` per line;
- PAN@CLEF 2023 ``works.jsonl`` with ``{"work_id", "text"}`` per line (the text is an
  HTML fragment of ``<p>`` paragraphs and ``<hr>`` scene breaks).

A ``.jsonl`` file's kind is told from its first record; ``.jsonl.gz`` is read through gzip.
A line that is not a usable record becomes an item with an ``error`` so that the run records
it and goes on.
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from forewarn.errors import UnusableInput

STORY_EXTENSIONS = (".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".epub")
JSONL_EXTENSIONS = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass
class Item:
    """One work to scan.

    ``kind`` is ``file`` (``path`` set; ``data`` may hold the file's bytes when they must
    travel to a remote worker), ``jsonl`` or ``pan`` (``text`` set), or ``bad`` (``error``
    set: the input line could not be used). ``size`` is the work's size in bytes, for
    MB/s figures.

    Example:
        >>> Item("a.txt", "file", path="a.txt", size=10).id
        'a.txt'
    """

    id: str
    kind: str
    path: str | None = None
    text: str | None = None
    data: bytes | None = None
    size: int = 0
    error: str | None = None


def iter_items(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """Yield the works of every input in order: folders, story files and JSONL files.

    Raises :class:`~forewarn.errors.UnusableInput` for an input that does not exist or is
    not one of the supported kinds.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "w.jsonl").write_text('{"id": "w1", "text": "It rained."}\\n')
        >>> [(i.id, i.kind, i.text) for i in iter_items([d / "w.jsonl"])]
        [('w1', 'jsonl', 'It rained.')]
    """
    for raw in inputs:
        p = Path(raw)
        if not p.exists():
            raise UnusableInput(f"{p}: no such file or folder")
        if p.is_dir():
            yield from _iter_folder(p, p.resolve().name or str(p.resolve()))
        elif _is_jsonl(p):
            yield from iter_jsonl(p)
        elif p.name.lower().endswith(STORY_EXTENSIONS) or p.is_file():
            yield _file_item(p)
        else:
            raise UnusableInput(f"{p}: not a folder, a story file or a JSONL file")


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Fail early, before any work starts, when an input is missing.

    Example:
        >>> check_inputs(["/no/such/corpus"])
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: /no/such/corpus: no such file or folder
    """
    for raw in inputs:
        p = Path(raw)
        if not p.exists():
            raise UnusableInput(f"{p}: no such file or folder")


def _is_jsonl(p: Path) -> bool:
    return p.name.lower().endswith(JSONL_EXTENSIONS)


def _file_item(p: Path, wid: str | None = None) -> Item:
    try:
        size = p.stat().st_size
    except OSError:
        size = 0
    return Item(id=wid or str(p), kind="file", path=str(p), size=size)


def _iter_folder(folder: Path, prefix: str) -> Iterator[Item]:
    """Story files under ``folder``, depth first in sorted order; hidden entries skipped.

    A work's id is the folder's own name and the path below it (``stories/sub/a.txt``),
    the same however the folder was named on the command line, so ``--resume`` works from
    another directory too.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UnusableInput(f"{folder}: cannot list folder ({exc.strerror or exc})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _iter_folder(p, f"{prefix}/{entry.name}")
        elif entry.name.lower().endswith(STORY_EXTENSIONS):
            if not entry.is_file():  # a FIFO, socket or device would block or never end
                yield Item(f"{prefix}/{entry.name}", "bad",
                           error=f"{p}: not a regular file (a FIFO, socket or device)")
                continue
            yield _file_item(p, f"{prefix}/{entry.name}")


def _open_lines(p: Path) -> IO[bytes]:
    try:
        if p.name.lower().endswith(".gz"):
            return gzip.open(p, "rb")  # type: ignore[return-value]
        return open(p, "rb")
    except OSError as exc:
        raise UnusableInput(f"{p}: cannot read ({exc.strerror or exc})") from None


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[Item]:
    """Stream a JSONL corpus: ``{"id", "text"}`` or PAN's ``{"work_id", "text"}`` lines.

    Blank lines are skipped. A line that is not JSON, or lacks an id or a text, yields an
    item of kind ``bad`` named ``FILE:LINE`` (or by its id when it has one).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "works.jsonl"
        >>> _ = p.write_text('{"work_id": "7", "text": "<p>Hi.</p>"}\\nnot json\\n')
        >>> [(i.id, i.kind) for i in iter_jsonl(p)]
        [('7', 'pan'), ('works.jsonl:2', 'bad')]
    """
    p = Path(path)
    with _open_lines(p) as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                yield _record_item(line, p, lineno)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise UnusableInput(f"{p}: cannot read ({exc})") from None


def _record_item(line: bytes, p: Path, lineno: int) -> Item:
    where = f"{p.name}:{lineno}"
    try:
        rec = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        why = getattr(exc, "msg", exc)
        return Item(id=where, kind="bad", error=f"{p}:{lineno}: not a JSON record ({why})")
    if not isinstance(rec, dict):
        return Item(id=where, kind="bad", error=f"{p}:{lineno}: not a JSON object")
    if "work_id" in rec:
        kind, wid = "pan", rec["work_id"]
    elif "id" in rec:
        kind, wid = "jsonl", rec["id"]
    else:
        return Item(id=where, kind="bad", error=f"{p}:{lineno}: no \"id\" or \"work_id\"")
    if not isinstance(wid, (str, int)) or isinstance(wid, bool):
        return Item(id=where, kind="bad", error=f"{p}:{lineno}: the id is not a string or number")
    wid = str(wid)
    text = rec.get("text")
    if not isinstance(text, str):
        return Item(id=wid, kind="bad", error=f"{p}:{lineno}: no \"text\" string")
    return Item(id=wid, kind=kind, text=text, size=len(line))

"""The JSONL results file: whole lines only, resumable after a crash.

Each chunk's lines are written with one unbuffered ``write`` of complete lines, so a run
that is killed leaves whole lines behind (the works in flight are simply missing). On
``resume`` the file is read back for the ids it already holds; a torn last line (a power
cut, a full disk) is cut off first, and a file with a broken line anywhere else is refused
rather than touched.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from forewarn.errors import ForewarnError, UnusableInput

_ID_KEY = {"report": "id", "pan": "work_id"}


class ResultsFile:
    """Append-only writer of result lines.

    ``done`` holds the ids already in the file when resuming (empty otherwise); ``repaired``
    is the number of bytes of torn tail that were cut off.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
        >>> with ResultsFile(p) as out:
        ...     out.write_lines(['{"id": "a", "error": "x"}'])
        >>> ResultsFile(p, resume=True).done
        {'a'}
    """

    def __init__(self, path: str | os.PathLike[str], fmt: str = "report", *,
                 resume: bool = False, overwrite: bool = False) -> None:
        self.path = Path(path)
        self.fmt = fmt
        self.done: set[str] = set()
        self.repaired = 0
        self.created = not self.path.exists()
        exists = not self.created and self.path.stat().st_size > 0
        if self.path.is_dir():
            raise UnusableInput(f"{self.path}: is a folder, not a results file")
        if exists and resume:
            self.repaired = repair_tail(self.path)
            self.done = read_ids(self.path, fmt)
        elif exists and not overwrite:
            raise UnusableInput(f"{self.path}: already exists; add --resume to continue it "
                                "or --overwrite to replace it")
        self._lock = threading.Lock()
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        if overwrite and not resume:
            flags |= os.O_TRUNC
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd: int | None = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise ForewarnError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    def write_lines(self, lines: list[str]) -> None:
        """Append whole lines (no newlines inside) with a single write, then return.

        Lines arriving after :meth:`close` are dropped (an interrupted run)."""
        if not lines:
            return
        try:
            data = ("\n".join(lines) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate from a JSON input: escape it
            data = b"".join(_encode_line(line) for line in lines)
        view = memoryview(data)
        with self._lock:
            if self._fd is None:
                return
            try:
                while view:
                    n = os.write(self._fd, view)
                    view = view[n:]
            except OSError as exc:
                raise ForewarnError(f"{self.path}: cannot write ({exc.strerror or exc})") from None

    def close(self) -> None:
        """Flush to disk and close (idempotent)."""
        with self._lock:
            if self._fd is not None:
                try:
                    os.fsync(self._fd)
                except OSError:
                    pass
                os.close(self._fd)
                self._fd = None

    def discard_if_unused(self) -> None:
        """Close, and remove the file when this run created it and wrote nothing."""
        self.close()
        try:
            if self.created and self.path.stat().st_size == 0:
                self.path.unlink()
        except OSError:
            pass

    def __enter__(self) -> "ResultsFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _encode_line(line: str) -> bytes:
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(json.loads(line), ensure_ascii=True).encode("ascii") + b"\n"


def repair_tail(path: str | os.PathLike[str]) -> int:
    """Cut off a last line that has no newline or is not JSON; return the bytes removed.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
        >>> _ = p.write_bytes(b'{"id": "a"}\\n{"id": "b", "err')
        >>> repair_tail(p), p.read_bytes()
        (16, b'{"id": "a"}\\n')
    """
    p = Path(path)
    size = p.stat().st_size
    if size == 0:
        return 0
    with open(p, "r+b") as fh:
        end = _last_newline(fh, size)  # offset just after the last b"\n", 0 if none
        cut = end
        if end == size:  # ends with a newline: is the last whole line readable?
            start = _last_newline(fh, size - 1)
            fh.seek(start)
            last = fh.read(size - start)
            if last.strip() and not _parses(last):
                cut = start
            else:
                return 0
        fh.truncate(cut)
        fh.flush()
        os.fsync(fh.fileno())
    return size - cut


def _last_newline(fh, limit: int) -> int:  # type: ignore[no-untyped-def]
    """Offset just after the last newline before ``limit`` (0 when there is none)."""
    block = 1 << 16
    pos = limit
    while pos > 0:
        start = max(0, pos - block)
        fh.seek(start)
        chunk = fh.read(pos - start)
        i = chunk.rfind(b"\n")
        if i >= 0:
            return start + i + 1
        pos = start
    return 0


def _parses(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def read_ids(path: str | os.PathLike[str], fmt: str = "report") -> set[str]:
    """The ids a results file already holds (streamed; the file is never loaded at once).

    Raises :class:`~forewarn.errors.UnusableInput` when a line is broken or was written in
    the other format, so that resuming never mixes or corrupts results.
    """
    p = Path(path)
    key, other = _ID_KEY[fmt], _ID_KEY["pan" if fmt == "report" else "report"]
    ids: set[str] = set()
    with open(p, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                raise UnusableInput(f"{p}:{lineno}: not a JSON line; cannot resume this "
                                    "file") from None
            if not isinstance(rec, dict):
                raise UnusableInput(f"{p}:{lineno}: not a JSON object; cannot resume this file")
            if key in rec:
                ids.add(str(rec[key]))
            elif other in rec:
                raise UnusableInput(f"{p}: holds --format {'pan' if fmt == 'report' else 'report'} "
                                    f"lines; resume it with that format")
            else:
                raise UnusableInput(f"{p}:{lineno}: a line without \"{key}\"; cannot resume "
                                    "this file")
    return ids

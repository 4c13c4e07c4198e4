"""Read a story from a path, text or bytes into a :class:`~forewarn.work.Work`.

The format is sniffed from the content (zip magic → EPUB, markup → HTML, else plain text),
with the file extension only as a hint. Unusable input raises
:class:`~forewarn.errors.UnusableInput` with a one-line message naming the source.
"""
from __future__ import annotations

import os
import struct
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from forewarn.errors import UnusableInput
from forewarn.ingest.decode import decode_text
from forewarn.ingest.limits import megabytes_from_env
from forewarn.ingest.sniff import sniff
from forewarn.work import Work

MAX_PATH_LIKE = 4096
#: Largest input read, in MB (``$FOREWARN_MAX_INPUT_MB`` changes it).
MAX_INPUT_MB = 200
ENV_MAX_INPUT = "FOREWARN_MAX_INPUT_MB"
#: What parsers and decompressors raise on malformed bytes
DECODING_ERRORS = (zlib.error, UnicodeError, LookupError, EOFError, struct.error)
_EXTENSIONS = (".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".epub")


def load_bytes(data: bytes, name: str | None = None, fmt: str | None = None) -> Work:
    """Parse a file's bytes; ``name`` is used in messages and as a title of last resort.

    Example:
        >>> load_bytes(b"It rained.", name="rain.txt").chapters[0].text
        'It rained.'
    """
    label = name or "<bytes>"
    with decoding_errors(label):
        work = _parse_bytes(data, name, label, fmt or sniff(data, name))
    if name and name not in ("-", "<stdin>", "<bytes>", "<text>"):
        work.source_path = name
    _check_not_empty(work, label)
    return work


@contextmanager
def decoding_errors(label: str) -> Iterator[None]:
    """Turn an error a parser or decompressor raises on malformed input into
    :class:`UnusableInput` naming the source (never a traceback, exit 2, HTTP 400).

    Example:
        >>> with decoding_errors("x.epub"):
        ...     raise zlib.error("invalid stored block lengths")
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: x.epub: cannot be read (invalid stored block lengths)
    """
    try:
        yield
    except RecursionError:
        raise UnusableInput(f"{label}: cannot be read (structure nested too deeply)") from None
    except DECODING_ERRORS as exc:
        raise UnusableInput(f"{label}: cannot be read ({exc})") from None


def _parse_bytes(data: bytes, name: str | None, label: str, fmt: str) -> Work:
    if fmt == "epub":
        from forewarn.ingest.epub import parse_epub

        work = parse_epub(data, label)
    elif fmt == "html":
        from forewarn.ingest.ao3html import parse_html

        work = parse_html(decode_text(data, label), label)
    else:
        from forewarn.ingest.plaintext import parse_text

        work = parse_text(decode_text(data, label), label)
        if name and not work.title and not name.startswith("<"):
            work.title = Path(name).stem
    return work


def max_input_bytes() -> int:
    """The largest input forewarn reads: ``$FOREWARN_MAX_INPUT_MB`` MB, else 200 MB.

    Example:
        >>> max_input_bytes() // (1024 * 1024)
        200
    """
    return megabytes_from_env(ENV_MAX_INPUT, MAX_INPUT_MB)


def _too_big(label: str, limit: int) -> UnusableInput:
    return UnusableInput(f"{label}: larger than the input limit of {limit / (1024 * 1024):.3g} MB "
                         f"(set {ENV_MAX_INPUT} to allow more)")


def read_limited(stream: BinaryIO, label: str = "<stdin>") -> bytes:
    """Read a stream to its end, refusing more than :func:`max_input_bytes`.

    Example:
        >>> import io
        >>> read_limited(io.BytesIO(b"It rained."))
        b'It rained.'
    """
    limit = max_input_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(label, limit)
    return data


def load_path(path: str | os.PathLike[str]) -> Work:
    """Read a story file of any supported format.

    Example:
        >>> load_path("/no/such/story.txt")
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: /no/such/story.txt: no such file
    """
    p = Path(path)
    if not p.exists():
        raise UnusableInput(f"{p}: no such file")
    if p.is_dir():
        raise UnusableInput(f"{p}: is a directory, not a story file")
    if not p.is_file():
        raise UnusableInput(f"{p}: not a regular file (a FIFO, socket or device), not a story")
    limit = max_input_bytes()
    try:
        if p.stat().st_size > limit:
            raise _too_big(str(p), limit)
        with p.open("rb") as fh:
            data = read_limited(fh, str(p))
    except OSError as exc:
        raise UnusableInput(f"{p}: cannot read ({exc.strerror or exc})") from None
    return load_bytes(data, str(p))


def load_text(text: str, name: str | None = None) -> Work:
    """Parse story text given as a ``str`` (markup in it is sniffed as HTML).

    Example:
        >>> load_text("Chapter 1\\n\\nIt rained.").chapters[0].title
        'Chapter 1'
    """
    label = name or "<text>"
    head = text.lstrip()[:2048].lower()
    with decoding_errors(label):
        if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
            from forewarn.ingest.ao3html import parse_html

            work = parse_html(text, label)
        else:
            from forewarn.ingest.plaintext import parse_text

            work = parse_text(text, label)
    _check_not_empty(work, label)
    return work


def load(source: str | bytes | os.PathLike[str], name: str | None = None) -> Work:
    """Read ``source``: a path, the story text as ``str``, or a file's ``bytes``.

    A ``str`` is taken as a path when it is one line naming an existing file, or one line
    ending in a story extension (then a missing file is an error, not a one-line story).

    Example:
        >>> load("It rained. Then it stopped.").chapters[0].text
        'It rained. Then it stopped.'
    """
    if isinstance(source, bytes):
        return load_bytes(source, name)
    if isinstance(source, os.PathLike):
        return load_path(source)
    if _looks_like_path(source):
        return load_path(source)
    return load_text(source, name)


def _looks_like_path(s: str) -> bool:
    if not s or "\n" in s or len(s) > MAX_PATH_LIKE:
        return False
    if os.path.exists(s):
        return True
    return s.strip().lower().endswith(_EXTENSIONS) and len(s.split()) <= 3


def _check_not_empty(work: Work, label: str) -> None:
    if not any(c.text.strip() for c in work.chapters):
        if _archive_says_no_words(work):
            return  # a fanvid or fanart: a valid work of 0 words, its tags still count
        if work.notes:
            raise UnusableInput(f"{label}: no story text (only notes)")
        raise UnusableInput(f"{label}: file is empty (no story text)")


def _archive_says_no_words(work: Work) -> bool:
    """True for an archive download whose stats say "Words: 0" (a fanvid, fanart, a podfic).

    Example:
        >>> _archive_says_no_words(Work(stats={"words": "0"})), _archive_says_no_words(Work())
        (True, False)
    """
    return work.stats.get("words", "").replace(",", "").strip() == "0"

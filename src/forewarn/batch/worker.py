"""What one worker does with a chunk of items: read, scan, and serialise the output lines.

Everything here runs in a worker process (local pool or Dask), so it only takes and returns
plain picklable data, and it never raises for a bad work: the failure becomes an error line
and the run goes on.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Sequence

from forewarn.batch.items import Item
from forewarn.errors import ForewarnError, UnusableInput
from forewarn.report import Report
from forewarn.work import Work

FORMATS = ("report", "pan")


@dataclass(frozen=True)
class ScanOptions:
    """What a worker writes for each work.

    ``fmt`` is ``report`` or ``pan``; ``keep_report`` returns the Report and story text too
    (for the library); ``lean`` leaves the list of quotes and the text of the evidence out
    of report lines (evidence offsets, speakers' quote counts and the dialogue share stay),
    which makes a novel's line some 30 times smaller (Bleak House: 1.5 MB → 44 KB).
    """

    fmt: str = "report"
    keep_report: bool = False
    lean: bool = False
    timeout: float | None = None  # seconds per work, in a local pool worker


@dataclass
class Result:
    """The outcome of one item: its output ``line`` (JSON, no newline) and, when the
    library wants it, the :class:`~forewarn.report.Report` itself."""

    id: str
    line: str
    size: int
    error: str | None = None
    report: Report | None = None
    text: str | None = None  # the story text, with the report, for the library's search


# -- PAN text: HTML fragments of <p> paragraphs and <hr> scene breaks ------------------

_HR = re.compile(r"<hr\b[^>]*>", re.I)
_PARA_END = re.compile(r"</p\s*>|<p\b[^>]*>|</div\s*>|<div\b[^>]*>|</h[1-6]\s*>|</li\s*>", re.I)
_BR = re.compile(r"<br\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_FRAGMENT_HEAD = re.compile(r"\s*<(?:p|div|hr|br|i|em|b|strong|span|h[1-6]|blockquote)\b", re.I)


def looks_like_fragment(text: str) -> bool:
    """True for HTML fragment text such as PAN's ``<div class="userstuff"><p>…``.

    Example:
        >>> looks_like_fragment('<div class="userstuff"><p>Hi.</p></div>')
        True
        >>> looks_like_fragment("Hi <3 you.")
        False
    """
    return bool(_FRAGMENT_HEAD.match(text[:200]))


def fragment_to_text(fragment: str) -> str:
    """Turn an HTML fragment into plain story text: one paragraph per ``<p>``, ``<hr>`` as
    a ``* * *`` scene break, tags dropped and entities decoded.

    Example:
        >>> fragment_to_text("<p>It rained.</p><hr><p>Tom &amp; Ann <i>ran</i>.</p>")
        'It rained.\\n\\n* * *\\n\\nTom & Ann ran.'
    """
    text = _HR.sub("\n\n* * *\n\n", fragment)
    text = _PARA_END.sub("\n\n", text)
    text = _BR.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return _BLANKS.sub("\n\n", text).strip()


def work_from_item(item: Item) -> Work:
    """Read an item into a :class:`~forewarn.work.Work` (raises ``UnusableInput``).

    Example:
        >>> work_from_item(Item("7", "pan", text="<p>It rained.</p>")).chapters[0].text
        'It rained.'
    """
    from forewarn.ingest import load_bytes, load_path, load_text

    if item.kind == "bad":
        raise UnusableInput(item.error or f"{item.id}: unusable record")
    if item.kind == "file":
        if item.data is not None:
            return load_bytes(item.data, item.path)
        return load_path(item.path or item.id)
    text = item.text or ""
    if looks_like_fragment(text):
        text = fragment_to_text(text)
    work = load_text(text, item.id)
    work.title = work.title or item.id  # the id is the title of last resort, like a file name
    if item.kind == "pan":
        work.source_format = "pan"
    return work


def scan_item(item: Item, opts: ScanOptions = ScanOptions()) -> Result:
    """Scan one item and build its output line; any failure becomes an error line.

    Example:
        >>> r = scan_item(Item("w1", "jsonl", text=""))
        >>> json.loads(r.line)["id"], r.error is not None
        ('w1', True)
    """
    from forewarn.pipeline import scan_work

    from forewarn.batch.guard import WorkTimeout, time_limit

    fmt, keep_report = opts.fmt, opts.keep_report
    try:
        with time_limit(opts.timeout):
            work = work_from_item(item)
            report = scan_work(work, _analyzers(fmt, keep_report))
            line = _line(item.id, _leaned(report) if opts.lean else report, fmt)
    except WorkTimeout:
        return error_result(item, fmt, f"{item.id}: timed out (took longer than the "
                                       f"--timeout of {opts.timeout:g} s)")
    except ForewarnError as exc:
        return error_result(item, fmt, str(exc))
    except RecursionError:
        return error_result(item, fmt, f"{item.id}: too deeply nested to read")
    except Exception as exc:  # a bug or a pathological input must not stop the run
        return error_result(item, fmt, f"{item.id}: {type(exc).__name__}: {exc}")
    if keep_report:
        return Result(item.id, line, item.size, report=report, text=work.story_text())
    return Result(item.id, line, item.size)


def scan_chunk(chunk: Sequence[Item], opts: ScanOptions = ScanOptions()) -> list[Result]:
    """Scan a chunk of items in order (the unit of work sent to a worker)."""
    return [scan_item(item, opts) for item in chunk]


def _leaned(report: Report) -> Report:
    """A copy of the report without the quote list and the evidence text (offsets kept)."""
    from dataclasses import replace

    story = replace(report.story, quotes=[])
    warnings = [replace(f, evidence=[replace(e, text="") for e in f.evidence])
                for f in report.warnings]
    return replace(report, story=story, warnings=warnings)


def warm_up(parent_pid: int | None = None) -> None:
    """Import the pipeline and its data once per worker, before the first real work; with
    ``parent_pid``, the worker exits when that process (the batch) dies."""
    from forewarn.pipeline import scan_work

    if parent_pid is not None:
        from forewarn.batch.guard import watch_parent

        watch_parent(parent_pid)
    from forewarn.work import Chapter

    scan_work(Work(title="warm-up", chapters=[Chapter("She lit a cigarette. \"Stay,\" he said.")]))


def _analyzers(fmt: str, keep_report: bool):  # type: ignore[no-untyped-def]
    if fmt == "pan" and not keep_report:
        from forewarn.components import LABELS_ONLY, pipeline

        return pipeline(LABELS_ONLY)  # PAN lines only carry the warnings' labels
    return None


def _line(wid: str, report: Report, fmt: str) -> str:
    if fmt == "pan":
        from forewarn.batch.pan import pan_labels

        return _dumps({"work_id": wid, "labels": pan_labels(report)})
    data = {"id": wid}
    data.update(report.to_dict())
    return _dumps(data)


def error_result(item: Item, fmt: str, message: str) -> Result:
    """The error line of a work that could not be scanned (the message on one line)."""
    message = " ".join(message.split())
    if fmt == "pan":
        rec = {"work_id": item.id, "labels": [], "error": message}
    else:
        rec = {"id": item.id, "error": message}
    return Result(item.id, _dumps(rec), item.size, error=message)


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

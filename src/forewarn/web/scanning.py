"""Turning what a request carries (text, an uploaded file) into a Work and its Report."""
from __future__ import annotations

from dataclasses import dataclass

from forewarn.errors import UnusableInput
from forewarn.report import Report
from forewarn.work import Work


@dataclass
class Scanned:
    """A scanned story: the work (for its text) and its report."""

    work: Work
    report: Report


def scan_input(text: str | None = None, data: bytes | None = None, filename: str | None = None,
               title: str | None = None) -> Scanned:
    """Scan pasted ``text`` or an uploaded file's ``data``; UnusableInput says what is wrong.

    Example:
        >>> scan_input(text="It rained on the harbour.", title="Rain").report.work.title
        'Rain'
    """
    from forewarn.ingest import load_bytes, load_text
    from forewarn.pipeline import scan_work

    if data:
        name = _safe_name(filename) or "upload"
        work = load_bytes(data, name)
        work.source_path = name
    elif text is not None and text.strip():
        work = load_text(_clean(text).replace("\r\n", "\n"), "pasted text")
        work.source_path = None
    else:
        raise UnusableInput("scan: no story given (paste some text or choose a file)")
    if title and title.strip():
        work.title = title.strip()[:300]
    try:
        report = scan_work(work)
    except UnusableInput:
        raise
    except (ValueError, UnicodeError, RecursionError) as exc:
        raise UnusableInput(f"{work.source_path or 'text'}: could not be analysed ({exc})") from None
    return Scanned(work, report)


def _clean(text: str) -> str:
    """Lone surrogates (possible in JSON escapes) become U+FFFD; valid text is unchanged."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _safe_name(filename: str | None) -> str | None:
    if not filename:
        return None
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base[:200] or None

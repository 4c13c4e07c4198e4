"""Tell a story file's format from its first bytes (extension only as a tie-breaker)."""
from __future__ import annotations

import io

from forewarn.errors import UnusableInput

_BINARY_MAGIC = {
    b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"\x7fELF": "an executable", b"\x1f\x8b": "gzip data",
    b"MZ": "an executable", b"SQLite format 3": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Office document", b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive",
}


def sniff(data: bytes, name: str | None = None) -> str:
    """Return ``epub``, ``html`` or ``text`` for a file's bytes.

    Example:
        >>> sniff(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
        'html'
        >>> sniff(b"Just words.")
        'text'
    """
    label = name or "<bytes>"
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        import zipfile  # only for what looks like a zip: most stories are text

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            raise UnusableInput(f"{label}: broken EPUB (not a readable zip archive)") from None
        if "META-INF/container.xml" in names or "mimetype" in names:
            return "epub"
        raise UnusableInput(f"{label}: a zip archive but not an EPUB (no META-INF/container.xml)")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnusableInput(f"{label}: binary file ({what}), not a story")
    if (name or "").lower().endswith(".epub"):
        raise UnusableInput(f"{label}: broken EPUB (not a zip archive)")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", "ignore").lstrip("\ufeff \t\r\n").encode("utf-8", "ignore")
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return "text"

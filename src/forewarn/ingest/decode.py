"""Bytes → text: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), cp1252 fallback."""
from __future__ import annotations

from forewarn.errors import UnusableInput

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def decode_text(data: bytes, label: str = "<bytes>") -> str:
    """Decode a text file, refusing binary data with a clear message.

    Example:
        >>> decode_text("café".encode("utf-16"))
        'café'
        >>> decode_text(b"caf\\xe9")
        'café'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", label)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", label)
    sample = data[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return _strict(data, "utf-16-le", label)
        if even > len(sample) // 4 and odd == 0:
            return _strict(data, "utf-16-be", label)
        raise UnusableInput(f"{label}: binary file (contains NUL bytes), not a story")
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls > max(2, len(sample) // 100):
        raise UnusableInput(f"{label}: binary file (control bytes), not a story")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnusableInput(
            f"{label}: undecodable bytes at offset {exc.start} (not UTF-8, UTF-16 or cp1252)"
        ) from None


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise UnusableInput(f"{label}: undecodable {encoding} bytes at offset {exc.start}") from None

"""Named dicts packed with ``marshal``, unpacked one by one when first needed.

A big table cached in the user cache folder (the evidence model's weights) costs its whole
size to unpickle, though one short story reads a few of its parts. :class:`Shards` keeps
each part as a ``marshal`` blob (bytes unpickle as one copy) and unpacks a part when it is
taken. Unpickling checks a CRC of every blob, so a damaged cache entry fails to load (and
is rebuilt) instead of failing half-way through a scan.

Example:
    >>> import pickle
    >>> s = pickle.loads(pickle.dumps(Shards({"a": {"x": 1.0}, "b": {"y": 2.0}})))
    >>> s.take("a"), s.take("a"), sorted(s.names())
    ({'x': 1.0}, None, ['b'])
"""
from __future__ import annotations

import marshal
import threading
import zlib
from collections.abc import Iterator, Mapping
from typing import Any


def _crc(blobs: Mapping[str, bytes]) -> int:
    crc = 0
    for name in sorted(blobs):
        crc = zlib.crc32(blobs[name], zlib.crc32(name.encode("utf-8", "surrogatepass"), crc))
    return crc


class Shards:
    """Dicts (of marshal-able keys and values) under names; each one taken at most once."""

    def __init__(self, parts: Mapping[str, Mapping[Any, Any]]) -> None:
        self._blobs = {name: marshal.dumps(dict(part)) for name, part in parts.items()}
        self._lock = threading.Lock()

    def __getstate__(self) -> tuple[dict[str, bytes], int]:
        with self._lock:
            return dict(self._blobs), _crc(self._blobs)

    def __setstate__(self, state: tuple[dict[str, bytes], int]) -> None:
        blobs, crc = state
        if not isinstance(blobs, dict) or _crc(blobs) != crc:
            raise ValueError("damaged shards")  # the cache rebuilds the entry
        self._blobs = blobs
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._blobs)

    def names(self) -> Iterator[str]:
        """The names not taken yet."""
        return iter(list(self._blobs))

    def take(self, name: str) -> dict | None:
        """The dict ``name``, unpacked, and forgotten here; None if absent or already taken."""
        with self._lock:
            blob = self._blobs.pop(name, None)
        return None if blob is None else marshal.loads(blob)

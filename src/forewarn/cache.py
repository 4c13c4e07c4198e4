"""A per-user cache for things that are slow to build and fixed by their inputs.

Compiling the warnings lexicon (tens of thousands of surface forms into one Aho-Corasick
automaton) takes about a second; loading the result from a pickle takes a few hundredths.
Every ``forewarn scan``, every batch worker and every web server pays that second once, so
the compiled result is kept in the user cache folder under a *fingerprint* of everything it
was built from (data files, the code that builds it, forewarn, Python and library
versions). A changed input gives a new fingerprint, so a stale entry is never read.

``$FOREWARN_CACHE`` names another folder, or turns the cache off with ``off``. A cache that
cannot be read or written is ignored: the thing is built as if there were none.
Entries are pickles, and loading a pickle can run code: ``$FOREWARN_CACHE`` must name a
folder only you can write to (the default one is).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

ENV_CACHE = "FOREWARN_CACHE"
T = TypeVar("T")


def cache_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder: ``$FOREWARN_CACHE``, else the per-user cache folder; None when
    ``$FOREWARN_CACHE`` is ``off`` (or empty). ``env`` stands in for ``os.environ``.

    Example:
        >>> cache_dir({"FOREWARN_CACHE": "off"}) is None
        True
        >>> str(cache_dir({"FOREWARN_CACHE": "/tmp/fw-cache"}))
        '/tmp/fw-cache'
    """
    value = (os.environ if env is None else env).get(ENV_CACHE)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no", "false") else Path(value)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("forewarn", appauthor=False))


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A short hex digest of ``parts`` (file contents, versions), order included.

    Example:
        >>> fingerprint([b"a", "b"]) == fingerprint([b"a", "b"]) != fingerprint([b"ab"])
        True
    """
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))  # so that ["ab"] and ["a", "b"] differ
        h.update(data)
    return h.hexdigest()[:24]


def runtime_parts() -> list[str]:
    """The versions a pickle depends on: forewarn's and Python's."""
    from forewarn._version import __version__

    return [__version__, sys.version, sys.platform]


def cached(name: str, key: str, build: Callable[[], T], folder: Path | None = None) -> T:
    """``build()``'s result, read from ``<folder>/<name>-<key>.pickle`` when it is there,
    else built and stored there (older ``<name>-*.pickle`` entries are removed). The folder
    is :func:`cache_dir` unless given; with the cache off, ``build()`` runs every time.

    Example:
        >>> import tempfile
        >>> tmp = Path(tempfile.mkdtemp())
        >>> cached("demo", "k1", lambda: [1, 2], tmp), cached("demo", "k1", lambda: "built", tmp)
        ([1, 2], [1, 2])
        >>> cached("demo", "k2", lambda: "new", tmp), [p.name for p in tmp.iterdir()]
        ('new', ['demo-k2.pickle'])
    """
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # absent, truncated or unreadable: build it (and replace it)
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically (a temporary file renamed into place), then
    drop the other entries of ``name``; any failure leaves the cache as it was."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # read-only or full disk, another process racing us: no cache
        return

"""A per-user cache for things that are slow to build and fixed by their inputs.

Compiling the warnings lexicon (tens of thousands of surface forms into one Aho-Corasick
automaton) takes about a second; loading the result from a pickle takes a few hundredths.
Every ``forewarn scan``, every batch worker and every web server pays that second once, so
the compiled result is kept in the user cache folder under a *fingerprint* of everything it
was built from (data files, the code that builds it, forewarn, Python and library
versions). A changed input gives a new fingerprint, so a stale entry is never read.

What is kept: ``lexicon`` (the lexicon's surfaces, packed in buckets) and ``automaton``
(its Aho-Corasick automaton, read only when a long text is scanned), ``evidence`` (the
evidence model, its weights packed in shards), ``regex`` (the compiled code of forewarn's
regexes), ``toml_*`` (parsed data files) and ``trie_*`` (word lists as regexes): what a
short story's scan would otherwise spend most of its time rebuilding.

``$FOREWARN_CACHE`` names another folder, or turns the cache off with ``off``. A cache that
cannot be read or written is ignored: the thing is built as if there were none; so is an
entry that is damaged or of another kind.
Entries are pickles, and loading a pickle can run code: ``$FOREWARN_CACHE`` must name a
folder only you can write to (the default one is).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
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


def cached(name: str, key: str, build: Callable[[], T], folder: Path | None = None,
           kind: type | tuple[type, ...] | None = None) -> T:
    """``build()``'s result, read from ``<folder>/<name>-<key>.pickle`` when it is there,
    else built and stored there (older ``<name>-*.pickle`` entries are removed). The folder
    is :func:`cache_dir` unless given; with the cache off, ``build()`` runs every time. An
    entry that does not unpickle, or (given ``kind``) is not of that type, is rebuilt.

    Example:
        >>> import tempfile
        >>> tmp = Path(tempfile.mkdtemp())
        >>> cached("demo", "k1", lambda: [1, 2], tmp), cached("demo", "k1", lambda: "built", tmp)
        ([1, 2], [1, 2])
        >>> cached("demo", "k2", lambda: "new", tmp), [p.name for p in tmp.iterdir()]
        ('new', ['demo-k2.pickle'])
        >>> cached("demo", "k2", lambda: {"a": 1}, tmp, kind=dict)  # a str there: rebuilt
        {'a': 1}
    """
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
        if kind is None or isinstance(value, kind):
            return value
    except Exception:  # absent, truncated or unreadable: build it (and replace it)
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically (a temporary file renamed into place), then
    drop the other entries of ``name``; any failure leaves the cache as it was."""
    import tempfile

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


# -- compiled regular expressions ------------------------------------------------------
# A compiled ``re.Pattern`` pickles as its source text, so unpickling compiles it again.
# What takes the time is parsing and compiling to the regex engine's code; the code itself
# is a list of ints, which pickles. :func:`compile_regex` keeps that code for the patterns a
# process uses (``regex-<fingerprint>.pickle``, the fingerprint of Python and forewarn) and
# rebuilds the pattern from it in microseconds. Anything unexpected: plain ``re.compile``.
# Only patterns fixed by forewarn's code and data belong here (not ones built from a story).
# A miss stores the entries on disk plus this process's, up to ``_REGEX_MAX`` of them (then
# only this process's), so runs that compile different patterns do not evict each other.

_REGEX_NAME = "regex"
_REGEX_MAX = 400
_regex_state: dict[str, dict] = {}


def _regex_code(pattern: str, flags: int) -> tuple:
    """The regex engine's arguments for ``pattern`` (what ``re.compile`` computes)."""
    try:
        from re import _compiler, _parser  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    tree = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(tree, flags)]
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex,
            tuple(indexgroup))


def _regex_store() -> tuple[dict, dict, Path | None, str]:
    """(entries on disk, entries used by this process, folder, key), loaded once."""
    if not _regex_state:
        folder = cache_dir()
        key = fingerprint(["regex-v1", *runtime_parts()])
        loaded: dict = {}
        if folder is not None:
            try:
                with (folder / f"{_REGEX_NAME}-{key}.pickle").open("rb") as f:
                    loaded = dict(pickle.load(f))
            except Exception:
                loaded = {}
        _regex_state.update(loaded=loaded, used={}, folder=folder, key=key)
    s = _regex_state
    return s["loaded"], s["used"], s["folder"], s["key"]


def compile_regex(pattern: str, flags: int = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, its compiled code kept in the cache folder so that
    the next process skips compiling it.

    Example:
        >>> compile_regex(r"(?P<w>sa(?:id|ys))\\b").match("said so").group("w")
        'said'
    """
    import re

    import _sre

    flags = int(flags)
    loaded, used, folder, key = _regex_store()
    entry = loaded.get((pattern, flags))
    try:
        if entry is None:
            entry = _regex_code(pattern, flags)
        compiled = _sre.compile(pattern, *entry)
    except Exception:  # another Python's engine, a damaged entry: compile as usual
        return re.compile(pattern, flags)
    miss = (pattern, flags) not in loaded
    used[(pattern, flags)] = entry
    if miss and folder is not None:
        loaded[(pattern, flags)] = entry
        keep = dict(loaded) if len(loaded) <= _REGEX_MAX else dict(used)
        _store(folder, _REGEX_NAME, folder / f"{_REGEX_NAME}-{key}.pickle", keep)
    return compiled


def reset_regex_cache() -> None:
    """Forget the loaded regex entries (the next :func:`compile_regex` reads the folder)."""
    _regex_state.clear()

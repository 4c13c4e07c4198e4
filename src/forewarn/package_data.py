"""Data files shipped inside forewarn: where they are, and TOML parsed once per content.

forewarn's data files are plain files next to its modules (forewarn already reads its own
source to fingerprint its caches), so :func:`data_path` finds them in the package's
folder without importing :mod:`importlib.resources`.

Parsing TOML is slow next to a short story's scan (the taxonomy alone takes tens of
milliseconds), so :func:`parse_toml` keeps the parsed data in the user cache folder
(:mod:`forewarn.cache`) under a fingerprint of the file's bytes: an edited file is parsed
again, a damaged entry is ignored and rebuilt, and with the cache off it simply parses.

Example:
    >>> data_path("forewarn.taxonomy", "warnings.toml").name
    'warnings.toml'
    >>> parse_toml(b'a = [1, 2]', "demo")["a"]
    [1, 2]
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from forewarn.cache import cached, fingerprint, runtime_parts


def data_path(package: str, *parts: str) -> Path:
    """The path of a data file (or folder) inside ``package``.

    Example:
        >>> data_path("forewarn.text.data", "headings.toml").is_file()
        True
    """
    module = sys.modules.get(package) or importlib.import_module(package)
    return Path(next(iter(module.__path__))).joinpath(*parts)  # a package's folder


def parse_toml(data: bytes, name: str) -> dict[str, Any]:
    """``tomllib.loads`` of ``data`` (UTF-8 TOML), read from the cache when this content
    was parsed before; ``name`` names its cache entry (one per file)."""
    slug = "".join(c if c.isalnum() or c == "." else "_" for c in name)
    key = fingerprint(["toml-v1", *runtime_parts(), data])
    return cached(f"toml_{slug}", key, lambda: loads_toml(data), kind=dict)


def load_toml_file(package: str, *parts: str) -> dict[str, Any]:
    """A TOML data file of ``package``, parsed (see :func:`parse_toml`).

    Example:
        >>> "chapter" in load_toml_file("forewarn.text.data", "headings.toml")["chapter_words"]
        True
    """
    return parse_toml(data_path(package, *parts).read_bytes(), ".".join((package, *parts)))


def loads_toml(data: bytes) -> dict[str, Any]:
    """``tomllib.loads`` of UTF-8 bytes, not cached (``tomllib`` is imported only here).

    Example:
        >>> loads_toml(b"x = 1")
        {'x': 1}
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(data.decode("utf-8"))

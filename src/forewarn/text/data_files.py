"""Load data files shipped inside the package (TOML and word lists)."""
from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=None)
def load_toml(name: str, package: str = "forewarn.text.data") -> dict[str, Any]:
    """Parse a TOML data file from a package's data folder.

    Example:
        >>> "chapter" in load_toml("headings.toml")["chapter_words"]
        True
    """
    with resources.files(package).joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def load_words(name: str, package: str = "forewarn.text.data") -> frozenset[str]:
    """A word list (one entry a line, ``#`` comments) from a package's data folder.

    Example:
        >>> "mr" in load_words("abbreviations.txt")
        True
    """
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return frozenset(ln.split("#", 1)[0].strip() for ln in text.splitlines()
                     if ln.split("#", 1)[0].strip())

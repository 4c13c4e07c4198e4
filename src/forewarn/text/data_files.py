"""Load data files shipped inside the package (TOML and word lists)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from forewarn.package_data import data_path, load_toml_file


@lru_cache(maxsize=None)
def load_toml(name: str, package: str = "forewarn.text.data") -> dict[str, Any]:
    """Parse a TOML data file from a package's data folder (parsed once per content and
    cached, :func:`forewarn.package_data.parse_toml`).

    Example:
        >>> "chapter" in load_toml("headings.toml")["chapter_words"]
        True
    """
    return load_toml_file(package, name)


@lru_cache(maxsize=None)
def load_words(name: str, package: str = "forewarn.text.data") -> frozenset[str]:
    """A word list (one entry a line, ``#`` comments) from a package's data folder.

    Example:
        >>> "mr" in load_words("abbreviations.txt")
        True
    """
    text = data_path(package, name).read_text(encoding="utf-8")
    return frozenset(ln.split("#", 1)[0].strip() for ln in text.splitlines()
                     if ln.split("#", 1)[0].strip())

"""Size limits that a user may change through an environment variable (in megabytes).

Example:
    >>> megabytes_from_env("FOREWARN_NO_SUCH_LIMIT", 2) // (1024 * 1024)
    2
"""
from __future__ import annotations

import os

from forewarn.errors import UnusableInput


def megabytes_from_env(name: str, default_mb: float, least_mb: float = 0.001) -> int:
    """``$name`` megabytes (at least ``least_mb``), else ``default_mb``, in bytes; a value
    that is not a number is unusable input (one line)."""
    raw = os.environ.get(name, "").strip()
    try:
        mb = float(raw) if raw else default_mb
    except ValueError:
        raise UnusableInput(f"{name}={raw!r} is not a number of megabytes") from None
    return int(max(mb, least_mb) * 1024 * 1024)

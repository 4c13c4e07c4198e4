"""forewarn: know what is in a story before you read it.

The public Python API is :func:`scan`:

    >>> import forewarn
    >>> report = forewarn.scan("She lit a cigarette and smoked it slowly.")
    >>> report.to_dict()["schema"]
    1
"""
from __future__ import annotations

from forewarn._version import __version__
from forewarn.errors import ForewarnError, UnusableInput
from forewarn.pipeline import scan, scan_work
from forewarn.report import Report

__all__ = ["scan", "scan_work", "Report", "ForewarnError", "UnusableInput", "__version__"]

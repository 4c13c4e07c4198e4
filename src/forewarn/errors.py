"""Errors forewarn raises for input it cannot use.

Every error a user can cause carries a one-line message that says what went wrong and
where; the CLI prints it on stderr and exits with status 2.
"""
from __future__ import annotations


class ForewarnError(Exception):
    """Base class for errors forewarn reports to the user (never a traceback)."""

    exit_code = 1


class UnusableInput(ForewarnError):
    """The input cannot be read as a story (missing, a directory, binary, empty, broken).

    Example:
        >>> str(UnusableInput("story.txt: file is empty"))
        'story.txt: file is empty'
    """

    exit_code = 2

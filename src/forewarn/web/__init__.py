"""The web app and JSON API (``forewarn serve``); needs the ``web`` extra.

Example:
    >>> from forewarn.web import create_app          # doctest: +SKIP
    >>> app = create_app(db_path="library.sqlite3")  # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the FastAPI app; see :func:`forewarn.web.app.create_app`."""
    from forewarn.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)

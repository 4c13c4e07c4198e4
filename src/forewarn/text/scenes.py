"""Scene breaks: a line of symbols (⸻, ***, * * *, ~~~, ---, ###, oOo, xXx …)."""
from __future__ import annotations

import re

from forewarn.cache import compile_regex

_SYMBOLS = compile_regex(r"^[^\w\s\"“”'‘’.…(){}\[\]]+(?:\s*[^\w\s\"“”'‘’(){}\[\]])*$")
#: Breaks written with letters: "oOo", "xXx", "-- scene break --".
DECORATED = r"[oOxX0]{3,}|(?:[oO]\s*){3,}|[-~*=_]*\s*(?:scene\s*break|break|line\s*break)\s*[-~*=_]*"
_DECORATED = compile_regex(rf"^(?:{DECORATED})$", re.I)
_DOTS = compile_regex(r"^(?:[.·•]\s*){3,}$")
#: The letters a scene break can open with ("oOo", "xXx", "000", "scene break", "break",
#: "line break"); a line opening with another letter or digit is never one.
BREAK_LETTERS = "oOxX0sSbBlL"


def is_scene_break(line: str) -> bool:
    """True for a line that separates scenes.

    Example:
        >>> [is_scene_break(s) for s in ["* * *", "⸻", "~~~", "---", "###", "oOo", "Hello", "..."]]
        [True, True, True, True, True, True, False, False]
    """
    s = line.strip()
    if not s or len(s) > 60 or (s[0].isalnum() and s[0] not in "oOxX0" and s[-1].isalnum()):
        return False
    if s[0].isalnum() and s[0] not in BREAK_LETTERS:
        return False  # every pattern below starts with a symbol or one of these letters
    if _DOTS.match(s) and not set(s) <= {".", " "}:
        return True
    return bool(_SYMBOLS.match(s) or _DECORATED.match(s))

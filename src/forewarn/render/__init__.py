"""Renderers: Report → terminal text, JSON (and, in later modules, HTML, AO3 tags, PAN)."""
from __future__ import annotations

from forewarn.render.ranges import chapter_ranges

__all__ = ["chapter_ranges"]

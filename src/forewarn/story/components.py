"""The story facts as a component: point of view, tense, characters, speakers, relationship.

Example:
    >>> from forewarn.components import REGISTRY, pipeline
    >>> REGISTRY["story"].adds
    ('report.story', 'characters')
"""
from __future__ import annotations

from forewarn.components import register
from forewarn.report import Report
from forewarn.text.document import Document


@register("story", adds=("report.story", "characters"))
def story(doc: Document, report: Report) -> None:
    """Fill ``report.story``; the characters are shared with later components."""
    from forewarn import story as facts

    facts.analyze(doc, report)
    doc.results["characters"] = report.story.characters

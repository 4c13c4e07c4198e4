"""Rating estimate and AO3-style tags, derived from the content-warning findings.

Only confident findings count (``confidence`` "high"): the rules are data (``taxonomy/rating.toml``): the most severe rating whose rule a finding
meets wins, and each rule met becomes a reason. Tags: the AO3 archive warnings the findings
imply, and one additional (freeform) tag per finding in the spelling for its severity
("Implied/Referenced Suicide", "Graphic Depictions of Violence").

Example:
    >>> from forewarn.report import Report, Finding
    >>> r = Report(warnings=[Finding("smoking", "Smoking", "substances", "depicted")])
    >>> analyze(None, r)
    >>> r.rating.id, r.rating.reasons
    ('teen', ['Smoking (depicted)'])
    >>> r.tags.archive_warnings, r.tags.additional
    (['No Archive Warnings Apply'], ['Smoking'])
"""
from __future__ import annotations

from functools import lru_cache

from forewarn.components import register
from forewarn.package_data import load_toml_file
from forewarn.report import SEVERITY_RANK, Finding, Rating, Report, Tags
from forewarn.taxonomy import load as load_taxonomy
from forewarn.text.document import Document

NO_WARNINGS = "No Archive Warnings Apply"


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_toml_file("forewarn.taxonomy", "rating.toml")


def _meets(f: Finding, rule: dict) -> bool:
    if SEVERITY_RANK.get(f.severity, 0) < SEVERITY_RANK[rule["severity"]]:
        return False
    return f.id in rule.get("ids", ()) or f.group in rule.get("groups", ())


def estimate_rating(findings: list[Finding]) -> Rating:
    """The rating (general/teen/mature/explicit) the findings call for, with reasons.

    Example:
        >>> estimate_rating([]).id
        'general'
    """
    for level in _rules()["rating"]:
        reasons = [f"{f.name} ({f.severity})" for f in findings
                   if any(_meets(f, rule) for rule in level["rules"])]
        if reasons:
            return Rating(level["id"], reasons)
    return Rating("general", ["no warning above a mention of mild content"] if findings else
                  ["no content warnings found"])


def suggest_tags(findings: list[Finding]) -> Tags:
    """AO3 archive warnings and additional tags for the findings.

    Example:
        >>> from forewarn.report import Finding
        >>> suggest_tags([Finding("suicide", "Suicide", "mental-health", "mention")]).additional
        ['Implied/Referenced Suicide']
    """
    tax = load_taxonomy()
    archive: list[str] = []
    for rule in _rules()["archive"]:
        if any(_meets(f, rule) for f in findings) and rule["warning"] not in archive:
            archive.append(rule["warning"])
    additional: list[str] = []
    seen = {a.casefold() for a in archive}  # one spelling of a tag, in the first field it fits
    for f in findings:
        w = tax.by_id.get(f.id)
        tag = w.ao3_tag(f.severity) if w else None
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            additional.append(tag)
    return Tags(archive or [NO_WARNINGS], additional)


def confident(findings: list[Finding]) -> list[Finding]:
    """The findings shown as *found* (not the medium-confidence *possible* ones).

    Example:
        >>> confident([Finding("war", "War", "violence", "mention", confidence="medium")])
        []
    """
    return [f for f in findings if f.confidence != "medium"]


@register("rating", needs=("report.warnings",), adds=("report.rating", "report.tags"))
def analyze(doc: Document | None, report: Report) -> None:
    """Fill ``report.rating`` and ``report.tags`` from the confident ``report.warnings``
    (a *possible* finding neither raises the rating nor becomes a tag)."""
    sure = confident(report.warnings)
    report.rating = estimate_rating(sure)
    report.tags = suggest_tags(sure)

"""A reader's profile (the warnings they avoid, each from a minimum severity) and the verdict.

The profile is a small JSON file in the per-user config directory (``$FOREWARN_PROFILE`` or an
explicit path overrides it)::

    {"version": 1, "avoid": {"grief": "mention", "self-harm": "depicted"}}

:func:`verdict` checks a :class:`~forewarn.report.Report` against a profile: which of the
reader's warnings are present at or above their minimum severity, in which chapters, and —
for a warning that sits in a few places only — the chapters and paragraphs to skip.

Example:
    >>> from forewarn.report import Report, Finding, Evidence
    >>> r = Report(warnings=[Finding("grief", "Grief", "death", "depicted", chapters=[2],
    ...     evidence_count=1, evidence=[Evidence(2, 9, 0, 10, "…")])])
    >>> v = verdict(r, Profile({"grief": "mention"}))
    >>> print(render_verdict(v))
    1 of your warnings: grief — depicted, chapter 2
      to skip it: chapter 2, paragraph 10
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from forewarn.errors import UnusableInput
from forewarn.report import SEVERITY_RANK, Report

ENV_PROFILE = "FOREWARN_PROFILE"
#: a warning is "in a few places" when its evidence merges into at most this many passages
MAX_SKIP_PASSAGES = 3
#: evidence paragraphs this close (in the same chapter) merge into one passage to skip
MERGE_GAP = 2


@dataclass
class Profile:
    """Warning id → minimum severity the reader wants to be warned about.

    Example:
        >>> Profile.parse(["grief:depicted", "suicide"]).avoid
        {'grief': 'depicted', 'suicide': 'mention'}
    """

    avoid: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...]) -> "Profile":
        """From ``WARNING[:SEVERITY]`` strings (names and aliases are accepted)."""
        from forewarn.library.filters import parse_warning_spec

        avoid: dict[str, str] = {}
        for spec in specs:
            for part in spec.split(","):
                if part.strip():
                    wid, sev = parse_warning_spec(part.strip())
                    avoid[wid] = sev
        return cls(avoid)

    def specs(self) -> list[str]:
        """Back to ``WARNING:SEVERITY`` strings."""
        return [f"{w}:{s}" for w, s in self.avoid.items()]

    def to_dict(self) -> dict:
        """The JSON the profile file holds."""
        return {"version": 1, "avoid": dict(self.avoid)}


def default_profile_path() -> Path:
    """``$FOREWARN_PROFILE`` if set, else ``profile.json`` in the per-user config directory."""
    env = os.environ.get(ENV_PROFILE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("forewarn", appauthor=False)) / "profile.json"


def load_profile(path: str | os.PathLike[str] | None = None) -> Profile:
    """The saved profile (empty when none was saved); UnusableInput when the file is broken.

    Example:
        >>> load_profile("/no/such/profile.json").avoid
        {}
    """
    p = Path(path) if path is not None else default_profile_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Profile()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnusableInput(f"{p}: not a readable forewarn profile ({exc})") from None
    avoid = data.get("avoid") if isinstance(data, dict) else None
    if not isinstance(avoid, dict) or not all(
            isinstance(k, str) and v in SEVERITY_RANK for k, v in avoid.items()):
        raise UnusableInput(f"{p}: not a forewarn profile (expected {{\"avoid\": {{id: severity}}}})")
    return Profile(dict(avoid))


def save_profile(profile: Profile, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the profile atomically (a crash never leaves half a file); returns the path."""
    import tempfile

    p = Path(path) if path is not None else default_profile_path()
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:  # a temporary file of its own: concurrent saves never share one
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(profile.to_dict(), indent=2) + "\n")
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UnusableInput(f"{p}: cannot save the profile ({exc.strerror or exc})") from None
    return p


@dataclass
class Passage:
    """Paragraphs to skip: ``chapter`` (1-based), ``first``/``last`` paragraph (1-based)."""

    chapter: int
    first: int
    last: int
    at: int | None = None  # percent of the chapter's paragraphs before the passage
    opening: str | None = None  # the first words of its first paragraph

    def label(self) -> str:
        """``"chapter 2, paragraphs 10–14 (about 40% in, from “She lit a cigarette…”)"``.

        Example:
            >>> Passage(2, 10, 14, 40, "She lit a cigarette").label()
            'chapter 2, paragraphs 10–14 (about 40% in, from “She lit a cigarette…”)'
        """
        paras = (f"paragraph {self.first}" if self.first == self.last
                 else f"paragraphs {self.first}–{self.last}")
        where = [f"about {self.at}% in"] if self.at is not None else []
        if self.opening:
            where.append(f"from “{self.opening}…”")
        return f"chapter {self.chapter}, {paras}" + (f" ({', '.join(where)})" if where else "")

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return dict(self.__dict__)


@dataclass
class VerdictItem:
    """One of the reader's warnings that the story contains at or above their minimum."""

    id: str
    name: str
    severity: str
    minimum: str
    chapters: list[int]
    evidence_count: int
    skip: list[Passage] | None  # None: too spread out to skip around
    possible: bool = False  # a medium-confidence finding, said "possible"

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"id": self.id, "name": self.name, "severity": self.severity,
                "minimum": self.minimum, "chapters": self.chapters,
                "evidence_count": self.evidence_count, "possible": self.possible,
                "skip": None if self.skip is None else [p.to_dict() for p in self.skip]}


@dataclass
class Verdict:
    """The story checked against a profile.

    ``hits`` are the reader's warnings present at or above their minimum severity; ``below``
    are present only below it (id, severity); ``checked`` is how many warnings the profile has.
    """

    checked: int
    hits: list[VerdictItem] = field(default_factory=list)
    below: list[tuple[str, str]] = field(default_factory=list)

    @property
    def clear(self) -> bool:
        """True when none of the reader's warnings was found at their severity."""
        return not self.hits

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"checked": self.checked, "clear": self.clear,
                "hits": [h.to_dict() for h in self.hits],
                "below": [{"id": w, "severity": s} for w, s in self.below]}


def verdict(report: Report, profile: Profile) -> Verdict:
    """Check ``report`` against the reader's ``profile``.

    Example:
        >>> from forewarn.report import Report, Finding
        >>> r = Report(warnings=[Finding("grief", "Grief", "death", "mention", chapters=[1])])
        >>> verdict(r, Profile({"grief": "depicted"})).clear
        True
    """
    out = Verdict(checked=len(profile.avoid))
    for finding in report.warnings:
        minimum = profile.avoid.get(finding.id)
        if minimum is None:
            continue
        if SEVERITY_RANK.get(finding.severity, 0) < SEVERITY_RANK[minimum]:
            out.below.append((finding.id, finding.severity))
            continue
        out.hits.append(VerdictItem(
            id=finding.id, name=finding.name or finding.id, severity=finding.severity,
            minimum=minimum, chapters=sorted(set(finding.chapters)),
            evidence_count=max(finding.evidence_count, len(finding.evidence)),
            skip=_locate(report, finding, _skip_passages(finding, minimum)),
            possible=finding.confidence == "medium"))
    out.hits.sort(key=lambda h: (h.possible, -SEVERITY_RANK.get(h.severity, 0), h.id))
    return out


def _skip_passages(finding, minimum: str) -> list[Passage] | None:  # type: ignore[no-untyped-def]
    """Merged paragraph ranges, or None when the evidence is incomplete or too spread out."""
    if not finding.evidence or not _evidence_complete(finding):
        return None
    rank = SEVERITY_RANK[minimum]
    spots = sorted({(e.chapter, e.paragraph) for e in finding.evidence
                    if e.severity is None or SEVERITY_RANK.get(e.severity, 0) >= rank})
    if not spots:
        spots = sorted({(e.chapter, e.paragraph) for e in finding.evidence})
    passages: list[Passage] = []
    for chapter, para in spots:
        last = passages[-1] if passages else None
        if last and last.chapter == chapter and para + 1 - last.last <= MERGE_GAP + 1:
            last.last = para + 1
        else:  # paragraphs are stored 0-based; readers count from 1
            passages.append(Passage(chapter, para + 1, para + 1))
    return passages if len(passages) <= MAX_SKIP_PASSAGES else None


#: words of a paragraph's opening that name it in skip advice
OPENING_WORDS = 5


def _locate(report: Report, finding, passages: list[Passage] | None) -> list[Passage] | None:  # type: ignore[no-untyped-def]
    """Give each passage to skip a place a reader can find: how far into the chapter it
    starts, and the first words of its first paragraph (from the evidence)."""
    if not passages:
        return passages
    paras = {c.index: c.paragraphs for c in report.work.chapter_list}
    texts = {(e.chapter, e.paragraph + 1): e.text for e in finding.evidence}
    for p in passages:
        total = paras.get(p.chapter, 0)
        if total > 1:
            p.at = round(100 * (p.first - 1) / total)
        words = texts.get((p.chapter, p.first), "").split()
        if len(words) > 1:
            p.opening = " ".join(words[:OPENING_WORDS]).rstrip(",;:.!?")
    return passages


def _evidence_complete(finding) -> bool:  # type: ignore[no-untyped-def]
    """True when the evidence lists every paragraph the warning was found in.

    ``evidence_count`` counts matches, ``evidence`` keeps one passage per paragraph up to the
    analyzer's cap: fewer passages than the cap means none was left out.
    """
    if finding.evidence_count <= len(finding.evidence):
        return True
    try:
        from forewarn.warnings.findings import MAX_EVIDENCE
    except ImportError:
        return False
    return len(finding.evidence) < MAX_EVIDENCE


def chapter_ranges(chapters: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"chapters 1–3, 5"``.

    Example:
        >>> chapter_ranges([4])
        'chapter 4'
    """
    from forewarn.render.ranges import chapter_ranges as ranges

    nums = sorted(set(chapters))
    if not nums:
        return "no chapter given"
    return ("chapter " if len(nums) == 1 else "chapters ") + ranges(nums)


def render_verdict(v: Verdict) -> str:
    """The verdict as plain text lines, for the terminal.

    Example:
        >>> print(render_verdict(Verdict(checked=2)))
        None of your 2 warnings found.
    """
    if v.checked == 0:
        return "No reading profile set (forewarn profile set WARNING[:SEVERITY]…)."
    if v.clear:
        line = f"None of your {v.checked} warnings found." if v.checked > 1 else \
            "Your warning was not found."
        if v.below:
            line += " Below your limits: " + ", ".join(f"{w} ({s})" for w, s in v.below) + "."
        return line
    parts = [f"{h.id} — {h.severity}{' (possible)' if h.possible else ''}, "
             f"{chapter_ranges(h.chapters)}" for h in v.hits]
    lines = [f"{len(v.hits)} of your warnings: " + "; ".join(parts)]
    for h in v.hits:
        if h.skip:
            prefix = "  to skip it: " if len(v.hits) == 1 else f"  to skip {h.id}: "
            lines.append(prefix + "; ".join(p.label() for p in h.skip))
        else:
            lines.append(f"  {h.id}: found {h.evidence_count} times, "
                         f"no short passage to skip")
    return "\n".join(lines)


def verdict_footer(report: Report, path: str | os.PathLike[str] | None = None) -> str:
    """What ``forewarn scan`` appends: the verdict when a profile is set, else ``""``."""
    profile = load_profile(path)
    if not profile.avoid:
        return ""
    return "\n\nFor your reading profile:\n" + render_verdict(verdict(report, profile))


"""The report for a person in a terminal: the work, its warnings, the story facts.

Evidence text is a spoiler: it is shown only when asked for (``evidence=True``).

The report is laid out once, against a console that also hands out its ``Text``, ``Table``
and ``escape``: rich's (:class:`RichConsole`), or, without colour, the plain one of
:mod:`forewarn.render.plain`, which gives the same characters without importing rich and
says when it cannot be sure (then rich lays it out).
"""
from __future__ import annotations

import io
from typing import Any

from forewarn.render.plain import PlainConsole, Unsure
from forewarn.render.ranges import chapter_ranges, plural, reading_time
from forewarn.report import Finding, Report

BADGE = {"mention": ("mention", "black on yellow"), "depicted": ("depicted", "black on dark_orange"),
         "graphic": ("graphic", "bold white on red")}
WIDTH = 100
EVIDENCE_CHARS = 300


def _groups() -> dict[str, str]:
    """Group id → reader-facing name, in the taxonomy's order."""
    from forewarn import taxonomy

    return taxonomy.load().groups


def _group_key(group: str) -> tuple[int, str]:
    order = list(_groups())
    return (order.index(group) if group in order else len(order), group)


class RichConsole:
    """A rich ``Console`` writing to a string, with rich's ``Text``, ``Table`` and ``escape``."""

    def __init__(self, width: int, color: bool) -> None:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table
        from rich.text import Text

        self.Text, self.Table, self.escape = Text, Table, escape
        self._buf = io.StringIO()
        self._con = Console(file=self._buf, width=width, force_terminal=color,
                            color_system="standard" if color else None,
                            highlight=False, emoji=False, soft_wrap=False)

    def print(self, obj: Any = None) -> None:
        if obj is None:
            self._con.print()
        else:
            self._con.print(obj)

    def rule(self, title: Any, align: str = "left") -> None:
        self._con.rule(title, align=align)  # type: ignore[arg-type]

    def getvalue(self) -> str:
        return self._buf.getvalue()


Console = Any  # RichConsole or forewarn.render.plain.PlainConsole: the same calls


def _badge(con: Console, severity: str) -> Any:
    label, style = BADGE.get(severity, (severity, "reverse"))
    return con.Text(f" {label} ", style=style)


def _where(f: Finding) -> str:
    if not f.chapters:
        return ""
    word = "chapter" if len(f.chapters) == 1 else "chapters"
    return f"{word} {chapter_ranges(f.chapters)}"


def render_terminal(report: Report, evidence: bool | int = False, quotes: bool = False,
                    color: bool = False, width: int = WIDTH,
                    profile_ids: list[str] | None = None) -> str:
    """Render a report as text for a person.

    ``evidence``: False hides the passages, True shows every one the report keeps, a number
    shows at most that many per warning. ``profile_ids``: the reader's warnings, answered
    one by one (found / possible / checked, not found); without them the warnings checked
    and not found fit on one line.

    Example:
        >>> from forewarn.report import Report, WorkInfo
        >>> out = render_terminal(Report(work=WorkInfo(title="Rain", words=1200, chapters=1)))
        >>> "Rain" in out and "1,200 words" in out
        True
    """
    if not color:
        try:
            return _layout(PlainConsole(width), report, evidence, quotes, profile_ids)
        except Unsure:  # characters or a layout only rich can be trusted with
            pass
    return _layout(RichConsole(width, color), report, evidence, quotes, profile_ids)


def _layout(con: Console, report: Report, evidence: bool | int, quotes: bool,
            profile_ids: list[str] | None) -> str:
    _header(con, report)
    _warnings(con, report, _evidence_limit(evidence))
    _answers(con, report, profile_ids)
    _story(con, report, quotes)
    return con.getvalue().rstrip("\n")


def _header(con: Console, r: Report) -> None:
    w = r.work
    con.print(con.Text(w.title or "(untitled)", style="bold"))
    if w.authors:
        con.print(con.Text("by " + ", ".join(w.authors)))
    facts = [plural(w.words, "word"), f"~{reading_time(w.reading_minutes)} to read",
             plural(w.chapters, "chapter")]
    if w.fandoms:
        facts.append("fandom: " + ", ".join(w.fandoms))
    con.print(con.Text(" · ".join(facts), style="dim"))
    at = w.archive_tags
    if at.rating or at.warnings:
        tagged = [x for x in [at.rating, *at.warnings, *at.category] if x]
        con.print(con.Text("Tagged by the archive: " + "; ".join(tagged), style="dim"))
    if w.notes_words:
        con.print(con.Text(f"Author's notes: {w.notes_words:,} words (kept apart from the story)", style="dim"))
    if r.rating.id != "unknown":
        reasons = f" ({'; '.join(r.rating.reasons)})" if r.rating.reasons else ""
        con.print(con.Text.assemble(("Rating estimate: ", "bold"), r.rating.id.title(), reasons))


def _evidence_limit(evidence: bool | int) -> int | None:
    """0: hide the passages; None: all of them; n: at most n per warning."""
    if evidence is True:
        return None
    return int(evidence or 0)


def _order(findings: list[Finding]) -> list[Finding]:
    """Confident findings first, then the *possible* ones; surest first in each."""
    return sorted(findings, key=lambda f: (f.confidence == "medium", -f.score))


def _finding_line(con: Console, f: Finding, declared_ids: set[str]) -> Any:
    line = con.Text("  ")
    line.append_text(_badge(con, f.severity))
    if f.confidence == "medium":
        line.append(" possible", style="italic")
    line.append(f" {f.name}")
    detail = [x for x in [_where(f), plural(f.evidence_count, "passage")] if x]
    line.append(f"  ({', '.join(detail)})", style="dim")
    if declared_ids:
        line.append("  declared by the author" if f.declared else "  not declared",
                    style="green" if f.declared else "yellow")
    return line


def _evidence_lines(con: Console, f: Finding, limit: int | None) -> None:
    shown = f.evidence if limit is None else f.evidence[:limit]
    for ev in shown:
        text = ev.text if len(ev.text) <= EVIDENCE_CHARS else ev.text[:EVIDENCE_CHARS] + "…"
        con.print(con.Text(f"      ch. {ev.chapter}, ¶ {ev.paragraph + 1}: ", style="dim") +
                  con.Text(" ".join(text.split()), style="italic"))
    total = max(f.evidence_count, len(f.evidence))
    if len(shown) < total:
        con.print(con.Text(f"      ({len(shown)} of {plural(total, 'passage')} shown)", style="dim"))


def _warnings(con: Console, r: Report, evidence: int | None) -> None:
    con.print()
    con.rule(con.Text("Content warnings", style="bold"), align="left")
    if not r.warnings:
        con.print("No content warnings found.")
    groups: dict[str, list[Finding]] = {}
    for f in r.warnings:
        groups.setdefault(f.group or "other", []).append(f)
    declared_ids = {d.id for d in r.declared}
    for group in sorted(groups, key=_group_key):
        con.print(con.Text(_groups().get(group, group.capitalize()), style="bold underline"))
        for f in _order(groups[group]):
            con.print(_finding_line(con, f, declared_ids))
            if evidence != 0:
                _evidence_lines(con, f, evidence)
    if any(f.confidence == "medium" for f in r.warnings):
        con.print(con.Text("possible: the text suggests it, less surely.", style="dim"))
    if r.warnings and evidence == 0:
        con.print(con.Text("Evidence passages are hidden (they may spoil the story): add --evidence to see them.",
                       style="dim"))
    if r.declared:
        con.print()
        names = ", ".join(sorted({d.id for d in r.declared}))
        con.print(con.Text.assemble(("Declared by the author: ", "bold"), names))
        if r.declared_not_found:
            con.print(con.Text("  declared but not found in the text: " + ", ".join(r.declared_not_found), style="dim"))
    if r.undeclared and r.declared:
        con.print(con.Text.assemble(("Found but not declared: ", "bold yellow"), ", ".join(r.undeclared)))


def _answers(con: Console, r: Report, profile_ids: list[str] | None) -> None:
    """The reader's questions answered (with a profile), or one line of the clear ones."""
    from forewarn.answers import answers, clear_names

    items = answers(r, profile_ids)
    if profile_ids:
        con.print()
        con.rule(con.Text("Your warnings", style="bold"), align="left")
        for a in items:
            if a.status != "not-found":
                con.print(con.Text.assemble(f"  {a.question} ", (a.reply, "bold")))
    clear = clear_names(items)
    if clear:
        label = "Checked, not found" if profile_ids else \
            f"Checked, not found ({len(clear)} of {len(items)})"
        con.print(con.Text.assemble((f"{label}: ", "bold green"), ", ".join(clear)))


def _story(con: Console, r: Report, quotes: bool) -> None:
    s = r.story
    con.print()
    con.rule(con.Text("Story facts", style="bold"), align="left")
    table = con.Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    pov = s.pov + (" (reader-insert)" if s.reader_insert else "")
    table.add_row("Point of view", pov)
    table.add_row("Tense", s.tense)
    table.add_row("Relationships", s.relationship_category)
    table.add_row("Dialogue", f"{s.dialogue_share:.0%} of the words")
    if s.characters:
        people = []
        for c in s.characters[:12]:
            extra = f" ({', '.join(c.aliases)})" if c.aliases else ""
            mark = ", narrator" if c.narrator else ""
            people.append(f"{c.name}{extra} [{c.gender}{mark}, {plural(c.mentions, 'mention')}, "
                          f"{plural(c.quotes, 'line')}]")
        table.add_row("Characters", con.escape("\n".join(people)))
    con.print(table)
    if r.tags.archive_warnings or r.tags.additional:
        con.print(con.Text("Suggested AO3 tags (from the confident findings; --format ao3-tags "
                       "prints them one a line):", style="bold"))
        for field_name, tags in (("Archive Warnings", r.tags.archive_warnings),
                                 ("Additional Tags", r.tags.additional)):
            if tags:
                con.print(con.Text.assemble(f"  {field_name}: ", ", ".join(tags)))
    if quotes:
        con.print()
        con.rule(con.Text("Dialogue", style="bold"), align="left")
        for q in s.quotes:
            who = q.speaker or "?"
            con.print(con.Text(f"  ch. {q.chapter} ¶ {q.paragraph + 1}  ", style="dim") + con.Text(f"{who}: ", style="bold")
                      + con.Text(" ".join(q.text.split())))

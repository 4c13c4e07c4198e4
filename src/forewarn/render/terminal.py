"""The report for a person in a terminal: the work, its warnings, the story facts.

Evidence text is a spoiler: it is shown only when asked for (``evidence=True``).
"""
from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from forewarn.render.ranges import chapter_ranges
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


def _badge(severity: str) -> Text:
    label, style = BADGE.get(severity, (severity, "reverse"))
    return Text(f" {label} ", style=style)


def _where(f: Finding) -> str:
    if not f.chapters:
        return ""
    word = "chapter" if len(f.chapters) == 1 else "chapters"
    return f"{word} {chapter_ranges(f.chapters)}"


def render_terminal(report: Report, evidence: bool = False, quotes: bool = False,
                    color: bool = False, width: int = WIDTH) -> str:
    """Render a report as text for a person.

    Example:
        >>> from forewarn.report import Report, WorkInfo
        >>> out = render_terminal(Report(work=WorkInfo(title="Rain", words=1200, chapters=1)))
        >>> "Rain" in out and "1,200 words" in out
        True
    """
    buf = io.StringIO()
    con = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                  highlight=False, emoji=False, soft_wrap=False)
    _header(con, report)
    _warnings(con, report, evidence)
    _story(con, report, quotes)
    return buf.getvalue().rstrip("\n")


def _header(con: Console, r: Report) -> None:
    w = r.work
    con.print(Text(w.title or "(untitled)", style="bold"))
    if w.authors:
        con.print(Text("by " + ", ".join(w.authors)))
    facts = [f"{w.words:,} words", f"~{_reading_time(w.reading_minutes)} to read",
             f"{w.chapters} chapter{'s' if w.chapters != 1 else ''}"]
    if w.fandoms:
        facts.append("fandom: " + ", ".join(w.fandoms))
    con.print(Text(" · ".join(facts), style="dim"))
    at = w.archive_tags
    if at.rating or at.warnings:
        tagged = [x for x in [at.rating, *at.warnings, *at.category] if x]
        con.print(Text("Tagged by the archive: " + "; ".join(tagged), style="dim"))
    if w.notes_words:
        con.print(Text(f"Author's notes: {w.notes_words:,} words (kept apart from the story)", style="dim"))
    if r.rating.id != "unknown":
        reasons = f" ({'; '.join(r.rating.reasons)})" if r.rating.reasons else ""
        con.print(Text.assemble(("Rating estimate: ", "bold"), r.rating.id.title(), reasons))


def _reading_time(minutes: int) -> str:
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min"


def _warnings(con: Console, r: Report, evidence: bool) -> None:
    con.print()
    con.rule(Text("Content warnings", style="bold"), align="left")
    if not r.warnings:
        con.print("No content warnings found.")
    groups: dict[str, list[Finding]] = {}
    for f in r.warnings:
        groups.setdefault(f.group or "other", []).append(f)
    declared_ids = {d.id for d in r.declared}
    for group in sorted(groups, key=_group_key):
        con.print(Text(_groups().get(group, group.capitalize()), style="bold underline"))
        for f in sorted(groups[group], key=lambda f: -f.score):
            line = Text("  ")
            line.append_text(_badge(f.severity))
            line.append(f" {f.name}")
            where = _where(f)
            detail = [x for x in [where, f"{f.evidence_count} passage{'s' if f.evidence_count != 1 else ''}"] if x]
            line.append(f"  ({', '.join(detail)})", style="dim")
            if declared_ids:
                line.append("  declared by the author" if f.declared else "  not declared",
                            style="green" if f.declared else "yellow")
            con.print(line)
            if evidence:
                for ev in f.evidence:
                    text = ev.text if len(ev.text) <= EVIDENCE_CHARS else ev.text[:EVIDENCE_CHARS] + "…"
                    con.print(Text(f"      ch. {ev.chapter}, ¶ {ev.paragraph + 1}: ", style="dim") +
                              Text(" ".join(text.split()), style="italic"))
    if r.warnings and not evidence:
        con.print(Text("Evidence passages are hidden (they may spoil the story): add --evidence to see them.",
                       style="dim"))
    if r.declared:
        con.print()
        names = ", ".join(sorted({d.id for d in r.declared}))
        con.print(Text.assemble(("Declared by the author: ", "bold"), names))
        if r.declared_not_found:
            con.print(Text("  declared but not found in the text: " + ", ".join(r.declared_not_found), style="dim"))
    if r.undeclared and r.declared:
        con.print(Text.assemble(("Found but not declared: ", "bold yellow"), ", ".join(r.undeclared)))


def _story(con: Console, r: Report, quotes: bool) -> None:
    s = r.story
    con.print()
    con.rule(Text("Story facts", style="bold"), align="left")
    table = Table.grid(padding=(0, 2))
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
            people.append(f"{c.name}{extra} [{c.gender}{mark}, {c.mentions} mentions, {c.quotes} lines]")
        table.add_row("Characters", escape("\n".join(people)))
    con.print(table)
    if r.tags.archive_warnings or r.tags.additional:
        con.print(Text.assemble(("Suggested tags: ", "bold"),
                                "; ".join(r.tags.archive_warnings + r.tags.additional)))
    if quotes:
        con.print()
        con.rule(Text("Dialogue", style="bold"), align="left")
        for q in s.quotes:
            who = q.speaker or "?"
            con.print(Text(f"  ch. {q.chapter} ¶ {q.paragraph + 1}  ", style="dim") + Text(f"{who}: ", style="bold")
                      + Text(" ".join(q.text.split())))

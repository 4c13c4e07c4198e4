"""``forewarn warnings``: list the content-warning taxonomy."""
from __future__ import annotations

import json

import click


@click.command("warnings")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal",
              show_default=True, help="A table for a person, or JSON.")
def warnings_command(fmt: str) -> None:
    """List every content warning forewarn knows, by group."""
    from forewarn.taxonomy import load

    tax = load()
    if fmt == "json":
        click.echo(json.dumps({"groups": tax.groups,
                               "warnings": [w.to_dict() for w in tax.warnings]},
                              ensure_ascii=False, indent=2))
        return
    for group, gname in tax.groups.items():
        members = [w for w in tax.warnings if w.group == group]
        if not members:
            continue
        click.echo(f"\n{gname}")
        for w in members:
            pan = f"  [PAN: {', '.join(w.pan)}]" if w.pan else ""
            click.echo(f"  {w.id:<22} {w.name} — {w.question}{pan}")

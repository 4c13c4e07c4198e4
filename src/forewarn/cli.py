"""The ``forewarn`` command.

Subcommands live next to the code they drive and are registered at the bottom of this
file; every user-caused error becomes one line on stderr and a non-zero exit status
(2 for unusable input), never a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from forewarn._version import __version__
from forewarn.cli_group import ForewarnGroup
from forewarn.errors import ForewarnError

EXAMPLES = """
\b
Examples:
  forewarn scan story.txt                 # a report for a person
  forewarn scan work.html --evidence      # show the passages behind each warning
  forewarn scan book.epub --format json   # the report as JSON
  cat story.txt | forewarn scan -         # read standard input
  forewarn warnings                       # the warning taxonomy
"""


@click.group(cls=ForewarnGroup, epilog=EXAMPLES,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="forewarn")
def main() -> None:
    """forewarn: know what is in a story before you read it.

    Reads plain text, AO3 HTML and EPUB downloads and reports content warnings (with
    severity and, on request, the evidence), what the author declared, and story facts.
    """


@main.command(epilog=EXAMPLES)
@click.argument("source", metavar="PATH|-")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal",
              show_default=True, help="Output for a person, or the JSON report.")
@click.option("--evidence", is_flag=True,
              help="Show the passages behind each warning (they may spoil the story).")
@click.option("--quotes", is_flag=True, help="List the dialogue lines with their speakers.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to FILE instead of standard output.")
def scan(source: str, fmt: str, evidence: bool, quotes: bool, out: str | None) -> None:
    """Scan one story (a file, or - for standard input) and print its report."""
    from forewarn.ingest import load_bytes, read_limited
    from forewarn.pipeline import scan as scan_source
    from forewarn.pipeline import scan_work

    if source == "-":
        data = read_limited(sys.stdin.buffer)
        report = scan_work(_stdin_work(load_bytes, data))
    else:
        report = scan_source(Path(source))
    if fmt == "json":
        text = report.to_json()
    else:
        from forewarn.render.terminal import render_terminal

        text = render_terminal(report, evidence=evidence, quotes=quotes,
                               color=out is None and sys.stdout.isatty())
        from forewarn.profile import verdict_footer

        text += verdict_footer(report)  # the reader's verdict, when a profile is set
    _emit(text, out)


def _stdin_work(load_bytes, data: bytes):  # type: ignore[no-untyped-def]
    work = load_bytes(data, "<stdin>")
    work.source_format = "stdin" if work.source_format == "text" else work.source_format
    work.source_path = None
    return work


def _emit(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as exc:
            raise ForewarnError(f"{out}: cannot write ({exc.strerror or exc})") from None
    else:
        click.echo(text)


@main.group(cls=ForewarnGroup)
def evaluate() -> None:
    """Measure forewarn against annotated data (prints precision, recall, F1)."""


# -- subcommands from other packages register here (one line each) --------------------
main.add_command(__import__("forewarn.library.cli", fromlist=["library"]).library)
main.add_command(__import__("forewarn.profile_cli", fromlist=["profile"]).profile)
main.add_command(__import__("forewarn.web.cli", fromlist=["serve"]).serve)
main.add_command(__import__("forewarn.batch.cli", fromlist=["batch"]).batch)
evaluate.add_command(__import__("forewarn.evaluate.pan", fromlist=["pan_command"]).pan_command)
evaluate.add_command(__import__("forewarn.evaluate.quotes", fromlist=["quotes_command"]).quotes_command)
main.add_command(__import__("forewarn.taxonomy.cli", fromlist=["warnings_command"]).warnings_command)
evaluate.add_command(__import__("forewarn.evaluate.passages", fromlist=["passages_command"]).passages_command)

if __name__ == "__main__":  # pragma: no cover
    main()

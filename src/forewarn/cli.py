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
from forewarn.errors import ForewarnError, UnusableInput

EXAMPLES = """
\b
Examples:
  forewarn scan story.txt                 # a report for a person
  forewarn scan work.html --evidence      # show the passages behind each warning
  forewarn scan book.epub --evidence 10   # at most 10 passages per warning
  forewarn scan story.txt --profile p.json  # answer the warnings of a saved profile
  forewarn scan book.epub --format json   # the report as JSON
  forewarn scan work.html --format ao3-tags  # suggested AO3 tags, one a line
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
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "ao3-tags"]),
              default="terminal", show_default=True,
              help="Output for a person, the JSON report, or the suggested AO3 tags one a line.")
@click.option("--evidence", type=click.IntRange(min=0), is_flag=False, flag_value=-1, default=0,
              metavar="[N]", help="Show the passages behind each warning (they may spoil the "
              "story): all of them, or at most N per warning.")
@click.option("--quotes", is_flag=True, help="List the dialogue lines with their speakers.")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None,
              help="Answer the warnings of this profile file (default: your saved profile).")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to FILE instead of standard output.")
def scan(source: str, fmt: str, evidence: int, quotes: bool, profile_path: str | None,
         out: str | None) -> None:
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
    elif fmt == "ao3-tags":
        text = "\n".join(report.tags.archive_warnings + report.tags.additional)
    else:
        text = _terminal(report, evidence, quotes, profile_path, color=out is None and sys.stdout.isatty())
    _emit(text, out)


def _terminal(report, evidence: int, quotes: bool, profile_path: str | None,  # type: ignore[no-untyped-def]
              color: bool) -> str:
    """The report for a person, the reader's warnings answered and their verdict last."""
    from forewarn.profile import load_profile, verdict_footer
    from forewarn.render.terminal import render_terminal

    if profile_path is not None and not Path(profile_path).is_file():
        raise UnusableInput(f"{profile_path}: no such profile file")
    ids = list(load_profile(profile_path).avoid) or None
    text = render_terminal(report, evidence=True if evidence < 0 else evidence, quotes=quotes,
                           color=color, profile_ids=ids)
    return text + verdict_footer(report, profile_path)  # the verdict, when a profile is set


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


# -- subcommands from other packages: "name": "module:attribute", imported when run ------
main.lazy.update({
    "library": "forewarn.library.cli:library",
    "profile": "forewarn.profile_cli:profile",
    "serve": "forewarn.web.cli:serve",
    "batch": "forewarn.batch.cli:batch",
    "train": "forewarn.training.train:train_command",
    "warnings": "forewarn.taxonomy.cli:warnings_command",
})
evaluate.lazy.update({
    "pan": "forewarn.evaluate.pan:pan_command",
    "quotes": "forewarn.evaluate.quotes:quotes_command",
    "passages": "forewarn.evaluate.passages:passages_command",
    "novels": "forewarn.evaluate.novels:novels_command",
})

if __name__ == "__main__":  # pragma: no cover
    main()

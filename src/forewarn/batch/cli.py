"""``forewarn batch``: scan a whole corpus into a JSONL file of reports or PAN labels."""
from __future__ import annotations

import click

EXAMPLES = """
\b
Examples:
  forewarn batch stories/ --out results.jsonl             # a folder, all cores
  forewarn batch works.jsonl --format pan --out labels.jsonl
  forewarn batch works.jsonl --out results.jsonl --resume  # carry on after a crash
  forewarn batch corpus/ --engine dask --out results.jsonl # a Dask LocalCluster
  forewarn batch corpus/ --engine dask --scheduler tcp://10.0.0.5:8786 --out results.jsonl
"""


@click.command(epilog=EXAMPLES)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT…")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The JSONL file to write, one line per work.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores of this machine).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Local processes, or Dask (needs forewarn[dask]).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="An existing Dask scheduler (tcp://host:8786) instead of a LocalCluster "
                   "(implies --engine dask).")
@click.option("--library", "library", metavar="DB", default=None,
              type=click.Path(dir_okay=False),
              help="Also store every report in this library database.")
@click.option("--format", "fmt", type=click.Choice(["report", "pan"]), default="report",
              show_default=True,
              help="Whole reports, or PAN@CLEF 2023 {work_id, labels} lines.")
@click.option("--lean", is_flag=True,
              help="Leave the quote list and the evidence text out of the report lines "
                   "(evidence offsets stay): much smaller lines for novels.")
@click.option("--resume", is_flag=True,
              help="Skip the works already in --out (and cut a torn last line).")
@click.option("--overwrite", is_flag=True, help="Replace an existing --out file.")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              metavar="SECONDS",
              help="Time one work may take (local engine); a work over it is written as an "
                   "error line and its worker replaced. 0: no limit.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
def batch(inputs: tuple[str, ...], out: str, workers: int | None, engine: str,
          scheduler: str | None, library: str | None, fmt: str, lean: bool, resume: bool,
          overwrite: bool, timeout: float, quiet: bool) -> None:
    """Scan every work of INPUT… (folders of story files, JSONL {"id", "text"}, or PAN
    works.jsonl {"work_id", "text"}) and write one JSON line per work to --out.

    A work that cannot be read or scanned is written as {"id", "error"} and the run goes
    on; the summary on stderr counts them.
    """
    from forewarn.batch.runner import run_batch

    if resume and overwrite:
        raise click.UsageError("--resume and --overwrite exclude each other")
    if scheduler and engine != "dask":
        engine = "dask"
    stats = run_batch(inputs, out, workers=workers, engine=engine, scheduler=scheduler,
                      fmt=fmt, resume=resume, overwrite=overwrite, library=library,
                      lean=lean, progress=not quiet, timeout=timeout)
    if not quiet:
        click.echo(f"forewarn batch: {stats.summary()} → {out}", err=True)

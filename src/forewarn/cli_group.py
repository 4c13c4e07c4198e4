"""The error handling every forewarn command group shares.

A user-caused :class:`~forewarn.errors.ForewarnError` becomes one line on stderr and its exit
status (2 for unusable input); an unexpected error becomes one line too, with the traceback
only when ``FOREWARN_DEBUG`` is set.
"""
from __future__ import annotations

import os

import click

from forewarn.errors import ForewarnError


class ForewarnGroup(click.Group):
    """A click group that turns ForewarnError into a one-line message and exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ForewarnError as exc:
            click.echo(f"forewarn: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("forewarn: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            if os.environ.get("FOREWARN_DEBUG"):
                raise
            click.echo(f"forewarn: internal error: {type(exc).__name__}: {exc} "
                       "(set FOREWARN_DEBUG=1 for the traceback)", err=True)
            ctx.exit(1)

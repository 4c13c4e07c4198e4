"""The error handling every forewarn command group shares, and lazily imported subcommands.

A user-caused :class:`~forewarn.errors.ForewarnError` becomes one line on stderr and its exit
status (2 for unusable input); an unexpected error becomes one line too, with the traceback
only when ``FOREWARN_DEBUG`` is set.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

import click

from forewarn.errors import ForewarnError


class ForewarnGroup(click.Group):
    """A click group that turns ForewarnError into a one-line message and exit status.

    ``lazy`` maps subcommand names to ``"module:attribute"``: the module is imported only
    when that subcommand is run or listed (``--help``), so ``forewarn scan`` does not pay
    for importing the web app, the batch runner or the trainer.

    Example:
        >>> g = ForewarnGroup("demo", lazy={"warnings": "forewarn.taxonomy.cli:warnings_command"})
        >>> g.list_commands(click.Context(g)), g.get_command(click.Context(g), "warnings").name
        (['warnings'], 'warnings')
    """

    def __init__(self, *args, lazy: Mapping[str, str] | None = None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attr = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

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

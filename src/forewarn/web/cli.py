"""``forewarn serve``: the web app and JSON API on this machine."""
from __future__ import annotations

import click

from forewarn.errors import UnusableInput


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: only this computer).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="Library database file (default: $FOREWARN_DB or the user data folder).")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None,
              help="Reading profile file (default: $FOREWARN_PROFILE or the user config folder).")
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 2048),
              help="Largest request accepted (bigger ones get 413).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name the server may be reached by (repeatable); loopback "
                   "names and --host are always allowed, any other Host header gets 400.")
def serve(host: str, port: int, db: str | None, profile_path: str | None,
          max_upload_mb: int, allow_hosts: tuple[str, ...]) -> None:
    """Run the web app (library, reports, profile) and the JSON API; API docs at /docs."""
    try:
        import uvicorn

        from forewarn.web.app import create_app
    except ImportError as exc:
        raise UnusableInput(f"serve: the web extra is not installed ({exc.name}); "
                            f"pip install 'forewarn[web]'") from None
    app = create_app(db_path=db, max_upload_mb=max_upload_mb, profile_path=profile_path,
                     hosts=[host, *allow_hosts])
    click.echo(f"forewarn: serving http://{host}:{port}/ (API docs at /docs); Ctrl+C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

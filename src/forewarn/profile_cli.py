"""``forewarn profile``: the warnings you want to avoid, each from a minimum severity."""
from __future__ import annotations

import click

from forewarn.cli_group import ForewarnGroup

from forewarn.errors import ForewarnError

EXAMPLES = """
\b
Examples:
  forewarn profile set grief:mention suicide self-harm:depicted
  forewarn profile add smoking:depicted     # keep the others
  forewarn profile remove suicide
  forewarn profile show
  forewarn profile clear
Severities: mention < depicted < graphic; without one, any mention counts.
The profile is $FOREWARN_PROFILE, or profile.json in your user config folder.
"""


def _path_option(fn):  # type: ignore[no-untyped-def]
    return click.option("--profile", "path", type=click.Path(dir_okay=False), default=None,
                        help="Profile file (default: $FOREWARN_PROFILE or the user config "
                             "folder).")(fn)


@click.group(cls=ForewarnGroup, epilog=EXAMPLES)
def profile() -> None:
    """Your reading profile: `scan` and the web app end with a verdict for it."""


@profile.command(name="set", epilog=EXAMPLES)
@click.argument("specs", nargs=-1, required=True, metavar="WARNING[:SEVERITY]…")
@_path_option
def set_(specs: tuple[str, ...], path: str | None) -> None:
    """Replace the whole profile with these warnings (see also add and remove)."""
    from forewarn.profile import Profile, save_profile

    prof = Profile.parse(list(specs))
    saved = save_profile(prof, path)
    click.echo(f"Saved {_count(len(prof.avoid))} to {saved}")
    _show(prof)


@profile.command(epilog=EXAMPLES)
@click.argument("specs", nargs=-1, required=True, metavar="WARNING[:SEVERITY]…")
@_path_option
def add(specs: tuple[str, ...], path: str | None) -> None:
    """Add warnings to the profile (or change their severity), keeping the others."""
    from forewarn.profile import Profile, load_profile, save_profile

    prof = load_profile(path)
    prof.avoid.update(Profile.parse(list(specs)).avoid)
    saved = save_profile(prof, path)
    click.echo(f"Saved {_count(len(prof.avoid))} to {saved}")
    _show(prof)


@profile.command(epilog=EXAMPLES)
@click.argument("names", nargs=-1, required=True, metavar="WARNING…")
@_path_option
def remove(names: tuple[str, ...], path: str | None) -> None:
    """Take warnings out of the profile (a severity after the name is ignored)."""
    from forewarn.errors import UnusableInput
    from forewarn.library.filters import resolve_warning
    from forewarn.profile import load_profile, save_profile

    prof = load_profile(path)
    for name in names:
        wid = resolve_warning(name.partition(":")[0])
        if wid not in prof.avoid:
            raise UnusableInput(f"{wid}: not in your profile")
        del prof.avoid[wid]
    saved = save_profile(prof, path)
    click.echo(f"Saved {_count(len(prof.avoid))} to {saved}")
    _show(prof)


def _count(n: int) -> str:
    from forewarn.render.ranges import plural

    return plural(n, "warning")


@profile.command()
@_path_option
def show(path: str | None) -> None:
    """Print the profile."""
    from forewarn.profile import load_profile

    _show(load_profile(path))


@profile.command()
@_path_option
def clear(path: str | None) -> None:
    """Forget every warning in the profile."""
    from forewarn.profile import Profile, save_profile

    click.echo(f"Cleared {save_profile(Profile(), path)}")


def _show(prof) -> None:  # type: ignore[no-untyped-def]
    from forewarn.library.filters import warning_name

    if not prof.avoid:
        click.echo("No warnings in your profile (forewarn profile set WARNING[:SEVERITY]…).")
        return
    for wid, sev in prof.avoid.items():
        floor = {"mention": "any mention", "depicted": "depicted or worse"}.get(sev, "graphic only")
        click.echo(f"{wid:<24} {floor:<20} {warning_name(wid)}")

"""Analyzers as named components: what each needs, what it adds, in one registry.

Like a spaCy pipeline, a scan is a list of small components run in order over one
:class:`~forewarn.text.document.Document` and its :class:`~forewarn.report.Report`. Each
component has a name and declares the results it needs and the ones it adds (``hits`` and
``characters`` are intermediate results kept on ``doc.results``; ``report.*`` are parts of
the report). :func:`pipeline` checks the order: a component whose needs no earlier
component adds is an error, not a silent empty result. The command line, the Python API and
``forewarn batch`` all build their pipelines here.

Example:
    >>> [c.name for c in pipeline()]  # doctest: +NORMALIZE_WHITESPACE
    ['warning-candidates', 'warning-evidence', 'warning-decision', 'story',
     'major-character-death', 'rating', 'answers']
    >>> [c.name for c in pipeline(LABELS_ONLY)]
    ['warning-candidates', 'warning-evidence', 'warning-decision']
    >>> pipeline(["rating"])
    Traceback (most recent call last):
    ...
    ValueError: component 'rating' needs report.warnings, which no earlier component adds
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from forewarn.report import Report
    from forewarn.text.document import Document


@dataclass(frozen=True)
class Component:
    """One analyzer: ``run(doc, report)`` reads ``needs`` and fills ``adds``."""

    name: str
    run: Callable[["Document", "Report"], None]
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()

    def __call__(self, doc: "Document", report: "Report") -> None:
        self.run(doc, report)


REGISTRY: dict[str, Component] = {}
DEFAULT = ("warning-candidates", "warning-evidence", "warning-decision", "story",
           "major-character-death", "rating", "answers")
LABELS_ONLY = ("warning-candidates", "warning-evidence", "warning-decision")


def register(name: str, needs: Sequence[str] = (), adds: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """Decorator: register ``run(doc, report)`` as the component ``name``."""
    def wrap(run: Callable[["Document", "Report"], None]) -> Callable[["Document", "Report"], None]:
        REGISTRY[name] = Component(name, run, tuple(needs), tuple(adds))
        return run
    return wrap


def _load() -> None:
    """Import the modules that register the built-in components."""
    import forewarn.answers  # noqa: F401
    import forewarn.rating  # noqa: F401
    import forewarn.story.components  # noqa: F401
    import forewarn.warnings.components  # noqa: F401


def pipeline(names: Sequence[str] | None = None) -> list[Component]:
    """The components ``names`` (default: a whole report) in order, their needs checked."""
    _load()
    out: list[Component] = []
    have: set[str] = set()
    for name in DEFAULT if names is None else names:
        try:
            comp = REGISTRY[name]
        except KeyError:
            raise ValueError(f"no component named {name!r} (known: {', '.join(sorted(REGISTRY))})") from None
        for need in comp.needs:
            if need not in have:
                raise ValueError(f"component {name!r} needs {need}, which no earlier component adds")
        have.update(comp.adds)
        out.append(comp)
    return out

"""Keep batch workers on a leash: a time limit per work, and exit when the batch dies.

Both run only inside pool worker processes (never in the process that started the run).

* :func:`time_limit` gives a work ``seconds`` of wall time: then a ``SIGALRM`` raises
  :class:`WorkTimeout` (which also interrupts a blocked read). Code that never returns to
  Python (a regular expression or the HTML parser on a pathological input) is stopped by
  the kernel: ``SIGPROF`` with its default action ends the process after the same time
  plus :data:`GRACE_S` of CPU, and the pool replaces the worker.
* :func:`watch_parent` makes a worker exit when the batch process is gone (``kill -9``):
  on Linux the kernel kills it when its parent dies (``PR_SET_PDEATHSIG``), and a thread
  checks the batch's pid once a second.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from typing import Iterator

GRACE_S = 5.0
_PR_SET_PDEATHSIG = 1


class WorkTimeout(Exception):
    """A work took longer than the batch's ``--timeout``."""


def _alarm(signum: int, frame: object) -> None:
    raise WorkTimeout


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`WorkTimeout` in the block after ``seconds`` (None or 0: no limit; only
    in the main thread of a worker process, elsewhere the block simply runs).

    Example:
        >>> with time_limit(None):
        ...     "no limit"
        'no limit'
    """
    usable = seconds and hasattr(signal, "setitimer") and _in_worker() and \
        threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)  # the kernel's hard stop
    signal.setitimer(signal.ITIMER_PROF, seconds + GRACE_S)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, old)


def _in_worker() -> bool:
    """True in a child process (a pool worker): the hard stop must never end the batch."""
    import multiprocessing

    return multiprocessing.parent_process() is not None


def watch_parent(pid: int, every: float = 1.0) -> None:
    """Exit this process when process ``pid`` (the batch) is gone."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while True:
            time.sleep(every)
            if not _alive(pid):
                os._exit(1)

    threading.Thread(target=watch, name="forewarn-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie is dead).

    Example:
        >>> _alive(os.getpid())
        True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True

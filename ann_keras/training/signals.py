"""Ctrl-C and SIGTERM: stop a run at an epoch boundary, never in the middle of a backend call (no Keras).

Python runs a signal handler between bytecodes, wherever that is. Raising KeyboardInterrupt
inside TensorFlow's Python wrappers can crash the process on its way out, and one raised inside
a finalizer is printed and ignored, so the run would go on as if nothing happened. So while a
model trains (`deferred()`), the handler only records the request, and
`resume.StopAtEpochEnd` raises it once the epoch's backup is written. Elsewhere the handler
raises at once, as Python's does.
"""

from __future__ import annotations

import contextlib
import signal

_requested = False
_deferring = 0


def _handler(signum, frame):
    global _requested
    _requested = True
    if not _deferring:
        raise KeyboardInterrupt


def install() -> None:
    """SIGINT and SIGTERM both stop a run the way Ctrl-C does: state saved, one line said."""
    signal.signal(signal.SIGINT, _handler)
    signal.signal(signal.SIGTERM, _handler)


def check() -> None:
    """Raise the stop a signal asked for, if one did."""
    if _requested:
        raise KeyboardInterrupt


@contextlib.contextmanager
def deferred():
    """Inside: a signal waits for the next `check()` (an epoch boundary) instead of raising."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    check()

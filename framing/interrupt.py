"""Stopping a run cleanly: SIGTERM (and SIGHUP) are handled as Ctrl-C (SIGINT) is.

The CLI turns each into an exception in the main thread (:class:`Terminated` is a
``KeyboardInterrupt``), so the same cleanup runs whichever signal stopped the run: temporary files
are removed (``framing.output.atomic_path``), a store run is discarded (``framing.store``), the
worker pool is terminated. Worker processes ignore SIGINT and die quietly on SIGTERM, so that Ctrl-C
to the process group (the terminal sends it to every process) never prints a worker's traceback:
the main process stops them. A run killed with SIGKILL cannot clean up; what it leaves (temporary
``.NAME.PID.XXXX.part`` files, a store run not marked finished) is removed by the next run.
"""
from __future__ import annotations

import contextlib
import signal
import threading

HANDLED = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


class Terminated(KeyboardInterrupt):
    """The run received SIGTERM or SIGHUP. The signal is the class's (a library that re-raises an
    exception with other arguments, as reportlab does, keeps its class)."""

    signum = 15

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_CLASSES = {s: type(f"Terminated{signal.Signals(s).name[3:].title()}", (Terminated,), {"signum": int(s)})
            for s in HANDLED}


_RECEIVED: list[int] = []   # the signals received while handled_signals() is in force


def _raise(signum, frame):
    _RECEIVED.append(signum)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise _CLASSES[signum]()


def as_interruption(exc: BaseException) -> KeyboardInterrupt | None:
    """The interruption an exception stands for, if it does: DuckDB turns a signal that arrives
    during a query into ``RuntimeError("Query interrupted")``."""
    if isinstance(exc, KeyboardInterrupt):
        return exc
    if _RECEIVED and isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower():
        signum = _RECEIVED[-1]
        return KeyboardInterrupt() if signum == signal.SIGINT else _CLASSES[signum]()
    return None


@contextlib.contextmanager
def handled_signals():
    """SIGTERM and SIGHUP raise :class:`Terminated`, SIGINT KeyboardInterrupt, while the block runs
    (main thread only); the signals received are noted for :func:`as_interruption`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _RECEIVED.clear()
    previous = {s: signal.signal(s, _raise) for s in (signal.SIGINT, *HANDLED)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        _RECEIVED.clear()


@contextlib.contextmanager
def signals_blocked():
    """Hold SIGINT, SIGTERM and SIGHUP while worker processes are started: a process forked in
    between has not yet set its own handlers (:func:`worker_signals`) and would print a traceback."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, *HANDLED}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def worker_signals() -> None:
    """In a worker process: ignore SIGINT (the main process stops the pool), die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for s in HANDLED:
        signal.signal(s, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, *HANDLED})

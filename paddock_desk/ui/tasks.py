"""Running slow work (an import, an export) off the UI thread, with the result back on it.

As Picard's ``run_task``: the caller gives the work and a callback that receives the result or
the exception. Dialogs take a runner, so tests pass :func:`run_now` and stay synchronous.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any], None]
Runner = Callable[[Callable[[], Any], Done], None]


def run_now(work: Callable[[], Any], done: Done) -> None:
    """Run ``work`` here and now; ``done`` gets its result, or the exception it raised."""
    try:
        result = work()
    except Exception as exc:  # noqa: BLE001 - handed to the callback, which shows it
        result = exc
    done(result)


class _Relay(QObject):
    finished = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        run_now(self._work, self._relay.finished.emit)


_pending: set[_Relay] = set()


def run_in_thread(work: Callable[[], Any], done: Done) -> None:
    """Run ``work`` on the global thread pool; ``done`` runs on the UI thread afterwards."""
    relay = _Relay()
    _pending.add(relay)

    def finish(result: Any) -> None:
        _pending.discard(relay)
        done(result)

    relay.finished.connect(finish)
    QThreadPool.globalInstance().start(_Task(work, relay))

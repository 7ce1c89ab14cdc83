"""One background thread that runs jobs in order, which the program's exit never waits on.

concurrent.futures' thread pool joins its threads when the interpreter shuts down. A second
Ctrl+C landing as the program exits can leave such a thread waiting on its queue for good
and the interpreter waiting on it, holding the program's locks: new copies refuse and
`unknot watch` stays quiet. Sound and notifications are worth nothing to a program that is
going, so their thread is a daemon: waiting for a last cue is a bounded wait in `close`,
never a join at exit.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class Worker:
    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, job: Callable[..., T], *args: Any) -> Future[T]:
        """Run `job(*args)` on the thread, after those before it; returns at once. After
        `close` the job is not run (its future is cancelled)."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                future.cancel()
                return future
            self._jobs.put((future, job, args))
            if self._thread is None:  # started on first use: most runs never play a sound
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
        return future

    def close(self, wait: float = 0.0) -> None:
        """Take no more jobs; let those already given finish for at most `wait` seconds."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is None or wait <= 0:
            return
        last: Future[None] = Future()
        self._jobs.put((last, lambda: None, ()))
        try:
            last.result(timeout=wait)
        except Exception:  # too slow, or a job failed: the program goes on ending
            return

    def _run(self) -> None:
        while True:
            future, job, args = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = job(*args)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

"""Desktop notifications through the freedesktop D-Bus API (org.freedesktop.Notifications).

The bell and OSC 777/9 reach the terminal the program runs in; this reaches the desktop
itself, which a person sees from any window. It speaks D-Bus with jeepney (pure Python, no
event loop of its own) on one worker thread, so the caller never waits. Where there is no
desktop — no session bus, or a bus with nobody serving notifications — it stays quiet: no
error, no delay, a line in the log.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import stat
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.core.alerts import Alert
from unknot.core.text import one_line

log = logging.getLogger("unknot.notify")

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT = 5.0  # seconds for the server to answer: it may be started on demand
RETRY_AFTER = 300.0  # seconds before trying a desktop that wasn't there again
URGENCY = {"low": 0, "normal": 1, "critical": 2}
BODY_LIMIT = 500


class NoDesktop(Exception):
    """No session bus, or nothing on it that shows notifications."""


def session_bus_address(env: Mapping[str, str]) -> str | None:
    """Where the session bus is: $DBUS_SESSION_BUS_ADDRESS, else the per-user socket at
    $XDG_RUNTIME_DIR/bus that systemd sets up (where libdbus looks too)."""
    address = env.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = env.get("XDG_RUNTIME_DIR", "").strip()
    if runtime:
        socket_path = Path(runtime) / "bus"
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(socket_path.stat().st_mode):
                return f"unix:path={socket_path}"
    return None


@dataclass(frozen=True)
class Sent:
    title: str
    body: str
    urgency: str
    id: int  # the server's id for it


class Notifier:
    """Sends desktop notifications; `enabled` is the `desktop_notify` setting.

    A notification with a `tag` replaces the last one sent with the same tag, so a repeating
    "take the pack off" alarm shows once, updated, rather than piling up.
    """

    def __init__(
        self,
        enabled: bool = True,
        env: Mapping[str, str] | None = None,
        app_name: str = "unknot",
        timeout: float = CALL_TIMEOUT,
    ) -> None:
        self.enabled = enabled
        self.app_name = app_name
        self.timeout = timeout
        self._env = dict(os.environ) if env is None else dict(env)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unknot-notify")
        self._lock = threading.Lock()
        self._connection: Any = None
        self._markup: bool | None = None  # does the server read the body as markup?
        self._away_until = 0.0  # time.monotonic() before which no desktop is assumed
        self._ids: dict[str, int] = {}
        self.available: bool | None = None  # None until the first try
        self.sent: list[Sent] = []

    def notify(
        self, title: str, body: str, urgency: str = "normal", tag: str | None = None
    ) -> Future[None] | None:
        """Send it from the worker thread; returns at once (with the worker's future)."""
        if not self.enabled:
            return None
        return self._worker.submit(self._send, one_line(title), one_line(body), urgency, tag)

    def send(self, alert: Alert) -> Future[None] | None:
        """An engine's alert (core.alerts), as a notification."""
        return self.notify(alert.title, alert.body, alert.urgency, alert.tag)

    def check(self) -> Future[None] | None:
        """Find out in the background whether a desktop is there (see `available`)."""
        if not self.enabled:
            return None
        return self._worker.submit(self._probe)

    def close(self, limit: float = 2.0) -> None:
        """Send what is waiting (for at most about `limit` seconds), then let go of the bus."""
        done = self._worker.submit(lambda: None)
        with contextlib.suppress(Exception):
            done.result(timeout=limit)
        self._worker.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            self._disconnect()

    # -- on the worker --

    def _probe(self) -> None:
        try:
            self._connect()
        except NoDesktop as exc:
            self._gone(str(exc))

    def _send(self, title: str, body: str, urgency: str, tag: str | None) -> None:
        if time.monotonic() < self._away_until:
            return
        try:
            self._deliver(title, body, urgency, tag)
        except NoDesktop as exc:
            self._gone(str(exc))
        except (OSError, ConnectionError, TimeoutError) as exc:
            # The bus went away under us (a logout, a restart): try once more, afresh.
            with self._lock:
                self._disconnect()
            try:
                self._deliver(title, body, urgency, tag)
            except (NoDesktop, OSError, ConnectionError, TimeoutError) as again:
                self._gone(f"{exc}; then {again}")
        except Exception as exc:  # a reply that made no sense: a line in the log, never more
            log.warning("desktop notification not sent: %r", exc)

    def _gone(self, why: str) -> None:
        if self.available is not False:
            log.info("desktop notifications: none here (%s)", why)
        self.available = False
        self._away_until = time.monotonic() + RETRY_AFTER
        with self._lock:
            self._disconnect()

    def _deliver(self, title: str, body: str, urgency: str, tag: str | None) -> None:
        connection = self._connect()
        from jeepney import DBusAddress, new_method_call

        if self._markup:
            # The server reads the body as markup: text must stay text.
            body = html.escape(body, quote=False)
        replaces = self._ids.get(tag, 0) if tag else 0
        hints = {"urgency": ("y", URGENCY.get(urgency, 1))}
        address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        message = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (self.app_name, replaces, "", title, body[:BODY_LIMIT], [], hints, -1),
        )
        (notification_id,) = self._call(connection, message)
        if tag:
            self._ids[tag] = int(notification_id)
        self.available = True
        self.sent.append(Sent(title, body, urgency, int(notification_id)))

    def _connect(self) -> Any:
        with self._lock:
            if self._connection is not None:
                return self._connection
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:  # a system without D-Bus, where it isn't installed
            raise NoDesktop("no D-Bus library") from exc
        address = session_bus_address(self._env)
        if address is None:
            raise NoDesktop("no session bus")
        try:
            connection = open_dbus_connection(bus=address)
        except (OSError, RuntimeError, ValueError, TimeoutError) as exc:
            raise NoDesktop(f"can't reach the session bus: {exc}") from exc
        try:
            server = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
            (capabilities,) = self._call(connection, new_method_call(server, "GetCapabilities"))
        except BaseException:
            connection.close()
            raise
        with self._lock:
            self._connection = connection
            self._markup = "body-markup" in capabilities
        self.available = True
        return connection

    def _call(self, connection: Any, message: Any) -> tuple[Any, ...]:
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        try:
            reply = connection.send_and_get_reply(message, timeout=self.timeout)
        except TimeoutError as exc:
            raise NoDesktop("the notification server did not answer") from exc
        try:
            return tuple(unwrap_msg(reply))
        except DBusErrorResponse as exc:
            # ServiceUnknown, NameHasNoOwner...: nobody on this bus shows notifications.
            raise NoDesktop(f"{exc.name}") from exc

    def _disconnect(self) -> None:
        # Called with the lock held.
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None
            self._markup = None

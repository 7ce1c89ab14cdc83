"""Desktop notifications through the freedesktop D-Bus API (org.freedesktop.Notifications).

The bell and OSC 777/9 reach the terminal the program runs in; this reaches the desktop
itself, which a person sees from any window. It speaks D-Bus through jeepney's protocol core
(pure Python) on one worker thread, with a time limit on every step, so neither the caller
nor the program's exit ever waits on it. Where there is no desktop — no session bus, or a
bus with nobody serving notifications — it stays quiet: no error, no delay, a line in the log.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import stat
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.core.text import one_line
from unknot.core.words.alerts import Alert
from unknot.sound.worker import Worker

log = logging.getLogger("unknot.notify")

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT = 5.0  # seconds for the bus and the server to answer: it may start on demand
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
        self._worker = Worker("unknot-notify")
        self._markup = False  # does the server read the body as markup?
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
        """Send what is waiting, for at most about `limit` seconds, then stop the worker."""
        self._worker.close(wait=limit)

    # -- on the worker --

    def _probe(self) -> None:
        try:
            self._talk(lambda call: None)
        except NoDesktop as exc:
            self._gone(str(exc))

    def _send(self, title: str, body: str, urgency: str, tag: str | None) -> None:
        if time.monotonic() < self._away_until:
            return
        try:
            self._talk(lambda call: self._deliver(call, title, body, urgency, tag))
        except NoDesktop as exc:
            self._gone(str(exc))
        except Exception as exc:  # a reply that made no sense: a line in the log, never more
            log.warning("desktop notification not sent: %r", exc)

    def _gone(self, why: str) -> None:
        if self.available is not False:
            log.info("desktop notifications: none here (%s)", why)
        self.available = False
        self._away_until = time.monotonic() + RETRY_AFTER

    def _talk(self, then: Callable[[Callable[..., tuple[Any, ...]]], None]) -> None:
        """Connect to the session bus, ask the server what it reads, then do `then`.

        A connection for each notification: they come minutes apart, connecting takes a
        millisecond, and nothing is left to go stale between them (a logout, a restart).
        """
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.wrappers import DBusErrorResponse, unwrap_msg
        except ImportError as exc:  # a system without D-Bus, where it isn't installed
            raise NoDesktop("no D-Bus library") from exc
        address = session_bus_address(self._env)
        if address is None:
            raise NoDesktop("no session bus")
        server = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        try:
            with _Bus(address, self.timeout) as bus:

                def call(method: str, signature: str | None = None, body: tuple[Any, ...] = ()):
                    try:
                        reply = bus.call(new_method_call(server, method, signature, body))
                        return tuple(unwrap_msg(reply))
                    except DBusErrorResponse as exc:
                        # ServiceUnknown and the like: nobody here shows notifications.
                        raise NoDesktop(str(exc.name)) from exc

                (capabilities,) = call("GetCapabilities")
                self._markup = "body-markup" in capabilities
                self.available = True
                then(call)
        except (OSError, RuntimeError, ValueError, EOFError) as exc:
            # No socket, a refused or dropped connection, no answer in time (TimeoutError is
            # an OSError), an address jeepney can't use.
            raise NoDesktop(f"the session bus: {exc!r}") from exc

    def _deliver(
        self,
        call: Callable[..., tuple[Any, ...]],
        title: str,
        body: str,
        urgency: str,
        tag: str | None,
    ) -> None:
        if self._markup:
            # The server reads the body as markup: text must stay text.
            body = html.escape(body, quote=False)
        replaces = self._ids.get(tag, 0) if tag else 0
        hints = {"urgency": ("y", URGENCY.get(urgency, 1))}
        (notification_id,) = call(
            "Notify",
            "susssasa{sv}i",
            (self.app_name, replaces, "", title, body[:BODY_LIMIT], [], hints, -1),
        )
        if tag:
            self._ids[tag] = int(notification_id)
        self.sent.append(Sent(title, body, urgency, int(notification_id)))


class _Bus:
    """A blocking D-Bus client with a time limit on every step, on jeepney's protocol core.

    (jeepney's own blocking connection waits without a limit for the bus's first reply; a
    bus that never gives it would hold the worker, and the program's exit, for ever.)
    """

    def __init__(self, address: str, timeout: float) -> None:
        import socket

        from jeepney import Parser
        from jeepney.auth import BEGIN, Authenticator
        from jeepney.bus import get_bus
        from jeepney.bus_messages import message_bus

        self.timeout = timeout
        self.parser = Parser()
        self.serial = 0
        self.sock = socket.socket(socket.AF_UNIX)
        try:
            self.sock.settimeout(timeout)
            self.sock.connect(get_bus(address))
            auth = Authenticator()  # its first line starts with the NUL byte the bus expects
            for request in auth:
                self.sock.sendall(request)
                auth.feed(self._read())
            self.sock.sendall(BEGIN)
            self.call(message_bus.Hello())
        except BaseException:
            self.sock.close()
            raise

    def _read(self) -> bytes:
        data = self.sock.recv(4096)
        if not data:
            raise EOFError("the bus closed the connection")
        return data

    def call(self, message: Any) -> Any:
        """Send `message` and return its reply (or error), within the time limit."""
        from jeepney import HeaderFields

        self.serial += 1
        self.sock.sendall(message.serialise(serial=self.serial))
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self.parser.get_next_message()
            if reply is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no reply in time")
                self.sock.settimeout(left)
                self.parser.add_data(self._read())
            elif reply.header.fields.get(HeaderFields.reply_serial) == self.serial:
                return reply
            # anything else (a signal, another reply) is not for us

    def __enter__(self) -> _Bus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

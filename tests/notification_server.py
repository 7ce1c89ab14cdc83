"""A small desktop-notification server for the tests: it owns org.freedesktop.Notifications
on the bus it is given, answers as a real one does, and writes each Notify call it receives
to a file, one JSON object a line.

    python -m tests.notification_server BUS_ADDRESS RECORD_FILE [--markup] [--silent]

It prints "ready" once it owns the name. --markup says the server reads bodies as markup;
--silent takes the name but never answers (a hung server).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
DO_NOT_QUEUE = 4
PRIMARY_OWNER = 1


def main(argv: list[str]) -> int:
    address, record = argv[0], Path(argv[1])
    markup, silent = "--markup" in argv, "--silent" in argv
    connection = open_dbus_connection(bus=address)
    (result,) = connection.send_and_get_reply(message_bus.RequestName(NAME, DO_NOT_QUEUE)).body
    if result != PRIMARY_OWNER:
        print(f"could not own {NAME}: {result}", flush=True)
        return 1
    print("ready", flush=True)
    next_id = 1
    while True:
        try:
            message = connection.receive()
        except (ConnectionError, OSError):
            return 0  # the bus went away: the test is over
        header = message.header
        if header.message_type != MessageType.method_call or silent:
            continue
        member = header.fields.get(HeaderFields.member)
        if member == "Notify":
            app, replaces, _icon, summary, body, actions, hints, expire = message.body
            entry = {
                "app": app,
                "replaces": replaces,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "urgency": hints.get("urgency", ("y", None))[1],
                "expire": expire,
            }
            with record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(entry) + "\n")
            given = replaces or next_id
            next_id += 0 if replaces else 1
            reply = new_method_return(message, "u", (given,))
        elif member == "GetCapabilities":
            capabilities = ["body", "body-markup"] if markup else ["body"]
            reply = new_method_return(message, "as", (capabilities,))
        elif member == "GetServerInformation":
            reply = new_method_return(message, "ssss", ("test", "unknot tests", "1", "1.2"))
        else:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
        connection.send(reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

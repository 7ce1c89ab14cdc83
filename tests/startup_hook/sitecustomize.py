"""Loaded by Python at start-up in the test's process only (it is put on PYTHONPATH): when the
program first imports the module named in UNKNOT_TEST_HOLD_AT, it says so on stderr and waits
there for a signal, so a test can send Ctrl+C at exactly that point of start-up."""

import os
import signal
import sys

_AT = os.environ.get("UNKNOT_TEST_HOLD_AT")


class _Hold:
    def find_spec(self, name, path=None, target=None):
        if name == _AT:
            sys.meta_path.remove(self)
            os.write(2, f"held at {name}\n".encode())
            signal.pause()  # the SIGINT's KeyboardInterrupt is raised here, inside the import
        return None


if _AT:
    sys.meta_path.insert(0, _Hold())

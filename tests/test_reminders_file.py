"""One reminders file, several writers: the open program, the command line, the watcher.
A copy saves its own changes into the file as it is now, never a stale copy over it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT
from unknot.store.timers import TimerStore

ADD = """
import sys
from pathlib import Path
from unknot.store.timers import TimerStore

store = TimerStore(Path(sys.argv[1]))
book = store.load_reminders()
book.add_once(600, 1000.0, sys.argv[2])
store.save_reminders(book)
"""


def add_elsewhere(data_dir, text: str) -> None:
    subprocess.run([sys.executable, "-c", ADD, str(data_dir), text], check=True, cwd=ROOT)


def texts(data_dir) -> list[str]:
    saved = json.loads((data_dir / "reminders.json").read_text())
    return [r["text"] for r in saved["reminders"]]


def test_a_save_keeps_what_another_process_added_since_this_one_read(tmp_path):
    first = TimerStore(tmp_path)
    book = first.load_reminders()
    move = book.add_every(2700, 0.0)
    first.save_reminders(book)
    add_elsewhere(tmp_path, "Reapply heat")  # while this copy is open
    book.done(move, 2700.0)  # then the move reminder fires here
    first.save_reminders(book)
    assert texts(tmp_path) == ["Time to move", "Reapply heat"]
    assert [r.text for r in book.reminders] == ["Time to move", "Reapply heat"]
    assert book.reminders[0].due == 5400.0


def test_an_open_book_takes_in_what_was_saved_elsewhere(tmp_path):
    first = TimerStore(tmp_path)
    book = first.load_reminders()
    assert first.refresh_reminders(book) is False  # nothing new: only a look at the file
    add_elsewhere(tmp_path, "Drink some water")
    assert first.refresh_reminders(book) is True
    assert [(r.text, r.due) for r in book.reminders] == [("Drink some water", 1600.0)]
    book.remove(book.reminders[0])  # done here: a later save does not bring it back
    first.save_reminders(book)
    assert texts(tmp_path) == []

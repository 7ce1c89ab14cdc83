"""`unknot diary` as a person runs it: a real process, a real history file."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, run_cli
from unknot.core.safety.diary import NOTHING_SAVED, questions
from unknot.core.safety.signs import load_catalogue
from unknot.store.history import Store

QUESTIONS = questions(load_catalogue())


def test_a_yes_to_the_warning_sign_shows_the_stop_at_once(tmp_path):
    # pain, where, how it feels, two empty answers, no to three, yes to the sign; then two
    # more lines that nothing may take as answers to questions not asked
    typed = "4\nlower back\naching\n\n\nn\nn\nn\ny\npills\nmore\n"
    result = run_cli("diary", stdin=typed, env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲" in out
    assert "Medicines you took today" not in out and "Anything else?" not in out
    (entry,) = Store(tmp_path).diary_entries()
    assert (entry.pain, entry.location, entry.bladder_bowel) == (4, "lower back", True)
    assert (entry.medicines, entry.notes) == ("", "")


def test_every_question_in_the_engines_order_and_only_empty_answers_save_nothing(tmp_path):
    typed = "\n" * len(QUESTIONS)
    result = run_cli("diary", stdin=typed, env={"UNKNOT_DATA_DIR": str(tmp_path)})
    out = result.stdout
    places = [out.index(q.words) for q in QUESTIONS]
    assert places == sorted(places)
    assert out.rstrip().endswith(NOTHING_SAVED)
    assert Store(tmp_path).diary_entries() == []


def test_no_input_saves_nothing_and_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "unknot", "diary"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "UNKNOT_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(NOTHING_SAVED)
    assert "Saved." not in result.stdout
    assert Store(tmp_path).diary_entries() == []

"""What screens tell the app: the person's answers and keys. The app hands them to the visit."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from unknot.core.plan import Plan
from unknot.core.prompts import Prompt


@dataclass
class Answered(Message):
    """The answer to the prompt a screen shows."""

    prompt: Prompt
    value: object


@dataclass
class Act(Message):
    """A key on a view: pause, next, previous, restart_step, go_on, quit_routine, stop_timer,
    leave_finish, run_again, open_signs."""

    action: str


@dataclass
class StartRoutine(Message):
    plan: Plan


@dataclass
class StartTherapy(Message):
    kind: str
    on: float  # seconds the pack stays on

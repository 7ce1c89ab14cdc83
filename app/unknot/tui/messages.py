"""What screens tell the app: the person's answers and keys. The app hands them to the visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic

from textual.message import Message

from unknot.core.engine.plan import Plan
from unknot.core.engine.prompts import A, Act, Prompt


@dataclass
class Answered(Message, Generic[A]):
    """The answer to the prompt a screen shows, of the type that prompt takes."""

    prompt: Prompt[A]
    value: A


@dataclass
class Acted(Message):
    """A key on a view."""

    act: Act


@dataclass
class StartRoutine(Message):
    plan: Plan


@dataclass
class StartTherapy(Message):
    kind: str
    on: float  # seconds the pack stays on

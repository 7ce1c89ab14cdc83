"""What the visit puts in front of the person, and what it announces to the services around
it. Faces render these; they never decide what comes next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from unknot.core.daystop import DayStop
from unknot.core.reminders import Reminder
from unknot.core.safety import Advice, Sign, Stop
from unknot.core.session import Event
from unknot.core.therapy import TherapyEvent


class View(str, Enum):
    """What the screen underneath the prompts shows."""

    LIBRARY = "library"
    RUN = "run"
    THERAPY = "therapy"
    FINISH = "finish"


# --- prompts: what the person is asked or told now ---------------------------------------


@dataclass(frozen=True)
class Prompt:
    """A question or a notice in front of the person. `serial` identifies it: an answer to a
    prompt that is no longer in front is ignored, so a late key can't answer a newer one."""

    kind: ClassVar[str] = ""
    serial: int

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.serial


@dataclass(frozen=True)
class StopPrompt(Prompt):
    """Answers: "end" (always), "skip" (only when `can_skip`), "lift" (only when `can_lift`:
    an emergency or urgent stop from earlier today, shown again; "lift" asks whether the
    person has been seen or reported it by mistake, and only a yes to that lets it go)."""

    kind: ClassVar[str] = "stop"
    stop: Stop
    advice: Advice
    can_skip: bool
    in_routine: bool
    armed_at: float  # clock time from which its keys count
    can_lift: bool = False

    def armed(self, now: float) -> bool:
        return now >= self.armed_at


@dataclass(frozen=True)
class SignsPrompt(Prompt):
    """The person pressed `!`: every warning sign, most urgent first. Answer: a Sign, or None
    to go back."""

    kind: ClassVar[str] = "signs"
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class RemovePackPrompt(Prompt):
    """The pack must come off now; the alarm repeats until it is. Answer: None (it's off)."""

    kind: ClassVar[str] = "remove-pack"
    words: str  # "cold pack" or "heat pack"
    overdue: float  # seconds past its time, at the run's speed


@dataclass(frozen=True)
class SkinCheckPrompt(Prompt):
    """Answer: True (skin normal) or False (white, grey or waxy, numb, blistered, very red)."""

    kind: ClassVar[str] = "skin-check"
    words: str


@dataclass(frozen=True)
class ConfirmPrompt(Prompt):
    """Answer: True or False. `what`: routine (end it), timer (stop it), exit (close unknot),
    lift (the day's stop). A yes counts from `armed_at` (clock time); a no at once."""

    kind: ClassVar[str] = "confirm"
    what: str
    question: str
    yes: str
    no: str
    armed_at: float = 0.0

    def armed(self, now: float) -> bool:
        return now >= self.armed_at


@dataclass(frozen=True)
class MessagePrompt(Prompt):
    """Something to read and acknowledge. Answer: None."""

    kind: ClassVar[str] = "message"
    title: str
    text: str


@dataclass(frozen=True)
class NoticePrompt(Prompt):
    """The first-run notice: not medical advice. Answer: None."""

    kind: ClassVar[str] = "notice"


@dataclass(frozen=True)
class DailyCheckPrompt(Prompt):
    """Before the first routine of a day. Answer: a Sign the person has, None for none of
    these, or "cancel" to not start now."""

    kind: ClassVar[str] = "daily-check"
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class PainPrompt(Prompt):
    """A pain rating, 0-10. Answer: an int, or None to skip. `when`: before or after."""

    kind: ClassVar[str] = "pain"
    when: str
    question: str


@dataclass(frozen=True)
class HighPainPrompt(Prompt):
    """Pain of 8 or more before starting. Answer: True to go on anyway, False not to."""

    kind: ClassVar[str] = "high-pain"
    pain: int
    text: str


@dataclass(frozen=True)
class CheckInPrompt(Prompt):
    """A check step. Answer: a CheckIn (answers built with `checkin.answer`)."""

    kind: ClassVar[str] = "check-in"
    title: str
    questions: tuple[tuple[str, bool], ...]  # (question, the answer that stops: True = yes)


@dataclass(frozen=True)
class SkinRestPrompt(Prompt):
    """A new application waits for the skin to rest. Answer: "apply" (once ready) or
    "cancel" (skip the step in a routine, or give up the timer)."""

    kind: ClassVar[str] = "skin-rest"
    words: str
    ready_at: float  # clock time the skin has rested enough
    in_routine: bool

    def ready(self, now: float) -> bool:
        return now >= self.ready_at


@dataclass(frozen=True)
class ReapplyPrompt(Prompt):
    """You may reapply. Answer: True to start the next application, False to finish."""

    kind: ClassVar[str] = "reapply"
    words: str
    next_cycle: int
    cycles: int


@dataclass(frozen=True)
class ReminderPrompt(Prompt):
    """Answer: "done", "routine" (start the one it offers), "skip", or ("snooze", minutes)."""

    kind: ClassVar[str] = "reminder"
    reminder: Reminder
    overdue: float


@dataclass(frozen=True)
class FunctionPrompt(Prompt):
    """This week's function scale (see `psfs`). `activities`: the ones named last time, to
    rate again. Answer: a FunctionRating, "skip" (not this week), or None (not now)."""

    kind: ClassVar[str] = "function"
    activities: tuple[str, ...]
    question: str


# --- what the visit announces -------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A fact for the history. A preview announces none. `session` is the visit's own number
    for the session it belongs to (None outside a routine)."""

    name: str  # see RECORDS
    at: float  # wall time
    session: int | None = None
    value: Any = None


RECORDS = (
    "session-started",  # value: (Plan, pain before)
    "progress",  # value: segments reached
    "check-in",  # value: CheckIn
    "stop",  # value: Stop
    "stop-lifted",  # value: Stop (the day's stop the person was seen for, or made by mistake)
    "session-ended",  # value: (Outcome, reason, the ending the history keeps)
    "pain-after",  # value: int
    "pack-removed",  # value: (TherapySpec, cycle, overdue, time on: seconds as authored)
    "skin-checked",  # value: (cycle, normal)
    "reminder-fired",  # value: (Reminder, overdue)
    "daily-check-done",  # value: the date
    "notice-seen",
    "function-rated",  # value: FunctionRating
    "function-skipped",
)


@dataclass(frozen=True)
class Signal:
    """Something to say or sound now, preview or not: `stop` (value: Stop), `reminder`
    (value: (Reminder, seconds overdue)), `refused` (value: why), `told` (value: (title,
    text) of a message that is also a prompt), `start-routine` (value: a routine's id)."""

    name: str
    value: Any = None


Happening = Event | TherapyEvent | Record | Signal
Listener = Callable[[Happening], None]


@dataclass
class Saved:
    """What outlives the program: the pack timer, when the skin last came off, the reminders,
    and an emergency or urgent stop reported today."""

    therapy: dict[str, Any] | None = None
    skin_off: float | None = None  # wall time the last real application came off
    reminders: dict[str, Any] = field(default_factory=dict)
    day_stop: DayStop | None = None
    lost_timer: str | None = None  # a saved pack timer could not be read: what to say

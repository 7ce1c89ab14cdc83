"""What the visit puts in front of the person, and what it announces to the services around
it. Faces render these; they never decide what comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from unknot.core.checkin import CheckIn
from unknot.core.daystop import DayStop
from unknot.core.plan import Plan
from unknot.core.psfs import FunctionRating
from unknot.core.reminders import Reminder
from unknot.core.safety import Advice, Sign, Stop
from unknot.core.session import Event, Outcome
from unknot.core.therapy import TherapyEvent, TherapySpec


class View(str, Enum):
    """What the screen underneath the prompts shows."""

    LIBRARY = "library"
    RUN = "run"
    THERAPY = "therapy"
    FINISH = "finish"


class Act(Enum):
    """A key on a view, outside any prompt: what the person does to the routine or timer."""

    PAUSE = "pause"
    NEXT = "next"
    PREVIOUS = "previous"
    RESTART_STEP = "restart_step"
    GO_ON = "go_on"
    QUIT_ROUTINE = "quit_routine"
    STOP_TIMER = "stop_timer"
    LEAVE_FINISH = "leave_finish"
    RUN_AGAIN = "run_again"
    OPEN_SIGNS = "open_signs"


# --- the answers prompts take -------------------------------------------------------------


class StopAnswer(Enum):
    END = "end"  # always
    SKIP = "skip"  # only when the stop `can_skip`
    LIFT = "lift"  # only when it `can_lift`


class DailyAnswer(Enum):
    NONE_OF_THESE = "none"
    NOT_NOW = "cancel"  # the routine doesn't start, and the check stays due


class SkinRestAnswer(Enum):
    APPLY = "apply"  # once the skin has rested
    CANCEL = "cancel"


class ReminderAnswer(Enum):
    DONE = "done"
    ROUTINE = "routine"  # start the routine it offers
    SKIP = "skip"


@dataclass(frozen=True)
class Snooze:
    minutes: float


class FunctionAnswer(Enum):
    SKIP_WEEK = "skip"  # not this week
    NOT_NOW = "later"  # asked again next time


# --- prompts: what the person is asked or told now ---------------------------------------

A = TypeVar("A")


@dataclass(frozen=True)
class Prompt(Generic[A]):
    """A question or a notice in front of the person; `A` is the answer it takes. `serial`
    identifies it: an answer to a prompt that is no longer in front is ignored, so a late key
    can't answer a newer one."""

    kind: ClassVar[str] = ""
    serial: int

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.serial


@dataclass(frozen=True)
class StopPrompt(Prompt[StopAnswer]):
    """`can_lift`: an emergency or urgent stop from earlier today, shown again; LIFT asks
    whether the person has been seen or reported it by mistake, and only a yes to that lets
    it go."""

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
class SignsPrompt(Prompt["Sign | None"]):
    """The person pressed `!`: every warning sign, most urgent first. Answer: a Sign, or None
    to go back."""

    kind: ClassVar[str] = "signs"
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class RemovePackPrompt(Prompt[None]):
    """The pack must come off now; the alarm repeats until it is. Answer: None (it's off)."""

    kind: ClassVar[str] = "remove-pack"
    words: str  # "cold pack" or "heat pack"
    overdue: float  # seconds past its time, at the run's speed


@dataclass(frozen=True)
class SkinCheckPrompt(Prompt[bool]):
    """Answer: True (skin normal) or False (white, grey or waxy, numb, blistered, very red)."""

    kind: ClassVar[str] = "skin-check"
    words: str


@dataclass(frozen=True)
class ConfirmPrompt(Prompt[bool]):
    """Answer: True or False. `what`: routine (end it), timer (stop it), exit (close unknot)."""

    kind: ClassVar[str] = "confirm"
    what: str
    question: str
    yes: str
    no: str


@dataclass(frozen=True)
class MessagePrompt(Prompt[None]):
    """Something to read and acknowledge. Answer: None."""

    kind: ClassVar[str] = "message"
    title: str
    text: str


@dataclass(frozen=True)
class NoticePrompt(Prompt[None]):
    """The first-run notice: not medical advice. Answer: None."""

    kind: ClassVar[str] = "notice"


@dataclass(frozen=True)
class DailyCheckPrompt(Prompt["Sign | DailyAnswer"]):
    """Before the first routine of a day. Answer: a Sign the person has, or a
    DailyAnswer."""

    kind: ClassVar[str] = "daily-check"
    signs: tuple[Sign, ...]


@dataclass(frozen=True)
class PainPrompt(Prompt["int | None"]):
    """A pain rating, 0-10. Answer: an int, or None to skip. `when`: before or after."""

    kind: ClassVar[str] = "pain"
    when: str
    question: str


@dataclass(frozen=True)
class HighPainPrompt(Prompt[bool]):
    """Pain of 8 or more before starting. Answer: True to go on anyway, False not to."""

    kind: ClassVar[str] = "high-pain"
    pain: int
    text: str


@dataclass(frozen=True)
class CheckInPrompt(Prompt[CheckIn]):
    """A check step. Answer: a CheckIn (answers built with `checkin.answer`)."""

    kind: ClassVar[str] = "check-in"
    title: str
    questions: tuple[tuple[str, bool], ...]  # (question, the answer that stops: True = yes)


@dataclass(frozen=True)
class SkinRestPrompt(Prompt[SkinRestAnswer]):
    """A new application waits for the skin to rest. CANCEL skips the step in a
    routine, or gives up the timer."""

    kind: ClassVar[str] = "skin-rest"
    words: str
    ready_at: float  # clock time the skin has rested enough
    in_routine: bool

    def ready(self, now: float) -> bool:
        return now >= self.ready_at


@dataclass(frozen=True)
class ReapplyPrompt(Prompt[bool]):
    """You may reapply. Answer: True to start the next application, False to finish."""

    kind: ClassVar[str] = "reapply"
    words: str
    next_cycle: int
    cycles: int


@dataclass(frozen=True)
class ReminderPrompt(Prompt["ReminderAnswer | Snooze"]):
    kind: ClassVar[str] = "reminder"
    reminder: Reminder
    overdue: float


@dataclass(frozen=True)
class FunctionPrompt(Prompt["FunctionRating | FunctionAnswer"]):
    """This week's function scale (see `psfs`). `activities`: the ones named last time, to
    rate again. Answer: a FunctionRating, or a FunctionAnswer."""

    kind: ClassVar[str] = "function"
    activities: tuple[str, ...]
    question: str


# --- what the visit announces -------------------------------------------------------------


# A record is a fact for the history, one class per kind; a preview announces none.
# `session` is the visit's own number for the session it belongs to (None outside a routine).


@dataclass(frozen=True, kw_only=True)
class Record:
    at: float  # wall time
    session: int | None = None


@dataclass(frozen=True, kw_only=True)
class SessionStarted(Record):
    plan: Plan
    pain: int | None  # before


@dataclass(frozen=True, kw_only=True)
class Progress(Record):
    reached: int  # segments reached


@dataclass(frozen=True, kw_only=True)
class CheckedIn(Record):
    check: CheckIn


@dataclass(frozen=True, kw_only=True)
class StopReported(Record):
    stop: Stop


@dataclass(frozen=True, kw_only=True)
class StopLifted(Record):
    stop: Stop  # the day's stop the person was seen for, or reported by mistake


@dataclass(frozen=True, kw_only=True)
class SessionEnded(Record):
    outcome: Outcome
    reason: str
    kept: str  # the ending the history keeps


@dataclass(frozen=True, kw_only=True)
class PainAfter(Record):
    pain: int


@dataclass(frozen=True, kw_only=True)
class PackRemoved(Record):
    spec: TherapySpec
    cycle: int
    overdue: float
    time_on: float  # seconds as authored


@dataclass(frozen=True, kw_only=True)
class SkinChecked(Record):
    cycle: int
    normal: bool


@dataclass(frozen=True, kw_only=True)
class ReminderFired(Record):
    reminder: Reminder
    overdue: float


@dataclass(frozen=True, kw_only=True)
class DailyCheckDone(Record):
    day: dt.date


@dataclass(frozen=True, kw_only=True)
class NoticeSeen(Record):
    pass


@dataclass(frozen=True, kw_only=True)
class LostTimerRead(Record):
    """A person has read that a saved pack timer could not be read."""


@dataclass(frozen=True, kw_only=True)
class FunctionRated(Record):
    rating: FunctionRating


@dataclass(frozen=True, kw_only=True)
class FunctionSkipped(Record):
    pass


AnyRecord = (
    SessionStarted
    | Progress
    | CheckedIn
    | StopReported
    | StopLifted
    | SessionEnded
    | PainAfter
    | PackRemoved
    | SkinChecked
    | ReminderFired
    | DailyCheckDone
    | NoticeSeen
    | LostTimerRead
    | FunctionRated
    | FunctionSkipped
)


# A signal is something to say or sound now, preview or not.


@dataclass(frozen=True)
class Signal:
    pass


@dataclass(frozen=True)
class StopSignal(Signal):
    stop: Stop


@dataclass(frozen=True)
class ReminderSignal(Signal):
    reminder: Reminder
    overdue: float


@dataclass(frozen=True)
class Refused(Signal):
    why: str


@dataclass(frozen=True)
class Told(Signal):
    """A message that is also a prompt."""

    title: str
    text: str


@dataclass(frozen=True)
class OfferedRoutine(Signal):
    """A reminder's routine, to start by its id."""

    routine_id: str


Happening = Event | TherapyEvent | AnyRecord | Signal
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

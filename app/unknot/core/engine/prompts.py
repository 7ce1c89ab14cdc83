"""What the visit puts in front of the person, and what it announces to the services around
it. Faces render these; they never decide what comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from unknot.core.engine.plan import Plan
from unknot.core.engine.psfs import FunctionRating
from unknot.core.engine.reminders import Reminder
from unknot.core.engine.session import Event, Outcome
from unknot.core.engine.therapy import TherapyEvent, TherapySpec
from unknot.core.safety.checkin import CheckIn
from unknot.core.safety.checkin import answer as checkin_answer
from unknot.core.safety.daystop import DayStop
from unknot.core.safety.signs import Advice, Sign, Stop
from unknot.core.safety.skinday import SkinDay


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


class ReminderChange(Enum):
    """What the reminders list does to one reminder (or `Snooze` it)."""

    SKIP = "skip"
    PAUSE = "pause"  # or resume, if it is paused
    REMOVE = "remove"


class FunctionAnswer(Enum):
    SKIP_WEEK = "skip"  # not this week
    NOT_NOW = "later"  # asked again next time


A = TypeVar("A")


# --- what no answer means: the input ended (the line face), and nothing more can be typed ---


@dataclass(frozen=True)
class Take(Generic[A]):
    """Taken as the answer, saying `words` first."""

    answer: A
    words: str | None = None
    problem: bool = False  # the run ends with a problem exit code


@dataclass(frozen=True)
class EndRoutine:
    """No answer can be taken: the routine ends here."""

    words: str
    problem: bool = True


@dataclass(frozen=True)
class Wait:
    """Nothing to take: wait until `until` (a clock time), or else the next deadline; `words`
    are said once."""

    until: float | None = None
    words: str | None = None
    problem: bool = False


@dataclass(frozen=True)
class Leave:
    """Nothing to take, and waiting changes nothing: stop asking."""

    words: str
    problem: bool = True


Unanswered = Take[Any] | EndRoutine | Wait | Leave


def _preview(shown: str) -> str:
    return f"(end of input, preview: {shown})"


# --- prompts: what the person is asked or told now ---------------------------------------


@dataclass(frozen=True)
class Prompt(Generic[A]):
    """A question or a notice in front of the person; `A` is the answer it takes. `serial`
    identifies it: an answer to a prompt that is no longer in front is ignored, so a late key
    can't answer a newer one.

    Each kind declares, as data, its `rank` (the lowest is in front), whether it is
    `blocking` (nothing starts while it waits), and what it means when no answer can come
    (`unanswered`): in a preview every answer's default, said as such; in a real visit no
    answer that is a fact about the person."""

    kind: ClassVar[str] = ""
    rank: ClassVar[int]
    blocking: ClassVar[bool] = True
    serial: int

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.serial

    def unanswered(self, preview: bool, now: float) -> Take[A] | EndRoutine | Wait | Leave:
        raise NotImplementedError(type(self).__name__)


@dataclass(frozen=True)
class StopPrompt(Prompt[StopAnswer]):
    """`can_lift`: an emergency or urgent stop from earlier today, shown again; LIFT asks
    whether the person has been seen or reported it by mistake, and only a yes to that lets
    it go."""

    kind: ClassVar[str] = "stop"
    rank: ClassVar[int] = 0
    stop: Stop
    advice: Advice
    can_skip: bool
    in_routine: bool
    armed_at: float  # clock time from which its keys count
    can_lift: bool = False

    def armed(self, now: float) -> bool:
        return now >= self.armed_at

    def unanswered(self, preview: bool, now: float) -> Take[StopAnswer] | Wait:
        if not self.armed(now):
            return Wait(self.armed_at)
        return Take(StopAnswer.END, _preview("end") if preview else None)


@dataclass(frozen=True)
class SignsPrompt(Prompt["Sign | None"]):
    """The person pressed `!`: every warning sign, most urgent first. Answer: a Sign, or None
    to go back."""

    kind: ClassVar[str] = "signs"
    rank: ClassVar[int] = 1
    signs: tuple[Sign, ...]

    def unanswered(self, preview: bool, now: float) -> Take[Sign | None]:
        return Take(None, _preview("skipped") if preview else None)


@dataclass(frozen=True)
class RemovePackPrompt(Prompt[None]):
    """The pack must come off now; the alarm repeats until it is. Answer: None (it's off)."""

    kind: ClassVar[str] = "remove-pack"
    rank: ClassVar[int] = 2
    words: str  # "cold pack" or "heat pack"
    overdue: float  # seconds past its time, at the run's speed

    def unanswered(self, preview: bool, now: float) -> Take[None] | Wait:
        if preview:
            return Take(None, _preview("skipped"))
        return Wait(
            words="(end of input: nothing can tell unknot the pack is off, so the alarm goes "
            "on; Ctrl+C leaves the timer saved)"
        )


@dataclass(frozen=True)
class SkinCheckPrompt(Prompt[bool]):
    """Answer: True (skin normal) or False (white, grey or waxy, numb, blistered, very red)."""

    kind: ClassVar[str] = "skin-check"
    rank: ClassVar[int] = 3
    words: str

    def unanswered(self, preview: bool, now: float) -> Take[bool] | Leave:
        if preview:
            return Take(True, _preview("yes"))
        return Leave(
            "(end of input: the skin check is still to answer; run the same command to answer it)"
        )


@dataclass(frozen=True)
class ConfirmPrompt(Prompt[bool]):
    """Answer: True or False. `what`: routine (end it), timer (stop it), exit (close unknot),
    lift (the day's stop). A yes counts from `armed_at` (clock time); a no at once."""

    kind: ClassVar[str] = "confirm"
    rank: ClassVar[int] = 4
    what: str
    question: str
    yes: str
    no: str
    armed_at: float = 0.0

    def armed(self, now: float) -> bool:
        return now >= self.armed_at

    def unanswered(self, preview: bool, now: float) -> Take[bool]:
        return Take(False, _preview("no") if preview else "(end of input: no)")


@dataclass(frozen=True)
class MessagePrompt(Prompt[None]):
    """Something to read and acknowledge. Answer: None."""

    kind: ClassVar[str] = "message"
    rank: ClassVar[int] = 5
    blocking: ClassVar[bool] = False
    title: str
    text: str

    def unanswered(self, preview: bool, now: float) -> Take[None]:
        return Take(None)  # said when it came


@dataclass(frozen=True)
class NoticePrompt(Prompt[None]):
    """The first-run notice: not medical advice. Answer: None."""

    kind: ClassVar[str] = "notice"
    rank: ClassVar[int] = 6
    blocking: ClassVar[bool] = False

    def unanswered(self, preview: bool, now: float) -> Take[None]:
        return Take(None)  # said when it came


@dataclass(frozen=True)
class DailyCheckPrompt(Prompt["Sign | DailyAnswer"]):
    """Before the first routine of a day. Answer: a Sign the person has, or a
    DailyAnswer."""

    kind: ClassVar[str] = "daily-check"
    rank: ClassVar[int] = 7
    signs: tuple[Sign, ...]

    def unanswered(self, preview: bool, now: float) -> Take[Sign | DailyAnswer]:
        words = (
            "(end of input: the start-of-day check was not answered, so the routine does not start)"
        )
        return Take(DailyAnswer.NOT_NOW, words, problem=True)


@dataclass(frozen=True)
class PainPrompt(Prompt["int | None"]):
    """A pain rating, 0-10. Answer: an int, or None to skip. `when`: before or after (never
    both at once: nothing starts while one is asked)."""

    kind: ClassVar[str] = "pain"
    rank: ClassVar[int] = 8
    when: str
    question: str

    def unanswered(self, preview: bool, now: float) -> Take[int | None]:
        return Take(None, _preview("skipped") if preview else "(end of input: no pain rating)")


@dataclass(frozen=True)
class HighPainPrompt(Prompt[bool]):
    """Pain of 8 or more before starting. Answer: True to go on anyway, False not to."""

    kind: ClassVar[str] = "high-pain"
    rank: ClassVar[int] = 9
    pain: int
    text: str

    def unanswered(self, preview: bool, now: float) -> Take[bool]:
        return Take(False, _preview("no") if preview else "(end of input: not starting)")


@dataclass(frozen=True)
class CheckInPrompt(Prompt[CheckIn]):
    """A check step. Answer: a CheckIn (answers built with `checkin.answer`)."""

    kind: ClassVar[str] = "check-in"
    rank: ClassVar[int] = 10
    title: str
    questions: tuple[tuple[str, bool], ...]  # (question, the answer that stops: True = yes)

    def unanswered(self, preview: bool, now: float) -> Take[CheckIn] | EndRoutine:
        if preview:
            calm = tuple(checkin_answer(q, not q[1]) for q in self.questions)
            return Take(CheckIn(None, calm), _preview("nothing to report"))
        return EndRoutine(
            "(end of input: the check-in can't be answered, so the routine ends here)"
        )


@dataclass(frozen=True)
class SkinRestPrompt(Prompt[SkinRestAnswer]):
    """A new application waits for the skin to rest. CANCEL skips the step in a
    routine, or gives up the timer."""

    kind: ClassVar[str] = "skin-rest"
    rank: ClassVar[int] = 11
    words: str
    ready_at: float  # clock time the skin has rested enough
    in_routine: bool

    def ready(self, now: float) -> bool:
        return now >= self.ready_at

    def unanswered(self, preview: bool, now: float) -> Take[SkinRestAnswer]:
        words = _preview("cancel") if preview else "(end of input: not applying)"
        return Take(SkinRestAnswer.CANCEL, words)


@dataclass(frozen=True)
class ReapplyPrompt(Prompt[bool]):
    """You may reapply. Answer: True to start the next application, False to finish."""

    kind: ClassVar[str] = "reapply"
    rank: ClassVar[int] = 12
    words: str
    next_cycle: int
    cycles: int

    def unanswered(self, preview: bool, now: float) -> Take[bool]:
        return Take(False, _preview("no") if preview else "(end of input: finishing)")


@dataclass(frozen=True)
class ReminderPrompt(Prompt["ReminderAnswer | Snooze"]):
    kind: ClassVar[str] = "reminder"
    rank: ClassVar[int] = 13
    reminder: Reminder
    overdue: float

    def unanswered(self, preview: bool, now: float) -> Take[ReminderAnswer | Snooze]:
        return Take(ReminderAnswer.DONE, _preview("done") if preview else None)


@dataclass(frozen=True)
class FunctionPrompt(Prompt["FunctionRating | FunctionAnswer"]):
    """This week's function scale (see `psfs`). `activities`: the ones named last time, to
    rate again. Answer: a FunctionRating, or a FunctionAnswer."""

    kind: ClassVar[str] = "function"
    rank: ClassVar[int] = 14
    blocking: ClassVar[bool] = False
    activities: tuple[str, ...]
    question: str

    def unanswered(self, preview: bool, now: float) -> Take[FunctionRating | FunctionAnswer]:
        words = "(end of input: the weekly questions wait for next time)"
        return Take(FunctionAnswer.NOT_NOW, words)


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
class Advised(Signal):
    """Advice to read aside: never a question, and never in front of anything."""

    title: str
    text: str


@dataclass(frozen=True)
class NoAnswer(Signal):
    """What the visit took, or could not take, for a prompt no answer can come to."""

    words: str


@dataclass(frozen=True)
class OfferedRoutine(Signal):
    """A reminder's routine, to start by its id."""

    routine_id: str


Happening = Event | TherapyEvent | AnyRecord | Signal
Listener = Callable[[Happening], None]


@dataclass
class Saved:
    """What outlives the program: the pack timer, when the skin last came off, the reminders,
    an emergency or urgent stop reported today, and the last skin check that was not normal."""

    therapy: dict[str, Any] | None = None
    skin_off: float | None = None  # wall time the last real application came off
    reminders: dict[str, Any] = field(default_factory=dict)
    day_stop: DayStop | None = None
    lost_timer: str | None = None  # a saved pack timer could not be read: what to say
    skin_problem: SkinDay | None = None  # no new pack the day it was checked

"""The visit: one owner for the whole flow, and for every rule about what happens when.

A visit is one run of the program. It holds the routine session, the cold/heat timer, the
reminders and the safety stops together, on one injected clock, and decides by one priority
order what the person must be asked or told now (`prompt`) and what the screen underneath
shows (`view`). Both faces only render these and send the person's answers back
(`answer`, and the actions the keys stand for). The rules that make it safe live here once:

- a safety stop outranks everything and stays until it is acknowledged with its own key;
- after an emergency or urgent stop, for the rest of the day and across restarts, no routine
  and no new pack starts, reminders wait, and each start (of the program or of a routine or
  pack) shows the stop's advice again, until midnight or until the person says, deliberately
  and on the record, that they have been seen or that it was a mistake;
- a pack that is on always has its alarm deadline, whatever else is in front;
- a reminder waits until nothing else is in front and never covers a countdown, and is this
  copy's to tell from the moment it falls due (saved so, for `unknot watch` to leave alone);
- a preview is never real history and never a saved timer;
- the skin rests at least 20 minutes between applications, across timers;
- after a skin check answered "not normal", no cold or heat application starts again until
  midnight, across restarts and copies: not on its own, and not as a routine's step (the
  routine goes on past it, and says why).

Nothing here reads files or the screen: what must be kept is announced (`Record`s, and
`dirty` for the saved state) and the services around the visit do the keeping.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from unknot.core.clock import Clock
from unknot.core.durations import format_clock
from unknot.core.engine.plan import Kind, Plan, Segment
from unknot.core.engine.prompts import (
    A,
    Act,
    Advised,
    AnyRecord,
    CheckedIn,
    CheckInPrompt,
    ConfirmPrompt,
    DailyAnswer,
    DailyCheckDone,
    DailyCheckPrompt,
    EndRoutine,
    FunctionAnswer,
    FunctionPrompt,
    FunctionRated,
    FunctionSkipped,
    Happening,
    HighPainPrompt,
    Listener,
    LostTimerRead,
    MessagePrompt,
    NoAnswer,
    NoticePrompt,
    NoticeSeen,
    OfferedRoutine,
    PackRemoved,
    PainAfter,
    PainPrompt,
    Progress,
    Prompt,
    ReapplyPrompt,
    Refused,
    ReminderAnswer,
    ReminderChange,
    ReminderFired,
    ReminderPrompt,
    ReminderSignal,
    RemovePackPrompt,
    Saved,
    SessionEnded,
    SessionStarted,
    SignsPrompt,
    SkinChecked,
    SkinCheckPrompt,
    SkinRestAnswer,
    SkinRestPrompt,
    Snooze,
    StopAnswer,
    StopLifted,
    StopPrompt,
    StopReported,
    StopSignal,
    Take,
    Told,
    Unanswered,
    View,
    Wait,
)
from unknot.core.engine.psfs import EVERY as FUNCTION_EVERY
from unknot.core.engine.psfs import QUESTION as FUNCTION_QUESTION
from unknot.core.engine.psfs import FunctionRating
from unknot.core.engine.reminders import Reminder, ReminderBook
from unknot.core.engine.session import Event, EventName, Outcome, Session, ending
from unknot.core.engine.therapy import (
    Phase,
    Therapy,
    TherapyEvent,
    TherapyEventName,
    TherapySpec,
    skin_rest_left,
    skin_stop,
    spec_from_step,
)
from unknot.core.format.routine import Therapy as TherapyStep
from unknot.core.safety.checkin import CheckIn, checkin_stop, question_parts
from unknot.core.safety.daystop import DayStop
from unknot.core.safety.signs import (
    HELD_WORDS,
    HIGH_PAIN_WORDS,
    LEVELS,
    LIFT_WORDS,
    PAIN_STOP_AT,
    Advice,
    Catalogue,
    EmergencyNumber,
    Sign,
    Stop,
    advice,
    stop_for,
)
from unknot.core.safety.skin import LOST_TIMER, NORMAL_KEY, NOT_NORMAL_KEY
from unknot.core.safety.skinday import SkinDay

ARM_SECONDS = 2.0  # a stop ignores its keys this long, so a key meant for something else can't
HIGH_PAIN = PAIN_STOP_AT
ENDING_LEVELS = ("emergency", "urgent")


# --- the engine -------------------------------------------------------------------------


# What waits for an answer, one kind of wait each: what its prompt is built from, and what
# the answer acts on.


@dataclass(frozen=True)
class _Asked:
    serial: int


@dataclass(frozen=True)
class _Paused(_Asked):
    """A question asked over a routine, which waits paused (or not, if it was)."""

    was_running: bool = False


@dataclass(frozen=True)
class _Confirming(_Paused):
    what: str = ""
    ready_at: float = 0.0  # clock time from which a yes counts


@dataclass(frozen=True)
class _Message(_Asked):
    title: str
    text: str
    lost_timer: bool = False  # about a lost pack timer: recorded once it is read


@dataclass(frozen=True)
class _Starting(_Asked):
    """A routine about to start: the day's check or the pain before it."""

    plan: Plan


@dataclass(frozen=True)
class _HighPain(_Starting):
    pain: int


@dataclass(frozen=True)
class _SkinWait(_Asked):
    spec: TherapySpec
    in_routine: bool
    ready_at: float


@dataclass(frozen=True)
class _PainAfter(_Asked):
    session: int  # the visit's number of the session it is about


@dataclass(frozen=True)
class _Reminding(_Asked):
    reminder: Reminder


@dataclass
class _ShownStop:
    serial: int
    stop: Stop
    advice: Advice
    can_skip: bool
    in_routine: bool
    armed_at: float
    can_lift: bool = False


class Visit:
    def __init__(
        self,
        clock: Clock,
        catalogue: Catalogue,
        number: EmergencyNumber,
        *,
        saved: Saved | None = None,
        notice_due: bool = False,
        daily_check_done: dt.date | None = None,
        check_every_session: bool = False,
        timer_elsewhere: str | None = None,
        ask_function: bool = False,
        function_from: float | None = None,
        function_asked: float | None = None,
        function_activities: tuple[str, ...] = (),
    ) -> None:
        self.clock = clock
        self.catalogue = catalogue
        self.number = number
        self._serials = itertools.count(1)
        self._listeners: list[Listener] = []
        self.dirty: set[str] = set()  # parts of `saved()` changed since the last save
        saved = saved or Saved()

        self.session: Session | None = None
        self.session_no = 0
        self.finished: Session | None = None  # the session the finish view shows
        self.start_pain: int | None = None
        self.current_pain: int | None = None
        self.stops: list[Stop] = []  # every stop in this visit, in order
        self.day_stop = saved.day_stop  # an emergency or urgent stop reported today
        self._lifted: set[DayStop] = set()  # lifted here: never taken back from elsewhere

        self.therapy: Therapy | None = None
        self.therapy_in_routine = False
        self.skin_off = saved.skin_off
        self.skin_problem = saved.skin_problem  # the last skin check that was not normal
        self.reminders = ReminderBook.from_state(saved.reminders or {})

        self._stop: _ShownStop | None = None
        self._signs: _Paused | None = None
        self._confirm: _Confirming | None = None
        self._messages: list[_Message] = []
        self._notice = _Asked(self._serial()) if notice_due else None
        self._daily: _Starting | None = None
        self._daily_done = daily_check_done
        self._every_session = check_every_session
        self._pain_before: _Starting | None = None
        self._high_pain: _HighPain | None = None
        self._checkin: _Asked | None = None
        self._pain_after: _PainAfter | None = None
        self._skin_wait: _SkinWait | None = None
        self._reminder: _Reminding | None = None
        self.exit_confirmed = False
        # Asked for as the program started, waiting for a pack timer from before to end.
        self.after_timer: Plan | TherapySpec | None = None
        self._said_unanswered: set[str] = set()
        # The weekly function scale: asked only when the person follows a programme.
        self._function: _Asked | None = None
        self._ask_function = ask_function
        self._function_from = function_from  # a programme that starts later: not asked before
        self.function_asked = function_asked  # wall time it was last answered or put off
        self.function_activities = function_activities
        # Another running copy of the program owns the pack timer: this one starts none.
        self.timer_elsewhere = timer_elsewhere
        if saved.lost_timer is not None:
            # Said before anything else, and until a person has read it: a pack may be on.
            self._messages.append(
                _Message(self._serial(), LOST_TIMER, saved.lost_timer, lost_timer=True)
            )
        if timer_elsewhere is not None:
            self.tell("A timer runs elsewhere", timer_elsewhere)

        if saved.therapy:
            self._adopt(Therapy.from_state(saved.therapy, clock), in_routine=False)
        if self.held is not None:  # reported elsewhere while this copy was closed, perhaps
            self._pack_off_now()
        self._show_held()

    # -- observing ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, happening: Happening) -> None:
        for listener in list(self._listeners):
            listener(happening)

    def _record(self, record: AnyRecord, *, preview: bool) -> None:
        """Announce a fact for the history; a preview's facts are never history."""
        if not preview:
            self._emit(record)

    def _number(self, in_session: bool) -> int | None:
        """The session a fact belongs to: the current one, or none."""
        return self.session_no if in_session else None

    def _serial(self) -> int:
        """A new prompt's number: an answer to an older one is never taken for it."""
        return next(self._serials)

    @property
    def preview(self) -> bool:
        """Is what runs now a preview (a routine or timer at --speed)?"""
        if self.session is not None:
            return self.session.plan.preview
        if self.therapy is not None:
            return self.therapy.spec.speed != 1
        return False

    # -- what is on screen -----------------------------------------------------------------

    @property
    def view(self) -> View:
        if self.therapy is not None and self.therapy.active and not self.therapy_in_routine:
            return View.THERAPY
        if self.session is not None:
            return View.RUN
        if self.finished is not None:
            return View.FINISH
        return View.LIBRARY

    @property
    def pack_on(self) -> bool:
        return self.therapy is not None and self.therapy.pack_on

    def prompts(self) -> list[Prompt[Any]]:
        """Everything waiting for the person, the one in front first: by each kind's rank."""
        out: list[Prompt[Any]] = []
        if self._stop is not None:
            s = self._stop
            out.append(
                StopPrompt(
                    s.serial, s.stop, s.advice, s.can_skip, s.in_routine, s.armed_at, s.can_lift
                )
            )
        if self._signs is not None:
            out.append(SignsPrompt(self._signs.serial, tuple(self._sign_list())))
        therapy = self.therapy
        if therapy is not None and therapy.phase is Phase.REMOVE:
            out.append(
                RemovePackPrompt(
                    self._therapy_serial, therapy.spec.words, therapy.overdue() * therapy.spec.speed
                )
            )
        if therapy is not None and therapy.phase is Phase.SKIN_CHECK:
            out.append(SkinCheckPrompt(self._therapy_serial, therapy.spec.words))
        if self._confirm is not None:
            c = self._confirm
            words = _confirm_words(self, c.what)
            out.append(ConfirmPrompt(c.serial, c.what, *words, armed_at=c.ready_at))
        out += [MessagePrompt(m.serial, m.title, m.text) for m in self._messages[:1]]
        if self._notice is not None:
            out.append(NoticePrompt(self._notice.serial))
        if self._daily is not None:
            signs = [s for s in self._sign_list() if s.level in ENDING_LEVELS]
            out.append(DailyCheckPrompt(self._daily.serial, tuple(signs)))
        if self._pain_before is not None:
            out.append(
                PainPrompt(
                    self._pain_before.serial, "before", "Before you start: how is your pain now?"
                )
            )
        if self._high_pain is not None:
            out.append(
                HighPainPrompt(self._high_pain.serial, self._high_pain.pain, HIGH_PAIN_WORDS)
            )
        if self._checkin is not None and self.session is not None:
            step = self.session.segment.step
            questions = [
                *self.session.plan.routine.stop_if,
                *step.stop_if,
                *getattr(step, "ask", ()),
            ]
            out.append(
                CheckInPrompt(
                    self._checkin.serial,
                    step.title,
                    tuple(question_parts(q) for q in questions),
                )
            )
        if self._pain_after is not None:
            out.append(
                PainPrompt(
                    self._pain_after.serial, "after", "How is your pain now, after the routine?"
                )
            )
        if self._skin_wait is not None:
            w = self._skin_wait
            out.append(SkinRestPrompt(w.serial, w.spec.words, w.ready_at, w.in_routine))
        if therapy is not None and therapy.phase is Phase.NEXT:
            out.append(
                ReapplyPrompt(
                    self._therapy_serial, therapy.spec.words, therapy.cycle + 1, therapy.spec.cycles
                )
            )
        held = self.held is not None  # what came before the day's stop waits for its end
        if self._reminder is not None and not held:
            pending, reminder = self._reminder, self._reminder.reminder
            out.append(
                ReminderPrompt(pending.serial, reminder, max(0.0, self.clock.wall() - reminder.due))
            )
        if self._function is not None and not held and self.view in (View.LIBRARY, View.FINISH):
            out.append(
                FunctionPrompt(self._function.serial, self.function_activities, FUNCTION_QUESTION)
            )
        out.sort(key=lambda prompt: prompt.rank)
        return out

    @property
    def prompt(self) -> Prompt[Any] | None:
        """The one prompt in front, or None."""
        found = self.prompts()
        return found[0] if found else None

    def _sign_list(self) -> list[Sign]:
        session = self.session
        routine = session.plan.routine if session else None
        step = session.segment.step if session else None
        return self.catalogue.with_routine(routine, step)

    # -- time -------------------------------------------------------------------------------

    def update(self) -> None:
        """Bring everything up to now: the routine's segments and beats, the pack's alarms,
        a reminder that is due."""
        if self.session is not None and self.session.running:
            self.session.update()
        if self.therapy is not None:
            self.therapy.update()
        self._start_asked()
        self._maybe_remind()
        self._maybe_ask_function()

    def next_deadline(self) -> float | None:
        """Clock time of the next thing due, if anything is. Faces wait at most a second past
        this, re-reading the clock, so a suspend can't make anything late."""
        now = self.clock.now()
        deadlines: list[float] = []
        if self.session is not None:
            d = self.session.next_deadline()
            if d is not None:
                deadlines.append(d)
        d = self._pack_deadline()
        if d is not None:
            deadlines.append(d)
        if self._stop is not None and self._stop.armed_at > now:
            deadlines.append(self._stop.armed_at)
        if self._confirm is not None and self._confirm.ready_at > now:
            deadlines.append(self._confirm.ready_at)
        if self._skin_wait is not None and self._skin_wait.ready_at > now:
            deadlines.append(self._skin_wait.ready_at)
        held, wall = self.held, self.clock.wall()
        if held is not None:
            deadlines.append(now + (held.ends(wall) - wall))  # reminders wait until then
        due = self.reminders.next_due()
        if held is None and due is not None and self._reminder is None and due > wall:
            # One already due waits for the front to clear, which only an answer, a key or
            # another deadline brings: as a deadline of its own it would be due at once, for
            # as long as it waits, and wake both faces again and again.
            deadlines.append(now + (due - self.clock.wall()))
        return min(deadlines) if deadlines else None

    def _pack_deadline(self) -> float | None:
        return self.therapy.next_deadline() if self.therapy is not None else None

    # -- starting things -------------------------------------------------------------------

    def start_routine(self, plan: Plan) -> str | None:
        """Begin a routine: the day's check and a pain rating first (not for a preview).
        Returns why not, when it can't start."""
        why = self.why_not_start()
        if why is not None:
            self._show_held()
            return self._refuse(why)
        self.finished = None
        self.start_pain = self.current_pain = None
        if plan.preview:
            self._begin(plan, None)
        elif self._daily_due():
            self._daily = _Starting(self._serial(), plan)
        else:
            self._pain_before = _Starting(self._serial(), plan)
        return None

    def start_asked(self, asked: Plan | TherapySpec) -> str | None:
        """What the person asked for as the program started (a routine, or a pack timer). A
        pack timer left running from before comes first, in every face: what was asked starts
        once that timer is over and nothing else is in front (a stop in between cancels it).
        Returns why not, when it can't start now."""
        if self.therapy is not None and self.therapy.active and not self.therapy_in_routine:
            self.after_timer = asked
            return None
        return self._start(asked)

    def _start(self, asked: Plan | TherapySpec) -> str | None:
        if isinstance(asked, Plan):
            return self.start_routine(asked)
        return self.start_therapy(asked)

    def _start_asked(self) -> None:
        asked = self.after_timer
        if asked is None or (self.therapy is not None and self.therapy.active):
            return
        if self.prompt is None:
            self.after_timer = None
            self._start(asked)

    def why_not_start(self) -> str | None:
        """Why no routine can start now, or None when one can."""
        if self.held is not None:
            return (
                "After the warning sign you reported today, don't start a routine. "
                "Do what the safety stop said."
            )
        if self.session is not None:
            return "A routine is already running."
        if any(p is not None for p in (self._daily, self._pain_before, self._high_pain)):
            return "A routine is about to start."
        if self.therapy is not None and self.therapy.active:
            return f"The {self.therapy.spec.words} timer is running: finish it first."
        if self._skin_wait is not None:
            return "A cold or heat application is waiting: finish or cancel it first."
        if any(p.blocking for p in self.prompts()):
            return "Answer what is in front first."
        return None

    @property
    def held(self) -> DayStop | None:
        """The emergency or urgent stop reported today, while it holds: until midnight, or
        until the person says they have been seen or that it was a mistake."""
        stop = self.day_stop
        return stop if stop is not None and stop.holds(self.clock.wall()) else None

    @property
    def ended(self) -> bool:
        """No routine starts again (nor "run again"): the day's stop holds."""
        return self.held is not None

    def _show_held(self) -> None:
        """The day's stop in front again: what to do, and a deliberate way past it."""
        held = self.held
        if held is None or self._stop is not None:
            return
        stop = Stop(held.level, held.reason, held.sign_id)
        words = advice(held.level, self.number, self.pack_on, None, in_routine=False)
        when = dt.datetime.fromtimestamp(held.at).strftime("%H:%M")
        actions = (*words.actions, f"You reported this at {when} today.", HELD_WORDS)
        self._stop = _ShownStop(
            next(self._serials),
            stop,
            Advice(words.level, words.headline, actions),
            False,
            False,
            self.clock.now() + ARM_SECONDS,
            can_lift=True,
        )

    def _pack_off_now(self) -> None:
        """A stop says to take a pack that is on off now: its alarm is due at once, and after
        the day's stop no next application follows."""
        if self.therapy is not None:
            self.therapy.take_off_now()
            self._no_new_pack()

    def _no_new_pack(self) -> None:
        """While the day's stop holds, a skin check ends the timer: no next application."""
        therapy = self.therapy
        if self.held is not None and therapy is not None and therapy.phase is Phase.NEXT:
            therapy.stop()

    def stop_reported_elsewhere(self, stop: DayStop) -> None:
        """The day's stop another copy of the program saved: it holds here as if reported
        here (a routine ends, a pack comes off, nothing starts), recorded there only. One this
        copy lifted, or one less grave than its own, changes nothing."""
        held = self.held
        if stop in self._lifted or stop == held or not stop.holds(self.clock.wall()):
            return
        if held is not None and LEVELS.index(held.level) < LEVELS.index(stop.level):
            return
        self.day_stop = stop
        self._signs = self._checkin = self._confirm = None
        self._daily = self._pain_before = self._high_pain = None
        self.after_timer = None
        self._skin_wait = None
        self._pack_off_now()
        session = self.session
        if session is not None and not session.finished:
            session.pause()
            session.finish(Outcome.SAFETY_STOP, stop.reason)
        self._show_held()

    def _lift(self) -> None:
        """The person has been seen, or reported the stop by mistake: on the record."""
        held = self.held
        if held is None:  # midnight came first: nothing to lift
            return
        self._lifted.add(held)
        self.day_stop = None
        self.dirty.add("stop")
        lifted = Stop(held.level, held.reason, held.sign_id)
        self._record(StopLifted(at=self.clock.wall(), stop=lifted), preview=False)

    def _refuse(self, why: str) -> str:
        self._emit(Refused(why))
        return why

    def _daily_due(self) -> bool:
        if self._every_session:
            return True
        return self._daily_done != self.today()

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock.wall()).date()

    def _begin(self, plan: Plan, pain: int | None) -> None:
        self.session_no += 1
        session = Session(plan, self.clock)
        self.session = session
        self.start_pain = self.current_pain = pain
        session.subscribe(self._on_session)
        started = SessionStarted(
            at=self.clock.wall(), session=self.session_no, plan=plan, pain=pain
        )
        self._record(started, preview=plan.preview)
        session.start()

    def start_therapy(self, spec: TherapySpec) -> str | None:
        """A cold or heat timer on its own. Returns why not, when it can't start."""
        why = self.why_not_therapy()
        if why is not None:
            return why
        self.finished = None
        self._apply(spec, in_routine=False)
        return None

    def why_not_therapy(self) -> str | None:
        """Why no cold or heat timer can start now (said, and the day's stop shown again), or
        None when one can: a face asks before it offers the lengths to choose from."""
        if self.held is not None:
            self._show_held()
            return self._refuse(
                "After the warning sign you reported today, don't start a cold or heat pack. "
                "Do what the safety stop said."
            )
        skin = self.skin_day
        if skin is not None:
            return self._refuse(skin.words())
        if self.session is not None:
            return self._refuse("Finish the routine first: it has its own cold or heat steps.")
        if self.therapy is not None and self.therapy.active:
            return self._refuse(f"The {self.therapy.spec.words} timer is already running.")
        if self._skin_wait is not None:
            return self._refuse("An application is already waiting for your skin to rest.")
        if any(p.blocking for p in self.prompts()):
            return self._refuse("Answer what is in front first.")
        return None

    @property
    def skin_day(self) -> SkinDay | None:
        """The skin check that was not normal today, while it holds: until midnight."""
        skin = self.skin_problem
        return skin if skin is not None and skin.holds(self.clock.wall()) else None

    def _skin_hurt_today(self, in_routine: bool) -> bool:
        """No application after a skin check that was not normal today, however it was asked
        for: said, and a routine goes on past its step."""
        skin = self.skin_day
        if skin is None:
            return False
        self.tell("No cold or heat today", skin.words())
        if in_routine and self.session is not None:
            self.session.skip_step()
        return True

    def _apply(self, spec: TherapySpec, in_routine: bool) -> None:
        """Start an application now, or wait while the skin rests from the last one."""
        if self._skin_hurt_today(in_routine):
            return
        if self.timer_elsewhere is not None and spec.speed == 1:
            self.tell("No second pack timer", self.timer_elsewhere)
            return
        ready_at = self._skin_ready_at(spec)
        if ready_at is not None:
            self._skin_wait = _SkinWait(self._serial(), spec, in_routine, ready_at)
            return
        self._adopt(Therapy(spec, self.clock), in_routine)

    def _skin_ready_at(self, spec: TherapySpec) -> float | None:
        """Clock time the skin has rested enough since the last real application came off;
        None if it has already. A preview never waits (and never counts)."""
        if spec.speed != 1:
            return None
        left = skin_rest_left(self.skin_off, self.clock.wall())
        return self.clock.now() + left if left > 0 else None

    def _adopt(self, therapy: Therapy, in_routine: bool) -> None:
        """Take charge of a timer (a new one is started; a restored one goes on)."""
        self.therapy = therapy
        self.therapy_in_routine = in_routine
        self._therapy_serial = next(self._serials)
        therapy.subscribe(self._on_therapy)
        self.dirty.add("therapy")
        if therapy.phase is Phase.READY:
            therapy.start()

    # -- the person's keys, outside prompts -------------------------------------------------

    def _front_free(self) -> bool:
        return self.prompt is None

    def act(self, act: Act) -> str | None:
        """A key on a view: what it stands for, by the one table of them."""
        return _ACTS[act](self)

    def pause(self) -> str | None:
        return self._session_act(Session.toggle_pause, pausing=True)

    def next(self) -> str | None:
        return self._session_act(Session.next)

    def previous(self) -> str | None:
        return self._session_act(Session.previous)

    def restart_step(self) -> str | None:
        return self._session_act(Session.restart_step)

    def go_on(self) -> str | None:
        """Enter on the run view: past a note or a set done by hand; back to a check-in."""
        session = self.session
        if session is None or not self._front_free():
            return None
        kind = session.segment.kind
        if kind is Kind.CHECK and session.running:
            self._checkin = _Asked(self._serial())
        elif kind in (Kind.NOTE, Kind.SET) and session.running:
            session.next()
        return None

    def _session_act(
        self, action: Callable[[Session], object], pausing: bool = False
    ) -> str | None:
        session = self.session
        if session is None or not self._front_free():
            return None
        if self.therapy is not None and self.therapy_in_routine and self.therapy.active:
            if pausing:
                return self._refuse("The pack timer can't pause: the pack is on your skin.")
            return self._refuse("This step runs until the pack is off and the skin checked.")
        action(session)
        return None

    def quit_routine(self) -> None:
        """q on the run view: ask first, with the routine paused while asked."""
        if self.session is None or self._confirm is not None:
            return
        self._confirm = _Confirming(self._serial(), self.session.running, "routine")
        self.session.pause()

    def stop_timer(self) -> None:
        """q on a timer of its own: ask first."""
        if self.therapy is None or not self.therapy.active or self._confirm is not None:
            return
        self._confirm = _Confirming(self._serial(), what="timer")

    def request_exit(self) -> bool:
        """The person wants to close unknot. True: it may close now. Otherwise it asks first
        (a routine runs, or a pack is on and nothing would tell them to take it off)."""
        if self.exit_confirmed:
            return True
        running = self.session is not None
        pack = self.therapy is not None and self.therapy.active and not self.preview
        if not running and not pack:
            return True
        if self._confirm is None:
            was = bool(self.session and self.session.running)
            self._confirm = _Confirming(self._serial(), was, "exit")
            if self.session is not None:
                self.session.pause()
        return False

    def leaving_words(self, saved: bool) -> str | None:
        """What to tell the person as the program ends with a real pack timer running (None:
        nothing runs). `saved`: its last save worked, so the next start goes back to it.
        Otherwise nothing will remind them once the program has gone: what to do, and when,
        comes first."""
        therapy = self.therapy
        if therapy is None or not therapy.active or therapy.spec.speed != 1:
            return None
        if saved:
            return "the timer is saved; run the same command to go back to it"
        words = therapy.spec.words
        left = therapy.remaining()
        if therapy.phase is Phase.REMOVE:
            act = f"Take the {words} off now."
        elif therapy.phase is Phase.ON and left is not None:
            act = (
                f"Take the {words} off at {self._wall_clock(left)} ({format_clock(left)} from "
                "now): time it yourself."
            )
        elif therapy.phase is Phase.REST and left is not None:
            act = (
                f"Leave the {words} off until {self._wall_clock(left)} at least, then look at "
                "your skin before putting one on again."
            )
        else:
            act = f"Look at your skin before putting a {words} on again."
        return f"{act} The timer could not be saved: nothing will remind you once unknot closes."

    def _wall_clock(self, seconds_from_now: float) -> str:
        return dt.datetime.fromtimestamp(self.clock.wall() + seconds_from_now).strftime("%H:%M")

    def open_signs(self) -> None:
        """`!`: the warning signs, with whatever runs paused until the person goes on."""
        if self._stop is not None or self._signs is not None:
            return
        was = bool(self.session and self.session.running)
        self._signs = _Paused(self._serial(), was)
        if self.session is not None:
            self.session.pause()

    def leave_finish(self) -> None:
        """From the finish view back to the library."""
        if self.view is View.FINISH and self._pain_after is None:
            self.finished = None

    def run_again(self) -> str | None:
        if self.finished is None:
            return None
        plan = self.finished.plan
        return self.start_routine(plan)

    # -- answers ----------------------------------------------------------------------------

    def answer(self, prompt: Prompt[A], value: A) -> str | None:
        """The person's answer to `prompt`, of the type that prompt takes. Ignored (returns
        why) unless that prompt is the one in front; a stop's keys count only once it is
        armed."""
        front = self.prompt
        if front is None or front.key != prompt.key:
            return "That question is no longer asked."
        handler = _HANDLERS[type(front)]
        return handler(self, front, value)

    def unanswered(self, prompt: Prompt[Any] | None) -> Unanswered:
        """No answer can come (the input ended): what that means for `prompt` is its own
        (`Prompt.unanswered`), taken here. With nothing asked, a note or a set done by hand
        goes on."""
        front = self.prompt
        if front is None or prompt is None or front.key != prompt.key:
            session = self.session
            segment = session.segment if session is not None and session.running else None
            by_hand = segment is not None and segment.kind in (Kind.NOTE, Kind.SET)
            if front is None and by_hand and segment is not None and not segment.timed:
                self._emit(NoAnswer("(end of input: continuing)"))
                self.go_on()
                return Take(None)
            return Wait()
        default = front.unanswered(self.preview, self.clock.now())
        if default.words is not None and default.words not in self._said_unanswered:
            if isinstance(default, Wait):  # waiting again and again: said once
                self._said_unanswered.add(default.words)
            self._emit(NoAnswer(default.words))
        if isinstance(default, Take):
            self.answer(front, default.answer)
        elif isinstance(default, EndRoutine) and self.session is not None:
            self.session.finish(Outcome.ENDED_EARLY, "quit")
        return default

    def _answer_stop(self, prompt: StopPrompt, value: StopAnswer) -> str | None:
        if not prompt.armed(self.clock.now()):
            return "Read this first."
        if value is StopAnswer.LIFT and prompt.can_lift and self.held is not None:
            self._stop = None
            # Its yes waits as the stop's keys do: a c and a y typed in a row for something
            # else (a filter, a word) must not lift an emergency stop.
            ready_at = self.clock.now() + ARM_SECONDS
            self._confirm = _Confirming(self._serial(), what="lift", ready_at=ready_at)
            return None
        if value is StopAnswer.SKIP and prompt.can_skip and self.session is not None:
            self._stop = None
            self.session.skip_step(stopped_for=prompt.stop.reason)
            return None
        if value not in (StopAnswer.END, StopAnswer.SKIP):
            return "Press e."
        self._stop = None
        session = self.session
        if session is not None:
            session.finish(Outcome.SAFETY_STOP, prompt.stop.reason)
        held = self.held
        if held is not None and LEVELS.index(held.level) < LEVELS.index(prompt.stop.level):
            # A lesser stop read on the day of a graver one: the graver one's advice is what
            # the person lands on, not the library.
            self._show_held()
        return None

    def _answer_signs(self, prompt: SignsPrompt, value: Sign | None) -> str | None:
        pending = self._signs
        self._signs = None
        if isinstance(value, Sign):
            self.report_stop(stop_for(value))
        elif pending is not None and pending.was_running and self.session is not None:
            self.session.resume()
        return None

    def report_stop(self, stop: Stop) -> None:
        """Halt everything and show the stop until a deliberate choice. A pack that is on is
        to come off now: its alarm starts at once."""
        pack_on = self.pack_on
        session = self.session
        in_routine = session is not None and not session.finished
        self.stops.append(stop)
        # A sign that holds the day is the person's, not the preview's: history, tied to no
        # preview session, so the report never has its lift without it.
        if self.preview and stop.level in ENDING_LEVELS:
            self._record(StopReported(at=self.clock.wall(), stop=stop), preview=False)
        else:
            number = self._number(in_routine)
            reported = StopReported(at=self.clock.wall(), session=number, stop=stop)
            self._record(reported, preview=self.preview)
        # A routine about to start does not start after a stop, and no question that led
        # towards one stays in front of it.
        self._signs = self._checkin = self._confirm = None
        self._daily = self._pain_before = self._high_pain = None
        self.after_timer = None
        self._skin_wait = None
        words = advice(stop.level, self.number, pack_on, stop.also, in_routine, stop.act)
        held = self.held
        if stop.level in ENDING_LEVELS and (
            held is None or LEVELS.index(stop.level) <= LEVELS.index(held.level)
        ):
            wall = self.clock.wall()
            self.day_stop = DayStop.reported(
                stop.level, stop.reason, stop.sign_id, words.headline, wall
            )
            self.dirty.add("stop")
        can_skip = in_routine and stop.level == "stop-exercise"
        self._stop = _ShownStop(
            next(self._serials), stop, words, can_skip, in_routine, self.clock.now() + ARM_SECONDS
        )
        self._emit(StopSignal(stop))
        self._pack_off_now()
        if session is not None and not session.finished:
            session.pause()
            if stop.level != "stop-exercise":
                session.finish(Outcome.SAFETY_STOP, stop.reason)

    def _answer_remove(self, prompt: RemovePackPrompt, value: None) -> str | None:
        if self.therapy is not None:
            self.therapy.removed()
        return None

    def _answer_skin(self, prompt: SkinCheckPrompt, value: bool) -> str | None:
        if not isinstance(value, bool):
            return f"Answer {NORMAL_KEY} (normal) or {NOT_NORMAL_KEY} (not normal)."
        if self.therapy is not None:
            self.therapy.skin_checked(value)
            self._no_new_pack()
        return None

    def _answer_confirm(self, prompt: ConfirmPrompt, value: bool) -> str | None:
        if value is True and not prompt.armed(self.clock.now()):
            return "Read this first."
        pending = self._confirm
        self._confirm = None
        if pending is None:
            return None
        yes = value is True
        session = self.session
        if prompt.what == "routine":
            if yes and session is not None:
                session.finish(Outcome.ENDED_EARLY, "quit")
            elif pending.was_running and session is not None:
                session.resume()
        elif prompt.what == "timer":
            if yes and self.therapy is not None:
                self._stop_therapy()
        elif prompt.what == "lift":
            if yes:
                self._lift()
        elif prompt.what == "exit":
            if yes:
                if session is not None:
                    session.finish(Outcome.ENDED_EARLY, "closed")
                self.exit_confirmed = True
            elif pending.was_running and session is not None:
                session.resume()
        return None

    def _stop_therapy(self) -> None:
        """Stopping a timer on purpose: the person has said the pack is off (a pack that is on
        is taken as removed now, so the skin rest starts from now)."""
        therapy = self.therapy
        if therapy is None:
            return
        if therapy.phase is Phase.ON:
            therapy.take_off_now()
        if therapy.phase is Phase.REMOVE:
            therapy.removed()
        therapy.stop()

    def _answer_message(self, prompt: MessagePrompt, value: None) -> str | None:
        for message in self._messages:
            if message.serial == prompt.serial and message.lost_timer:
                self._record(LostTimerRead(at=self.clock.wall()), preview=False)
        self._messages = [m for m in self._messages if m.serial != prompt.serial]
        return None

    def _answer_notice(self, prompt: NoticePrompt, value: None) -> str | None:
        self._notice = None
        self._record(NoticeSeen(at=self.clock.wall()), preview=False)
        return None

    def _answer_daily(self, prompt: DailyCheckPrompt, value: Sign | DailyAnswer) -> str | None:
        pending = self._daily
        self._daily = None
        if value is DailyAnswer.NOT_NOW:  # the routine doesn't start, and the check stays due
            return None
        if isinstance(value, Sign):
            self.report_stop(stop_for(value))
            return None
        self._daily_done = self.today()
        self._record(DailyCheckDone(at=self.clock.wall(), day=self._daily_done), preview=False)
        if pending is not None:
            self._pain_before = _Starting(self._serial(), pending.plan)
        return None

    def _answer_pain(self, prompt: PainPrompt, value: int | None) -> str | None:
        if value is not None and (not isinstance(value, int) or not 0 <= value <= 10):
            return "Pain is a number from 0 to 10."
        pain = value if isinstance(value, int) else None
        if prompt.when == "before":
            starting = self._pain_before
            self._pain_before = None
            if starting is None:
                return None
            if pain is not None and pain >= HIGH_PAIN:
                self._high_pain = _HighPain(self._serial(), starting.plan, pain)
            else:
                self._begin(starting.plan, pain)
        else:
            after = self._pain_after
            self._pain_after = None
            if pain is not None and after is not None:
                self.current_pain = pain
                self._emit(PainAfter(at=self.clock.wall(), session=after.session, pain=pain))
        return None

    def _answer_high_pain(self, prompt: HighPainPrompt, value: bool) -> str | None:
        pending = self._high_pain
        self._high_pain = None
        if value is True and pending is not None:
            self._begin(pending.plan, pending.pain)
        return None

    def _answer_checkin(self, prompt: CheckInPrompt, value: CheckIn) -> str | None:
        if not isinstance(value, CheckIn):
            return "Answer the check-in."
        if value.pain is not None and not 0 <= value.pain <= 10:
            return "Pain is a number from 0 to 10."
        self._checkin = None
        checked = CheckedIn(at=self.clock.wall(), session=self.session_no, check=value)
        self._record(checked, preview=self.preview)
        if value.pain is not None:
            self.current_pain = value.pain
            if self.start_pain is None:
                self.start_pain = value.pain
        stop = checkin_stop(value, self.start_pain)
        if stop is not None:
            self.report_stop(stop)
        elif self.session is not None:
            self.session.next()
        return None

    def _answer_skin_rest(self, prompt: SkinRestPrompt, value: SkinRestAnswer) -> str | None:
        pending = self._skin_wait
        if pending is None:
            return None
        if value is SkinRestAnswer.APPLY:
            if not prompt.ready(self.clock.now()):
                return "Let your skin rest until the time is up."
            self._skin_wait = None
            if not self._skin_hurt_today(pending.in_routine):
                self._adopt(Therapy(pending.spec, self.clock), pending.in_routine)
            return None
        self._skin_wait = None
        if pending.in_routine and self.session is not None:
            self.session.skip_step()
        return None

    def _answer_reapply(self, prompt: ReapplyPrompt, value: bool) -> str | None:
        therapy = self.therapy
        if therapy is None:
            return None
        if value is True:
            therapy.next_cycle()
        else:
            therapy.finish()
        return None

    def _answer_reminder(
        self, prompt: ReminderPrompt, value: ReminderAnswer | Snooze
    ) -> str | None:
        if self._reminder is None:
            return None
        reminder = self._reminder.reminder
        now = self.clock.wall()
        self._reminder = None
        if isinstance(value, Snooze):
            self.reminders.snooze(reminder, value.minutes, now)
        else:
            self.reminders.done(reminder, now)
        self.dirty.add("reminders")
        if value is ReminderAnswer.ROUTINE and reminder.routine:
            self._emit(OfferedRoutine(reminder.routine))
        return None

    def advise(self, title: str, text: str) -> None:
        """Advice beside whatever is in front (it asks nothing, and covers nothing)."""
        self._emit(Advised(title, text))

    def tell(self, title: str, text: str) -> None:
        """A message the person must read (a save that failed, a clock that jumped)."""
        self._messages.append(_Message(self._serial(), title, text))
        self._emit(Told(title, text))

    # -- the engines' events ----------------------------------------------------------------

    def _on_session(self, event: Event) -> None:
        session = self.session
        if session is None:
            return
        seg = event.segment
        if event.name is EventName.SEGMENT and seg is not None:
            if self._checkin is not None:
                self._checkin = None
            reached = len(set(session.visited))
            progress = Progress(at=self.clock.wall(), session=self.session_no, reached=reached)
            self._record(progress, preview=session.plan.preview)
        self._emit(event)
        if event.name is EventName.SEGMENT and seg is not None:
            self._entered(seg)
        elif event.name is EventName.FINISHED:
            self._end_session(session, event.beat)

    def _entered(self, seg: Segment) -> None:
        session = self.session
        if session is None or not session.running:
            return
        if seg.kind is Kind.CHECK:
            self._checkin = _Asked(self._serial())
        elif seg.kind is Kind.THERAPY and isinstance(seg.step, TherapyStep):
            self._apply(spec_from_step(seg.step, session.plan.speed), in_routine=True)

    def _end_session(self, session: Session, reason: str) -> None:
        if self.session is not session:
            return
        outcome = session.outcome or Outcome.ENDED_EARLY
        ended = SessionEnded(
            at=self.clock.wall(),
            session=self.session_no,
            outcome=outcome,
            reason=reason,
            kept=ending(session).kept,
        )
        self._record(ended, preview=session.plan.preview)
        self.finished = session
        self.session = None
        self._checkin = None
        therapy = self.therapy
        if therapy is not None and self.therapy_in_routine:
            # The routine ended with its pack still on or resting: the timer goes on alone,
            # so the alarm and the skin check still come.
            self.therapy_in_routine = False
            if not therapy.active:
                self.therapy = None
        if self._skin_wait is not None and self._skin_wait.in_routine:
            self._skin_wait = None
        if outcome is not Outcome.SAFETY_STOP and not session.plan.preview:
            self._pain_after = _PainAfter(self._serial(), self.session_no)

    def _on_therapy(self, event: TherapyEvent) -> None:
        therapy = self.therapy
        if therapy is None:
            return
        preview = therapy.spec.speed != 1
        self.dirty.add("therapy")
        self._emit(event)
        if event.name is TherapyEventName.REMOVED:
            if not preview:
                self.skin_off = event.at
                self.dirty.add("skin")
            removed = PackRemoved(
                at=self.clock.wall(),
                session=self._number(self.therapy_in_routine),
                spec=therapy.spec,
                cycle=event.cycle,
                overdue=event.overdue * therapy.spec.speed,
                time_on=event.time_on * therapy.spec.speed,
            )
            self._record(removed, preview=preview)
        elif event.name in (TherapyEventName.SKIN_OK, TherapyEventName.SKIN_PROBLEM):
            normal = event.name is TherapyEventName.SKIN_OK
            checked = SkinChecked(
                at=self.clock.wall(),
                session=self._number(self.therapy_in_routine),
                cycle=event.cycle,
                normal=normal,
            )
            self._record(checked, preview=preview)
            if not normal:
                # The person's skin, whatever the timer's speed: no pack on it again today.
                self.skin_problem = SkinDay.checked(therapy.spec.kind, self.clock.wall())
                self.dirty.add("skin")
                self.report_stop(skin_stop(therapy.spec.kind))
        if event.name is TherapyEventName.CLOCK_JUMPED:
            way = "forward" if event.jump > 0 else "back"
            self.tell(
                "The clock changed",
                f"The computer's clock was set {way} by {format_clock(round(abs(event.jump)))}. The "
                f"{therapy.spec.words} timer keeps to the time that really passed.",
            )
        if event.name in (
            TherapyEventName.REMOVE,
            TherapyEventName.REST_OVER,
            TherapyEventName.SKIN_OK,
            TherapyEventName.NEXT_CYCLE,
        ):
            self._therapy_serial = next(self._serials)  # a new question: old keys can't answer it
        if event.name in (
            TherapyEventName.DONE,
            TherapyEventName.STOPPED,
            TherapyEventName.SKIN_PROBLEM,
        ):
            self._therapy_over(therapy)

    def _therapy_over(self, therapy: Therapy) -> None:
        if self.therapy is not therapy:
            return
        in_routine = self.therapy_in_routine
        self.therapy = None
        self.therapy_in_routine = False
        session = self.session
        if in_routine and session is not None and therapy.phase is Phase.DONE:
            session.next()

    # -- reminders --------------------------------------------------------------------------

    def _maybe_remind(self) -> None:
        """A due reminder comes forward only when nothing else is in front and no countdown
        would be covered. Every due one is this copy's from the moment it falls due, shown or
        waiting, and is saved as taken in hand, so `unknot watch` leaves it to this copy;
        one this copy fails to take (stopped with Ctrl+Z, hung) the watcher tells."""
        if self.held is not None:  # after the day's stop: getting help, not moving
            return
        if self.reminders.take_in_hand(self.clock.wall()):
            self.dirty.add("reminders")
        if self._reminder is not None or self.view not in (View.LIBRARY, View.FINISH):
            return
        if self.prompt is not None:
            return
        due = self.reminders.due(self.clock.wall())
        if not due:
            return
        reminder = due[0]
        overdue = max(0.0, self.clock.wall() - reminder.due)
        self._reminder = _Reminding(self._serial(), reminder)
        fired = ReminderFired(at=self.clock.wall(), reminder=reminder, overdue=overdue)
        self._record(fired, preview=False)
        self._emit(ReminderSignal(reminder, overdue))

    # -- the weekly function scale ------------------------------------------------------------

    def _maybe_ask_function(self) -> None:
        """At most once a week, and like a reminder only when nothing else is in front and no
        routine, timer or countdown would be covered; never after a preview."""
        if not self._ask_function or self._function is not None or self.held is not None:
            return
        if self.view not in (View.LIBRARY, View.FINISH) or self.prompt is not None:
            return
        if self.finished is not None and self.finished.plan.preview:
            return
        asked, wall = self.function_asked, self.clock.wall()
        if self._function_from is not None and wall < self._function_from:
            return
        # A clock set back makes the last time look ahead: not due until it is a week past it.
        if asked is not None and wall - asked < FUNCTION_EVERY:
            return
        self._function = _Asked(self._serial())

    def _answer_function(
        self, prompt: FunctionPrompt, value: FunctionRating | FunctionAnswer
    ) -> str | None:
        if isinstance(value, FunctionRating):
            why = value.problem()
            if why is not None:
                return why
        elif not isinstance(value, FunctionAnswer):
            return "Rate the activities, or skip this week."
        self._function = None
        self.function_asked = self.clock.wall()
        if isinstance(value, FunctionRating):
            self.function_activities = value.activities
            self._record(FunctionRated(at=self.clock.wall(), rating=value), preview=False)
        elif value is FunctionAnswer.SKIP_WEEK:
            self._record(FunctionSkipped(at=self.clock.wall()), preview=False)
        return None

    def add_reminder(
        self,
        every: float | None,
        after: float | None,
        text: str,
        routine: str | None = None,
        *,
        at: int | None = None,
        follows: str | None = None,
    ) -> str | None:
        """A new reminder; refused when the same one exists already. `at`: every day at this
        minute of the local day; `follows`: the programme whose next session it offers."""
        now = self.clock.wall()
        if at is not None:
            if any(r.at == at and r.follows == follows for r in self.reminders.reminders):
                return self._refuse("You have that reminder already.")
            self.reminders.add_daily(at, now, text, routine, follows)
        elif every is not None:
            if self.reminders.same(text, every, routine) is not None:
                return self._refuse("You have that reminder already.")
            self.reminders.add_every(every, now, text, routine)
        elif after is not None:
            self.reminders.add_once(after, now, text)
        self.dirty.add("reminders")
        return None

    def change_reminder(self, reminder: Reminder, change: ReminderChange | Snooze) -> None:
        """From the reminders list: snooze, skip, pause (or resume), remove."""
        now = self.clock.wall()
        book = self.reminders
        current = book.get(reminder.id)
        if current is None:
            return
        match change:
            case Snooze(minutes):
                book.snooze(current, minutes, now)
            case ReminderChange.SKIP:
                book.skip(current, now)
            case ReminderChange.PAUSE if current.paused:
                book.resume(current, now)
            case ReminderChange.PAUSE:
                book.pause(current, now)
            case ReminderChange.REMOVE:
                book.remove(current)
        self.dirty.add("reminders")

    # -- saving -----------------------------------------------------------------------------

    def saved(self) -> Saved:
        """What to keep: never a preview's timer."""
        therapy = self.therapy
        keep = therapy is not None and therapy.active and therapy.spec.speed == 1
        return Saved(
            therapy.to_state() if keep and therapy is not None else None,
            self.skin_off,
            self.reminders.to_state(),
            self.held,
            skin_problem=self.skin_problem,
        )


def _confirm_words(visit: Visit, what: str) -> tuple[str, str, str]:
    therapy = visit.therapy
    pack = therapy is not None and therapy.pack_on
    words = therapy.spec.words if therapy is not None else "pack"
    if what == "routine":
        return "End this routine now?", "End it", "Keep going"
    if what == "lift":
        return LIFT_WORDS, "Yes", "No, keep the stop"
    if what == "timer":
        if pack:
            return (
                f"Is the {words} off? Stopping the timer takes it as off now.",
                "It's off",
                "Keep going",
            )
        return "Stop this timer?", "Stop", "Keep going"
    if pack:
        return (
            f"The {words} is on. If you close unknot, nothing will tell you when to take it "
            "off. Close anyway?",
            "Close",
            "Stay",
        )
    return "A routine is running. End it and close unknot?", "Close", "Stay"


def _none(do: Callable[[Visit], object]) -> Callable[[Visit], str | None]:
    def act(visit: Visit) -> str | None:
        do(visit)
        return None

    return act


_ACTS: dict[Act, Callable[[Visit], str | None]] = {
    Act.PAUSE: Visit.pause,
    Act.NEXT: Visit.next,
    Act.PREVIOUS: Visit.previous,
    Act.RESTART_STEP: Visit.restart_step,
    Act.GO_ON: Visit.go_on,
    Act.QUIT_ROUTINE: _none(Visit.quit_routine),
    Act.STOP_TIMER: _none(Visit.stop_timer),
    Act.LEAVE_FINISH: _none(Visit.leave_finish),
    Act.RUN_AGAIN: Visit.run_again,
    Act.OPEN_SIGNS: _none(Visit.open_signs),
}

_HANDLERS: dict[type[Prompt[Any]], Callable[[Visit, Any, Any], str | None]] = {
    StopPrompt: Visit._answer_stop,
    SignsPrompt: Visit._answer_signs,
    RemovePackPrompt: Visit._answer_remove,
    SkinCheckPrompt: Visit._answer_skin,
    ConfirmPrompt: Visit._answer_confirm,
    MessagePrompt: Visit._answer_message,
    NoticePrompt: Visit._answer_notice,
    DailyCheckPrompt: Visit._answer_daily,
    PainPrompt: Visit._answer_pain,
    HighPainPrompt: Visit._answer_high_pain,
    CheckInPrompt: Visit._answer_checkin,
    SkinRestPrompt: Visit._answer_skin_rest,
    ReapplyPrompt: Visit._answer_reapply,
    ReminderPrompt: Visit._answer_reminder,
    FunctionPrompt: Visit._answer_function,
}

"""The visit's safety rules, checked after every step of random sequences: answers and keys,
time passing and jumping (suspend-sized too), reminders coming due, stops at every level,
previews, the day's emergency or urgent stop held and lifted, a skin check that was not
normal holding back packs for the day, and the program killed and restored from its saved
state."""

from __future__ import annotations

import inspect
import tempfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    INVARIANT_MARKER,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from tests.conftest import routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import (
    CheckedIn,
    CheckInPrompt,
    ConfirmPrompt,
    DailyAnswer,
    DailyCheckPrompt,
    FunctionAnswer,
    FunctionPrompt,
    FunctionRated,
    FunctionSkipped,
    HighPainPrompt,
    MessagePrompt,
    NoticePrompt,
    PackRemoved,
    PainAfter,
    PainPrompt,
    Progress,
    Prompt,
    ReapplyPrompt,
    Record,
    ReminderAnswer,
    ReminderFired,
    ReminderPrompt,
    ReminderSignal,
    RemovePackPrompt,
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
)
from unknot.core.engine.psfs import EVERY as FUNCTION_EVERY
from unknot.core.engine.psfs import FunctionRating
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.session import Event
from unknot.core.engine.therapy import ALARM_EVERY, SKIN_REST, Phase, TherapyEvent, TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.checkin import CheckIn, answer
from unknot.core.safety.signs import emergency_number, load_catalogue
from unknot.store.history import Store
from unknot.store.recorder import Recorder

CATALOGUE = load_catalogue()
NUMBER = emergency_number(None, "GB")

EXERCISE = routine_from(
    """version: 1
name: Floor
stop_if: [Pain down a leg]
steps:
  - note: Lie down.
  - stretch: Knee to chest
    hold: 5s
    reps: 2
    sides: both
  - check: How is it?
    ask:
      - Did it hurt more?
  - exercise: Tilt
    reps: 3
  - rest: 5s
""",
    "floor",
)
COLD = routine_from(
    """version: 1
name: Cold
steps:
  - stretch: Ease in
    hold: 5s
  - ice: Cool the back
    on: 2m
    off: 20m
    cycles: 2
  - check: After the cold
""",
    "cold",
)
ROUTINES = [EXERCISE, COLD]
SESSION_FACTS = (Progress, CheckedIn, SessionEnded, PainAfter)
# What the engine does, and the record that announces it for the history.
RECORDED_AS: dict[str, type[Record]] = {
    "stop": StopReported,
    "check-in": CheckedIn,
    "removal": PackRemoved,
    "skin check": SkinChecked,
    "reminder": ReminderFired,
    "session": SessionStarted,
}


def value_for(prompt: Prompt, data: st.DataObject) -> object:
    """A random answer of the right shape for `prompt`."""
    if isinstance(prompt, StopPrompt):
        return data.draw(st.sampled_from(list(StopAnswer)))
    if isinstance(prompt, SignsPrompt):
        return data.draw(st.one_of(st.none(), st.sampled_from(prompt.signs)))
    if isinstance(prompt, DailyCheckPrompt):
        return data.draw(
            st.one_of(st.sampled_from(list(DailyAnswer)), st.sampled_from(prompt.signs))
        )
    if isinstance(prompt, PainPrompt):
        return data.draw(st.one_of(st.none(), st.integers(0, 10)))
    if isinstance(prompt, SkinCheckPrompt | ConfirmPrompt | HighPainPrompt | ReapplyPrompt):
        return data.draw(st.booleans())
    if isinstance(prompt, CheckInPrompt):
        pain = data.draw(st.one_of(st.none(), st.integers(0, 10)))
        answers = tuple(answer(q, data.draw(st.booleans())) for q in prompt.questions)
        return CheckIn(pain, answers)
    if isinstance(prompt, SkinRestPrompt):
        return data.draw(st.sampled_from(list(SkinRestAnswer)))
    if isinstance(prompt, ReminderPrompt):
        return data.draw(st.sampled_from([*ReminderAnswer, Snooze(5)]))
    if isinstance(prompt, FunctionPrompt):
        scores = st.lists(st.integers(-1, 11), min_size=0, max_size=4)
        rated = FunctionRating(tuple((f"activity {i}", n) for i, n in enumerate(data.draw(scores))))
        return data.draw(st.sampled_from([rated, *FunctionAnswer]))
    assert isinstance(prompt, RemovePackPrompt | MessagePrompt | NoticePrompt), prompt
    return None


class VisitRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.records: list[tuple[int, Record]] = []  # (which visit, record)
        self.generation = 0
        # What the engine did, counted from its own events and answers, never a preview's:
        # stops, check-ins, applications, removals, skin checks, reminders fired, sessions.
        self.happened: Counter[str] = Counter()
        # The history on disk, as the program keeps it: a real SQLite file, fed the visit's
        # records; each start of the program opens it again.
        self.folder = tempfile.TemporaryDirectory()
        self._open_history()
        self.acted = False
        self.ending_stop_open = False
        # The day an emergency or urgent stop was reported on, until it is lifted on purpose.
        self.held_day = None
        # The day a skin check was answered "not normal" on (preview or not: the skin is real).
        self.skin_day = None
        self.lifting = False  # the person is saying yes to "seen, or a mistake" now
        self.last_real_off: float | None = None
        self.previews: set[tuple[int, int]] = set()
        self.sessions_at_end: int | None = None
        self.stop_with_pack_on = False
        self.function_asked: float | None = None  # kept across restarts, as the runtime does

    def _open_history(self) -> None:
        self.history = Store(Path(self.folder.name), sqlite_cli=None)
        self.recorder = Recorder(self.history)

    def teardown(self) -> None:
        self.history.close()
        self.folder.cleanup()

    @initialize(notice=st.booleans(), checked_today=st.booleans())
    def open_the_program(self, notice: bool, checked_today: bool) -> None:
        self.daily = self.clock_today() if checked_today else None
        self.visit = self._visit(notice=notice)

    def clock_today(self):
        return clock_date(self.clock)

    def _visit(self, notice: bool = False, saved=None) -> Visit:
        visit = Visit(
            self.clock,
            CATALOGUE,
            NUMBER,
            saved=saved,
            notice_due=notice,
            daily_check_done=self.daily,
            ask_function=True,
            function_asked=self.function_asked,
        )
        visit.subscribe(self._heard)
        self.prev_segment = None
        return visit

    def _heard(self, happening: object) -> None:
        visit = self.visit if hasattr(self, "visit") else None
        if isinstance(happening, Record):
            self.records.append((self.generation, happening))
            self.recorder.heard(happening)
            if isinstance(happening, StopLifted):
                assert self.lifting, "a stop lifted without a deliberate yes"
                self.held_day = None
            if isinstance(happening, ReminderFired | SessionStarted):
                assert not self.held(), f"{happening} while the day's stop holds"
            if isinstance(happening, FunctionRated | FunctionSkipped):
                self.function_asked = happening.at
        elif isinstance(happening, ReminderSignal):
            self.happened["reminder"] += 1
        elif isinstance(happening, StopSignal):
            ending = happening.stop.level in ("emergency", "urgent")
            if visit is not None and (not visit.preview or ending):  # the day's: the person's
                self.happened["stop"] += 1
            if happening.stop.level in ("emergency", "urgent"):
                self.ending_stop_open = True
                if not self.held() and visit is not None:
                    self.sessions_at_end = visit.session_no
                self.held_day = self.clock_today()
            if visit is not None and visit.therapy is not None:
                self.stop_with_pack_on = visit.therapy.phase is Phase.ON
        elif isinstance(happening, Event) and happening.name.value == "segment":
            prev = self.prev_segment
            seg = happening.segment
            # (c) an untimed part (a note, a set, a check-in, a cold/heat step) is never left
            # by time alone: only by an answer or a key
            if prev is not None and prev.duration is None and seg is not None:
                assert self.acted, f"left {prev.kind} {prev.title!r} without an action"
            self.prev_segment = seg
        elif isinstance(happening, Event) and happening.name.value == "started":
            self.prev_segment = None
            session = visit.session if visit is not None else None
            if session is not None and session.plan.preview and visit is not None:
                self.previews.add((self.generation, visit.session_no))
            elif session is not None:
                self.happened["session"] += 1
        elif isinstance(happening, TherapyEvent) and visit is not None:
            therapy = visit.therapy
            real = therapy is not None and therapy.spec.speed == 1
            if happening.name.value in ("started", "next-cycle"):
                # (g) no new application while the day's stop holds, preview or not
                assert not self.held(), "a pack put on after the day's stop"
                # (h) nor on a day with a skin check that was not normal
                assert not self.skin_hurt(), "a pack put on the day the skin was not normal"
            if happening.name.value == "skin-problem":
                self.skin_day = self.clock_today()
            if happening.name.value == "started":
                self.stop_with_pack_on = False
            if happening.name.value in ("started", "next-cycle") and real:
                self.happened["application"] += 1
                if self.last_real_off:
                    # (f) no new application within 20 minutes of the last removal
                    assert happening.at - self.last_real_off >= SKIN_REST - 1e-6
            if happening.name.value == "removed" and real:
                self.last_real_off = happening.at
                self.happened["removal"] += 1
            if happening.name.value in ("skin-ok", "skin-problem") and real:
                self.happened["skin check"] += 1

    # -- starting things --

    @rule(which=st.integers(0, len(ROUTINES) - 1), preview=st.booleans())
    def start_routine(self, which: int, preview: bool) -> None:
        self.acted = True
        before = self.visit.session_no
        self.visit.start_routine(build_plan(ROUTINES[which], 20.0 if preview else 1.0))
        if self.held():
            # (b) after an emergency or urgent stop, no routine starts that day, and the stop's
            # advice is in front again
            assert self.visit.session_no == before
            front = self.visit.prompt
            assert isinstance(front, StopPrompt)
            # A lesser stop reported since is read first; the day's stop comes back after it.
            assert front.stop.level in ("emergency", "urgent") or not front.can_lift

    @rule(which=st.integers(0, len(ROUTINES) - 1), pain=st.one_of(st.none(), st.integers(0, 10)))
    def begin_a_real_routine(self, which: int, pain: int | None) -> None:
        """Start one and answer what comes before it: the day's check (none) and the pain."""
        self.start_routine(which, False)
        for _ in range(3):
            front = self.visit.prompt
            if isinstance(front, DailyCheckPrompt):
                self.visit.answer(front, DailyAnswer.NONE_OF_THESE)
            elif isinstance(front, NoticePrompt):
                self.visit.answer(front, None)
            elif isinstance(front, PainPrompt):
                self.visit.answer(front, pain)
            elif isinstance(front, HighPainPrompt):
                self.visit.answer(front, True)

    @rule(kind=st.sampled_from(["ice", "heat"]), preview=st.booleans())
    def start_therapy(self, kind: str, preview: bool) -> None:
        self.acted = True
        self.visit.start_therapy(TherapySpec(kind, 120.0, 1200.0, 2, 20.0 if preview else 1.0))

    @rule(kind=st.sampled_from(["ice", "heat"]))
    def take_it_off_and_start_again(self, kind: str) -> None:
        """Stop a timer (the pack is off now) and at once ask for another application."""
        self.acted = True
        self.visit.stop_timer()
        front = self.visit.prompt
        if isinstance(front, ConfirmPrompt) and front.what == "timer":
            self.visit.answer(front, True)
        self.visit.start_therapy(TherapySpec(kind, 120.0, 1200.0, 1, 1.0))

    @rule(kind=st.sampled_from(["ice", "heat"]), preview=st.booleans())
    def a_pack_that_leaves_the_skin_not_normal(self, kind: str, preview: bool) -> None:
        """A pack on its own, through its alarm and skin rest to its skin check, answered
        "not normal" (if it can start, and nothing else comes in front on the way)."""
        self.acted = True
        spec = TherapySpec(kind, 120.0, 1200.0, 1, 20.0 if preview else 1.0)
        if self.visit.start_therapy(spec) is not None:
            return
        for _ in range(6):
            front = self.visit.prompt
            if self.visit.therapy is None:
                return
            if isinstance(front, RemovePackPrompt):
                self.visit.answer(front, None)
            elif isinstance(front, SkinCheckPrompt):
                self.visit.answer(front, False)
                return
            elif front is not None:
                return
            deadline = self.visit.next_deadline()
            if deadline is not None:
                self.clock.advance(max(0.0, deadline - self.clock.now()))
            self.visit.update()

    @rule(every=st.booleans(), minutes=st.integers(1, 90))
    def add_reminder(self, every: bool, minutes: int) -> None:
        seconds = minutes * 60.0
        self.visit.add_reminder(seconds if every else None, None if every else seconds, "Move")

    # -- the person --

    @rule(data=st.data())
    def answer_front(self, data: st.DataObject) -> None:
        prompt = self.visit.prompt
        if prompt is None:
            return
        value = value_for(prompt, data)
        self.acted = True
        preview = self.visit.preview
        self.lifting = isinstance(prompt, ConfirmPrompt) and prompt.what == "lift" and value
        why = self.visit.answer(prompt, value)
        self.lifting = False
        if isinstance(prompt, StopPrompt) and why is None:
            self.ending_stop_open = False
        if isinstance(prompt, CheckInPrompt) and why is None and not preview:
            self.happened["check-in"] += 1

    @rule(level=st.sampled_from(["emergency", "urgent", "doctor", "stop-exercise"]))
    def report_a_sign_and_read_the_stop(self, level: str) -> None:
        """`!`, a sign of `level`, the stop read for its two seconds, then e."""
        self.acted = True
        self.visit.open_signs()
        front = self.visit.prompt
        if not isinstance(front, SignsPrompt):
            return
        self.visit.answer(front, next(s for s in front.signs if s.level == level))
        self.clock.advance(2.5)
        self.visit.update()
        front = self.visit.prompt
        if isinstance(front, StopPrompt) and self.visit.answer(front, StopAnswer.END) is None:
            self.ending_stop_open = False

    @rule()
    def seen_or_a_mistake(self) -> None:
        """The day's stop in front again; read, then "I have been seen, or a mistake",
        and yes to the question that follows."""
        self.acted = True
        self.visit.start_routine(build_plan(EXERCISE))  # shows it again, if it holds
        front = self.visit.prompt
        if not isinstance(front, StopPrompt) or not front.can_lift:
            return
        if not front.armed(self.clock.now()):
            assert self.visit.answer(front, StopAnswer.LIFT) is not None  # not before it is read
        self.clock.advance(2.5)
        self.visit.update()
        front = self.visit.prompt
        if (
            not isinstance(front, StopPrompt)
            or self.visit.answer(front, StopAnswer.LIFT) is not None
        ):
            return
        self.ending_stop_open = False
        asked = [p for p in self.visit.prompts() if isinstance(p, ConfirmPrompt)]
        assert [p.what for p in asked] == ["lift"]
        assert self.held()  # asking is not lifting
        confirm = self.visit.prompt
        if confirm != asked[0]:
            return  # behind a pack's alarm, which comes first
        assert self.visit.answer(confirm, True) is not None  # not before it is read
        assert self.held()
        self.clock.advance(2.5)
        self.visit.update()
        confirm = self.visit.prompt
        if not isinstance(confirm, ConfirmPrompt):
            return  # a pack's alarm came due while it was read
        self.lifting = True
        self.visit.answer(confirm, True)
        self.lifting = False
        assert not self.held() and self.visit.held is None

    @rule(data=st.data())
    def answer_something_else(self, data: st.DataObject) -> None:
        """A late or stray key: an answer to a prompt that is not in front does nothing."""
        prompts = self.visit.prompts()
        if len(prompts) < 2:
            return
        behind = data.draw(st.sampled_from(prompts[1:]))
        front = self.visit.prompt
        assert self.visit.answer(behind, value_for(behind, data)) is not None
        assert self.visit.prompt == front or front is None

    @rule(action=st.sampled_from(["pause", "next", "previous", "restart_step", "go_on"]))
    def key(self, action: str) -> None:
        self.acted = True
        getattr(self.visit, action)()

    @rule(what=st.sampled_from(["quit_routine", "stop_timer", "open_signs", "leave_finish"]))
    def ask(self, what: str) -> None:
        self.acted = True
        getattr(self.visit, what)()

    @rule()
    def want_to_close(self) -> None:
        self.acted = True
        self.visit.request_exit()

    # -- time --

    @rule(seconds=st.floats(0.1, 40.0))
    def time_passes(self, seconds: float) -> None:
        self.acted = False
        self.clock.advance(seconds)
        self.visit.update()

    @rule()
    def a_week_passes(self) -> None:
        self.acted = False
        self.clock.advance(FUNCTION_EVERY)
        self.visit.update()

    @rule(seconds=st.sampled_from([300.0, 1250.0, 3600.0, 8 * 3600.0]))
    def machine_sleeps(self, seconds: float) -> None:
        self.acted = False
        self.clock.advance(seconds)
        self.visit.update()

    @rule(asked=st.one_of(st.none(), st.integers(0, len(ROUTINES) - 1)))
    def killed_and_restored(self, asked: int | None) -> None:
        """The program is killed and started again: only the saved state survives. It may be
        started asking for a routine (`unknot run`), which comes after a timer from before."""
        saved = self.visit.saved()
        self.acted = False
        self.ending_stop_open = False  # a new visit: the old stop was on the old screen
        self.sessions_at_end = 0 if self.held() else None
        self.stop_with_pack_on = False
        self.generation += 1
        self.history.close()
        self._open_history()
        self.visit = self._visit(saved=saved)
        if asked is not None:
            self.visit.start_asked(build_plan(ROUTINES[asked]))
        self.visit.update()

    # -- the rules --

    @invariant()
    def what_was_asked_at_the_start_waits_only_for_a_timer_from_before(self) -> None:
        visit = self.visit
        visit.update()
        if visit.after_timer is not None:
            timer_on = visit.therapy is not None and visit.therapy.active
            assert timer_on or visit.prompt is not None

    @invariant()
    def a_pack_past_its_time_always_has_an_alarm_due(self) -> None:
        visit = self.visit
        visit.update()
        therapy = visit.therapy
        if therapy is None or therapy.phase is not Phase.REMOVE:
            return
        deadline = visit.next_deadline()
        assert deadline is not None
        assert deadline - self.clock.now() <= ALARM_EVERY / therapy.spec.speed + 1e-6
        assert any(isinstance(p, RemovePackPrompt) for p in visit.prompts())

    @invariant()
    def nothing_due_is_left_waiting(self) -> None:
        """Once brought up to now, the next wake-up is ahead: a deadline already past would
        wake both faces at once, again and again, for as long as it stays."""
        self.visit.update()
        deadline = self.visit.next_deadline()
        assert deadline is None or deadline > self.clock.now(), self.visit.prompts()

    def held(self) -> bool:
        """Does the day's stop hold? Until the local midnight after it, unless lifted."""
        return self.held_day is not None and self.clock_today() <= self.held_day

    def skin_hurt(self) -> bool:
        """Was a skin check not normal today? Until the local midnight after it."""
        return self.skin_day is not None and self.clock_today() <= self.skin_day

    @invariant()
    def no_pack_the_day_the_skin_was_not_normal(self) -> None:
        """(h) Until midnight after a skin check answered "not normal", across restarts and
        clock jumps: no pack waits to go on, and a restart reads it back."""
        if not self.skin_hurt():
            return
        visit = self.visit
        visit.update()
        assert visit.skin_day is not None
        assert visit.saved().skin_problem == visit.skin_day
        assert not any(isinstance(p, SkinRestPrompt | ReapplyPrompt) for p in visit.prompts())

    @invariant()
    def an_ending_stop_stays_in_front_until_acknowledged(self) -> None:
        if self.ending_stop_open:
            assert isinstance(self.visit.prompt, StopPrompt)
        if self.held():
            assert self.visit.why_not_start() is not None
            assert self.visit.session_no == self.sessions_at_end  # no routine began since
            assert not any(
                isinstance(p, DailyCheckPrompt | PainPrompt)
                for p in self.visit.prompts()
                if getattr(p, "when", "before") == "before"
            )

    @invariant()
    def the_days_stop_holds_back_reminders_and_new_packs(self) -> None:
        """(g) Until midnight after an emergency or urgent stop, across restarts: no reminder,
        no weekly questions, no offer to reapply; the pack already on keeps its alarm (see
        a_pack_past_its_time_always_has_an_alarm_due)."""
        if not self.held():
            return
        visit = self.visit
        visit.update()
        assert visit.held is not None
        waiting = visit.prompts()
        assert not any(
            isinstance(p, ReminderPrompt | FunctionPrompt | ReapplyPrompt) for p in waiting
        )
        assert visit.saved().day_stop == visit.held  # what a restart reads back

    @invariant()
    def a_stop_takes_the_pack_off_now(self) -> None:
        therapy = self.visit.therapy
        if self.stop_with_pack_on and therapy is not None:
            assert therapy.phase is not Phase.ON

    @invariant()
    def a_reminder_never_covers_a_routine_or_a_countdown(self) -> None:
        if any(isinstance(p, ReminderPrompt) for p in self.visit.prompts()):
            assert self.visit.view.value in ("library", "finish")

    @invariant()
    def every_due_reminder_is_saved_as_this_copys_until_the_days_stop(self) -> None:
        """Once brought up to now, each due reminder is in this copy's hand in what it saves
        (shown, or waiting behind a routine, a countdown or another reminder), so `unknot
        watch` leaves it alone; while the day's stop holds, none is taken, and both wait."""
        visit = self.visit
        before = ReminderBook.from_state(visit.saved().reminders or {})
        visit.update()
        kept = ReminderBook.from_state(visit.saved().reminders or {})
        due = kept.due(self.clock.wall())
        if visit.held is None:
            assert all(r.in_hand for r in due), due
        else:
            assert kept.reminders == before.reminders  # nothing taken during the stop

    @invariant()
    def the_function_scale_never_covers_a_routine_or_a_stop(self) -> None:
        prompts = self.visit.prompts()
        if any(isinstance(p, FunctionPrompt) for p in prompts):
            assert self.visit.view.value in ("library", "finish")
            front = self.visit.prompt
            if isinstance(front, FunctionPrompt):
                assert prompts == [front]  # nothing else waits behind it

    @invariant()
    def the_function_scale_is_kept_at_most_once_a_week(self) -> None:
        kept = (FunctionRated, FunctionSkipped)
        times = [r.at for _, r in self.records if isinstance(r, kept)]
        assert all(b - a >= FUNCTION_EVERY for a, b in pairwise(times))
        for _, record in self.records:
            if isinstance(record, FunctionRated):
                assert record.rating.problem() is None

    @invariant()
    def every_fact_is_recorded_once(self) -> None:
        for name in (SessionStarted, SessionEnded, PainAfter):
            per_session = Counter((g, r.session) for g, r in self.records if type(r) is name)
            assert all(n == 1 for n in per_session.values()), name
        # (d) each stop, check-in, removal, skin check, reminder fired and session the
        # engine went through (a preview's excepted) is announced once and is one row in
        # the history, and nothing else is
        announced = Counter(type(r) for _, r in self.records)
        therapy = self.history.rows("therapy")
        safety = self.history.rows("safety")
        lifted = [row for row in safety if row["level"] == "lifted"]
        assert len(lifted) == announced[StopLifted]
        on_disk = {
            "stop": len(safety) - len(lifted),
            "check-in": len(self.history.rows("checkins")),
            "removal": len(therapy),
            "skin check": sum(1 for row in therapy if row["skin"] is not None),
            "reminder": len(self.history.rows("reminders_fired")),
            "session": len(self.history.sessions()),
        }
        for kind, record in RECORDED_AS.items():
            assert self.happened[kind] == announced[record] == on_disk[kind], kind
        # every real application is in the history once it is off; only one still on isn't
        on_now = self.visit.pack_on and not self.visit.preview
        assert self.happened["application"] == self.happened["removal"] + on_now

    @invariant()
    def a_preview_is_never_history(self) -> None:
        for generation, record in self.records:
            if isinstance(record, (*SESSION_FACTS, SessionStarted)):
                assert (generation, record.session) not in self.previews
        therapy = self.visit.therapy
        if therapy is not None and therapy.spec.speed != 1:
            assert self.visit.saved().therapy is None


VisitRules.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestVisitRules = VisitRules.TestCase


class _Answers:
    """Stands in for Hypothesis's `data()` in a replayed sequence: each draw takes the next
    value written down, and a draw nothing was written down for is a mistake in the test."""

    def __init__(self, *values: object) -> None:
        self.values = list(values)

    def draw(self, strategy: object) -> object:
        return self.values.pop(0)


def replay(*steps: tuple[str, dict[str, object]]) -> None:
    """Run the rules one after another as Hypothesis does, every invariant checked after the
    start and after each step."""
    machine = VisitRules()
    invariants = [
        getattr(machine, name)
        for name, f in inspect.getmembers(VisitRules)
        if getattr(f, INVARIANT_MARKER, None) is not None
    ]
    assert invariants
    try:
        for name, arguments in steps:
            getattr(machine, name)(**arguments)
            for check in invariants:
                check()
    finally:
        machine.teardown()


def test_found_a_second_application_of_a_routine_step_is_one_application():
    """Found by the rules above: a cold step of two applications, its first left on for a
    week, taken off, the skin found fine, and the pack put on again. The second application
    was announced twice (as started and as the next cycle): the plain face said it twice and
    the history's account was one application ahead of what happened."""
    replay(
        ("open_the_program", {"notice": False, "checked_today": False}),
        ("begin_a_real_routine", {"which": 1, "pain": None}),
        ("a_week_passes", {}),
        ("a_week_passes", {}),
        ("answer_front", {"data": _Answers()}),  # the pack is off
        ("a_week_passes", {}),
        ("answer_front", {"data": _Answers(True)}),  # the skin is fine
        ("answer_front", {"data": _Answers(True)}),  # put it on again
    )


def test_a_reminder_held_back_by_a_routine_is_no_deadline_due_now():
    """A reminder that comes due during a routine waits for it to end. It used to count as a
    deadline due now for as long as it waited, so both faces woke at once, again and again: a
    busy loop for the rest of the routine."""
    clock = FakeClock()
    visit = Visit(clock, CATALOGUE, NUMBER, daily_check_done=clock_date(clock))
    visit.add_reminder(60.0, None, "Move")
    visit.start_routine(build_plan(EXERCISE))
    front = visit.prompt
    assert isinstance(front, PainPrompt)
    visit.answer(front, 3)
    clock.advance(120)  # the reminder is due; the routine waits on its first note
    visit.update()
    assert visit.view.value == "run" and visit.prompt is None
    assert visit.reminders.due(clock.wall())  # due, and held back
    assert visit.next_deadline() is None  # nothing to wake up for until the person acts
    visit.quit_routine()
    visit.answer(visit.prompt, True)
    visit.answer(visit.prompt, None)  # no pain rating after
    visit.update()
    assert isinstance(visit.prompt, ReminderPrompt)  # and it comes as soon as it can


def clock_date(clock: FakeClock):
    import datetime as dt

    return dt.datetime.fromtimestamp(clock.wall()).date()


def test_a_skin_check_after_a_restart_reaches_the_history(tmp_path):
    """The pack comes off, the program is killed during the skin rest and started again, and
    the skin is then checked: the history's row for that application says how it was."""
    from tests.conftest import BUNDLED, make_context
    from unknot.services.runtime import VisitRuntime
    from unknot.store.library import Library

    clock = FakeClock()

    def start_the_program() -> VisitRuntime:
        runtime = VisitRuntime(make_context(tmp_path, clock), Library([("bundled", BUNDLED)]))
        runtime.settle()
        return runtime

    runtime = start_the_program()
    runtime.visit.start_therapy(TherapySpec("ice", 120.0, 1200.0, 1))
    clock.advance(120.0)
    runtime.settle()
    runtime.visit.answer(runtime.visit.prompt, None)  # it's off
    runtime.settle()
    clock.advance(600.0)
    runtime.settle()
    runtime.timers.release()  # killed: the lock goes with the process
    runtime.context.store.close()

    runtime = start_the_program()
    clock.advance(600.0)
    runtime.settle()
    front = runtime.visit.prompt
    assert isinstance(front, SkinCheckPrompt)
    runtime.visit.answer(front, False)
    runtime.settle()
    assert [row["skin"] for row in runtime.context.store.rows("therapy")] == ["problem"]

"""The visit's flow, case by case: each safety finding from trying the program, on the engine
and the fake clock. (The random sequences are in test_visit_rules.py.)"""

from __future__ import annotations

import pytest

from tests.conftest import routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import Kind, build_plan
from unknot.core.engine.prompts import (
    CheckedIn,
    CheckInPrompt,
    ConfirmPrompt,
    DailyAnswer,
    DailyCheckPrompt,
    HighPainPrompt,
    PainAfter,
    PainPrompt,
    Prompt,
    ReapplyPrompt,
    Record,
    ReminderPrompt,
    RemovePackPrompt,
    SessionEnded,
    SignsPrompt,
    SkinCheckPrompt,
    SkinRestAnswer,
    SkinRestPrompt,
    Snooze,
    StopAnswer,
    StopPrompt,
    StopReported,
    View,
)
from unknot.core.engine.session import Outcome, State
from unknot.core.engine.therapy import Phase, TherapyEvent, TherapyEventName, TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.checkin import CheckIn, answer
from unknot.core.safety.signs import emergency_number, load_catalogue

CATALOGUE = load_catalogue()
GB = emergency_number(None, "GB")
FLOOR = routine_from(
    """version: 1
name: Floor
stop_if: [Pain down a leg]
steps:
  - note: Lie down.
  - stretch: Knee to chest
    hold: 5s
  - check: How is it?
    ask:
      - Did it hurt more?
  - rest: 5s
""",
    "floor",
)
COLD = routine_from(
    """version: 1
name: Cold
steps:
  - note: Ready.
  - ice: Cool the back
    on: 2m
    off: 20m
  - note: After.
""",
    "cold",
)

TWICE = routine_from(
    """version: 1
name: Twice
steps:
  - ice: Cool the back
    on: 2m
    off: 20m
    cycles: 2
  - note: After.
""",
    "twice",
)


class Harness:
    """A visit on a fake clock, with what it announced."""

    def __init__(self, **kw: object) -> None:
        self.clock = FakeClock()
        self.visit = Visit(self.clock, CATALOGUE, GB, **kw)  # type: ignore[arg-type]
        self.heard: list[object] = []
        self.visit.subscribe(self.heard.append)

    @property
    def records(self) -> list[Record]:
        return [h for h in self.heard if isinstance(h, Record)]

    def front(self) -> Prompt | None:
        return self.visit.prompt

    def answer(self, value: object, kind: type[Prompt] | None = None) -> None:
        front = self.visit.prompt
        assert front is not None, "nothing is asked"
        if kind is not None:
            assert isinstance(front, kind), front
        assert self.visit.answer(front, value) is None

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.visit.update()

    def begin(self, routine=FLOOR, pain: int | None = 3, speed: float = 1.0) -> None:
        assert self.visit.start_routine(build_plan(routine, speed)) is None
        if speed == 1:
            self.answer(DailyAnswer.NONE_OF_THESE, DailyCheckPrompt)
            self.answer(pain, PainPrompt)
        assert self.visit.session is not None

    def sign(self, sign_id: str) -> None:
        self.visit.open_signs()
        front = self.front()
        assert isinstance(front, SignsPrompt)
        self.answer(next(s for s in front.signs if s.id == sign_id))

    def acknowledge(self, choice: StopAnswer = StopAnswer.END) -> None:
        self.wait(2.5)
        self.answer(choice, StopPrompt)


def test_a_stop_during_a_cold_pack_takes_it_off_now_with_its_alarm():
    h = Harness()
    h.visit.start_therapy(TherapySpec("ice"))
    h.wait(60)
    h.sign("chest-pain")
    stop = h.front()
    assert isinstance(stop, StopPrompt)
    assert "Take off any ice or heat pack now." in stop.advice.actions
    assert h.visit.therapy is not None and h.visit.therapy.phase is Phase.REMOVE
    assert h.visit.saved().therapy["phase"] == "remove"  # never "on" in the saved state
    h.acknowledge()
    assert isinstance(h.front(), RemovePackPrompt)
    assert h.visit.view is View.THERAPY  # the timer is still on screen
    alarms = 0
    for _ in range(4):
        deadline = h.visit.next_deadline()
        assert deadline is not None and deadline - h.clock.now() <= 30.0
        h.wait(30)
        alarms += sum(
            1 for e in h.heard if isinstance(e, TherapyEvent) and e.name is TherapyEventName.ALARM
        )
    assert alarms > 0


def test_a_due_reminder_waits_behind_a_stop_and_can_not_start_a_routine():
    h = Harness()
    h.visit.add_reminder(None, 60, "Move", None)
    h.sign("chest-pain")
    h.wait(120)
    assert isinstance(h.front(), StopPrompt)
    assert not any(isinstance(p, ReminderPrompt) for p in h.visit.prompts())
    h.acknowledge()
    assert h.visit.start_routine(build_plan(FLOOR)) is not None  # ended: no routine


@pytest.mark.parametrize("sign", ["chest-pain", "fever"])
def test_after_an_emergency_or_urgent_stop_no_routine_starts(sign):
    h = Harness()
    h.begin()
    h.sign(sign)
    h.acknowledge()
    assert h.visit.view is View.FINISH
    assert h.visit.run_again() is not None
    assert h.visit.session is None
    again = h.front()  # what to do, once more, in front of the routine that didn't start
    assert isinstance(again, StopPrompt) and again.can_lift and again.stop.sign_id == sign
    h.acknowledge()
    assert h.visit.start_routine(build_plan(FLOOR)) is not None
    assert h.visit.session is None


def test_a_doctor_stop_ends_the_routine_but_not_the_visit():
    h = Harness()
    h.begin()
    h.sign("not-improving")
    h.acknowledge()
    assert h.visit.finished is not None and h.visit.finished.outcome is Outcome.SAFETY_STOP
    assert h.visit.why_not_start() is None


def test_bang_pauses_the_routine_and_back_goes_on():
    h = Harness()
    h.begin()
    h.visit.go_on()  # past the note
    session = h.visit.session
    assert session is not None and session.running
    h.visit.open_signs()
    assert session.state is State.PAUSED
    h.wait(30)
    assert session.index == 1  # nothing moved while the list was open
    h.answer(None, SignsPrompt)
    assert session.running


def test_the_quit_question_pauses_the_routine():
    h = Harness()
    h.begin()
    h.visit.go_on()
    h.visit.quit_routine()
    assert isinstance(h.front(), ConfirmPrompt)
    session = h.visit.session
    assert session is not None and session.state is State.PAUSED
    h.wait(60)
    h.answer(False)
    assert session.running


def test_skip_on_a_stop_shows_the_next_step_paused():
    h = Harness()
    h.begin()
    h.visit.go_on()
    h.sign("dizzy")
    h.acknowledge(StopAnswer.SKIP)
    session = h.visit.session
    assert session is not None
    assert session.segment.kind is Kind.CHECK  # the next step, not the old one
    assert session.state is State.PAUSED  # and it waits for the person
    assert h.front() is None


def test_an_ice_step_is_one_step_and_back_from_the_next_one_waits_for_the_skin():
    h = Harness()
    h.begin(COLD)
    h.visit.go_on()
    session = h.visit.session
    assert session is not None and session.segment.kind is Kind.THERAPY
    assert h.visit.next() is not None  # the pack is on: this step can't be skipped
    h.wait(120)
    h.answer(None, RemovePackPrompt)
    h.wait(1200)
    h.answer(True, SkinCheckPrompt)
    assert session.segment.kind is Kind.NOTE  # one step: straight to what comes after
    h.visit.previous()
    assert session.segment.kind is Kind.THERAPY
    assert h.visit.therapy is not None  # a new application, not a skin check with no pack
    assert h.visit.therapy.phase is Phase.ON
    assert not any(s.kind.value in ("remove", "skin-rest") for s in session.plan.segments)


@pytest.mark.parametrize("speed", [1.0, 20.0])
def test_finishing_a_step_of_two_applications_after_the_first_goes_on_with_the_routine(speed):
    """f at "you may reapply": the person has had enough cold. The step is over (it used to
    stay on screen with no timer, and nothing could move the routine on)."""
    h = Harness()
    h.begin(TWICE, speed=speed)
    session = h.visit.session
    assert session is not None and session.segment.kind is Kind.THERAPY
    h.wait(120 / speed)
    h.answer(None, RemovePackPrompt)
    h.wait(1200 / speed)
    h.answer(True, SkinCheckPrompt)
    h.answer(False, ReapplyPrompt)
    assert h.visit.therapy is None
    assert session.segment.kind is Kind.NOTE and session.state is State.RUNNING
    assert h.front() is None
    h.visit.go_on()
    assert session.outcome is Outcome.COMPLETED


def test_a_new_application_within_20_minutes_waits_for_the_skin():
    h = Harness()
    h.visit.start_therapy(TherapySpec("ice", on=60))
    h.wait(60)
    h.answer(None, RemovePackPrompt)
    h.visit.stop_timer()
    h.answer(True, ConfirmPrompt)
    h.wait(5 * 60)
    assert h.visit.start_therapy(TherapySpec("heat")) is None
    wait = h.front()
    assert isinstance(wait, SkinRestPrompt) and not wait.ready(h.clock.now())
    assert h.visit.answer(wait, SkinRestAnswer.APPLY) is not None  # too soon
    assert h.visit.therapy is None
    h.wait(15 * 60)
    h.answer(SkinRestAnswer.APPLY, SkinRestPrompt)
    assert h.visit.therapy is not None and h.visit.therapy.phase is Phase.ON


def test_the_skin_rest_holds_across_a_restart():
    h = Harness()
    h.visit.start_therapy(TherapySpec("ice", on=60))
    h.wait(60)
    h.answer(None, RemovePackPrompt)
    h.visit.stop_timer()
    h.answer(True, ConfirmPrompt)
    saved = h.visit.saved()
    assert saved.therapy is None and saved.skin_off is not None
    h.clock.advance(120)
    again = Visit(h.clock, CATALOGUE, GB, saved=saved)
    assert again.start_therapy(TherapySpec("ice")) is None
    wait = again.prompt
    assert isinstance(wait, SkinRestPrompt)
    assert wait.ready_at - h.clock.now() == pytest.approx(18 * 60)


def test_a_preview_is_never_history_and_never_a_saved_timer():
    h = Harness()
    h.begin(FLOOR, speed=20)
    h.visit.go_on()
    h.wait(60)
    assert not h.records
    h2 = Harness()
    h2.visit.start_therapy(TherapySpec("ice", speed=50))
    h2.wait(25)
    assert h2.visit.saved().therapy is None
    h2.answer(None, RemovePackPrompt)
    assert h2.visit.saved().skin_off is None  # a preview's pack never counts for skin rest
    assert not h2.records


def test_a_reminder_never_covers_a_running_routine():
    h = Harness()
    h.visit.add_reminder(None, 30, "Drink water", None)
    h.begin()
    h.visit.go_on()
    h.wait(40)
    assert not any(isinstance(p, ReminderPrompt) for p in h.visit.prompts())
    h.visit.quit_routine()
    h.answer(True, ConfirmPrompt)
    h.answer(None, PainPrompt)  # after
    h.visit.update()
    assert isinstance(h.front(), ReminderPrompt)


def test_snoozing_a_reminder_not_yet_due_moves_it_later():
    h = Harness()
    h.visit.add_reminder(45 * 60, None, "Move", None)
    reminder = h.visit.reminders.reminders[0]
    h.wait(10 * 60)
    h.visit.change_reminder(reminder, Snooze(5))
    assert h.visit.reminders.reminders[0].due == reminder.due + 5 * 60


def test_the_same_reminder_twice_is_refused():
    h = Harness()
    assert h.visit.add_reminder(45 * 60, None, "Time to move", None) is None
    assert h.visit.add_reminder(45 * 60, None, "Time to move", None) is not None
    assert len(h.visit.reminders.reminders) == 1


def _to_checkin(h: Harness) -> CheckInPrompt:
    h.visit.go_on()
    h.wait(5)
    h.wait(5)
    front = h.front()
    assert isinstance(front, CheckInPrompt), front
    return front


def test_a_check_ins_pain_is_the_latest_and_after_is_asked_once():
    h = Harness()
    h.begin(pain=2)
    prompt = _to_checkin(h)
    h.answer(CheckIn(4, tuple(answer(q, False) for q in prompt.questions)))
    assert h.visit.current_pain == 4
    assert not isinstance(h.front(), PainPrompt)  # not after a check-in
    h.wait(10)
    assert isinstance(h.front(), PainPrompt) and h.front().when == "after"
    h.answer(3)
    assert h.front() is None
    assert [type(r) for r in h.records].count(PainAfter) == 1


def test_a_check_in_stop_is_recorded_once_and_never_reads_as_completed():
    h = Harness()
    h.begin(pain=2)
    prompt = _to_checkin(h)
    h.answer(CheckIn(9, tuple(answer(q, False) for q in prompt.questions)))
    assert isinstance(h.front(), StopPrompt)
    h.acknowledge()
    kinds = [type(r) for r in h.records]
    assert kinds.count(CheckedIn) == 1 and kinds.count(StopReported) == 1
    ended = next(r for r in h.records if isinstance(r, SessionEnded))
    assert ended.outcome is Outcome.SAFETY_STOP
    assert not isinstance(h.front(), PainPrompt)


def test_an_answer_that_means_stop_stops_whichever_way_round():
    text = "Did the skin look normal?"
    check = CheckIn(None, (answer((text, False), False),))
    assert check.stopping and check.stopping[0].question == text


def test_pain_of_eight_before_starting_asks_and_says_the_stop_rules():
    h = Harness()
    h.visit.start_routine(build_plan(FLOOR))
    h.answer(DailyAnswer.NONE_OF_THESE, DailyCheckPrompt)
    h.answer(8, PainPrompt)
    front = h.front()
    assert isinstance(front, HighPainPrompt)
    assert "stops if your pain reaches 8" in front.text
    h.answer(False)
    assert h.visit.session is None
    h.visit.start_routine(build_plan(FLOOR))
    h.answer(9, PainPrompt)
    h.answer(True, HighPainPrompt)
    assert h.visit.session is not None and h.visit.start_pain == 9


def test_a_late_key_never_answers_a_newer_question():
    h = Harness()
    h.visit.start_therapy(TherapySpec("ice", on=60, cycles=2))
    h.wait(60)
    old = h.front()
    assert isinstance(old, RemovePackPrompt)
    h.answer(None)
    h.wait(1200)
    assert h.visit.answer(old, None) is not None  # the skin check is in front now
    assert isinstance(h.front(), SkinCheckPrompt)


def test_closing_mid_routine_or_with_a_pack_on_asks_first():
    h = Harness()
    assert h.visit.request_exit()
    h.visit.start_therapy(TherapySpec("heat"))
    assert not h.visit.request_exit()
    front = h.front()
    assert isinstance(front, ConfirmPrompt) and "nothing will tell you" in front.question
    h.answer(True)
    assert h.visit.request_exit()


def test_a_pack_restored_overdue_alarms_at_once_and_says_by_how_much():
    h = Harness()
    h.visit.start_therapy(TherapySpec("ice", on=60))
    saved = h.visit.saved()
    h.clock.advance(3600)  # closed, and the laptop slept
    again = Visit(h.clock, CATALOGUE, GB, saved=saved)
    again.update()
    front = again.prompt
    assert isinstance(front, RemovePackPrompt) and front.overdue >= 3500


def test_leaving_with_an_unsaved_timer_says_what_to_do_and_when_never_that_it_is_saved():
    h = Harness()
    assert h.visit.leaving_words(saved=False) is None  # no timer: nothing to say
    h.visit.start_therapy(TherapySpec("heat", on=600))
    h.wait(60)
    assert h.visit.leaving_words(saved=True) == (
        "the timer is saved; run the same command to go back to it"
    )
    on = h.visit.leaving_words(saved=False)
    assert on is not None and on.startswith("Take the heat pack off at ")
    assert "(09:00 from now): time it yourself" in on
    assert on.endswith("The timer could not be saved: nothing will remind you once unknot closes.")
    h.wait(540)
    off_now = h.visit.leaving_words(saved=False)
    assert off_now is not None and off_now.startswith("Take the heat pack off now.")
    h.answer(True, RemovePackPrompt)
    rest = h.visit.leaving_words(saved=False)
    assert rest is not None and rest.startswith("Leave the heat pack off until ")


def _with_timer_from_before() -> Harness:
    """A visit that finds a cold pack put on by an earlier start of the program."""
    from unknot.core.engine.prompts import Saved
    from unknot.core.engine.therapy import Therapy

    h = Harness()
    before = Therapy(TherapySpec("ice", on=60, cycles=1), h.clock)
    before.start()
    h.visit = Visit(h.clock, CATALOGUE, GB, saved=Saved(therapy=before.to_state()))
    h.visit.subscribe(h.heard.append)
    return h


def test_what_was_asked_at_the_start_waits_for_a_timer_from_before_then_starts():
    h = _with_timer_from_before()
    assert h.visit.start_asked(build_plan(FLOOR)) is None
    assert h.visit.view is View.THERAPY and h.visit.session is None  # the timer first
    h.wait(60)
    h.answer(None, RemovePackPrompt)
    h.wait(1200)
    h.answer(True, SkinCheckPrompt)
    h.visit.update()
    assert isinstance(h.front(), DailyCheckPrompt)  # then the routine asked for, as asked
    h.answer(DailyAnswer.NONE_OF_THESE, DailyCheckPrompt)
    h.answer(3, PainPrompt)
    assert h.visit.session is not None and h.visit.session.plan.routine is FLOOR


def test_a_stop_during_the_timer_from_before_cancels_what_was_asked():
    h = _with_timer_from_before()
    h.visit.start_asked(build_plan(FLOOR))
    h.wait(60)
    h.answer(None, RemovePackPrompt)
    h.wait(1200)
    h.answer(False, SkinCheckPrompt)  # not normal: a stop
    h.acknowledge()
    h.visit.update()
    assert h.visit.session is None and h.front() is None and h.visit.after_timer is None


def test_feeling_dizzy_mid_routine_says_to_sit_or_lie_down_where_you_are():
    """Someone dizzy mid-stretch may fall: the stop's own words say to get down where they
    are, right after stopping (the sign's why is not on the stop)."""
    h = Harness()
    h.begin()
    h.sign("dizzy")
    front = h.front()
    assert isinstance(front, StopPrompt)
    assert front.advice.actions[:2] == (
        "Stop this exercise now.",
        "Sit or lie down where you are.",
    )


@pytest.mark.parametrize(
    ("kind", "first_aid"),
    [
        ("ice", "Warm the skin gently with body heat or lukewarm water, not hot; don't rub it."),
        ("heat", "Cool a blister or burn under cool running water for 20 minutes."),
    ],
)
def test_skin_not_normal_after_a_pack_says_its_first_aid_and_when_to_get_advice_today(
    kind, first_aid
):
    """Skin white, grey or waxy, numb or blistered after a pack is a cold injury or a burn:
    the stop gives its first aid and says when to get medical advice today, not only to book
    an appointment."""
    h = Harness()
    h.visit.start_therapy(TherapySpec(kind, 600))
    h.wait(600)
    h.answer(None, RemovePackPrompt)
    h.wait(1200)
    h.answer(False, SkinCheckPrompt)
    stop = h.front()
    assert isinstance(stop, StopPrompt)
    actions = stop.advice.actions
    assert actions[0] == first_aid  # the first thing to do, before booking the doctor
    assert any(line.startswith("Get medical advice today") for line in actions)

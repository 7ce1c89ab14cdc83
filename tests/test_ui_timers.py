"""Cold/heat and reminders in the Textual face, on a fake clock."""

from textual.widgets import Digits

from tests.conftest import library_ready, make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.session import Outcome, State
from unknot.core.engine.therapy import Phase, Therapy, TherapySpec
from unknot.store.timers import TimerStore
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.reminders import ReminderDue, RemindersScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import SafetyStopScreen, SignsScreen
from unknot.tui.screens.therapy import ReapplyScreen, RemovePackScreen, TherapyScreen


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


def alerts(app) -> list[str]:
    """What the program wrote to the terminal to get attention (bell, notifications)."""
    written: list[str] = []
    app.runtime.write = written.append
    return written


async def test_remove_alarm_acknowledge_rest_and_skin_check(tmp_path):
    clock = FakeClock()
    app = make_app(
        clock, therapy=TherapySpec("ice", 1200, 1200, 2), data_dir=tmp_path, desktop_notify=True
    )
    written = alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TherapyScreen)
        therapy = app.visit.therapy
        assert screen.query_one("#pack-countdown", Digits).value == "20:00"
        assert "COLD PACK ON" in texts(screen)
        assert "thin towel" in texts(screen)
        clock.advance(1140)
        await pilot.pause()
        assert len(written) == 1 and "One minute left" in written[0]
        clock.advance(60 + 65)
        await pilot.pause()
        assert therapy.phase is Phase.REMOVE
        prompt = app.screen
        assert isinstance(prompt, RemovePackScreen)
        assert "REMOVE IT NOW" in texts(prompt)
        assert "Overdue by 01:05" in texts(prompt)
        assert screen.query_one("#pack-countdown", Digits).value == "+01:05"
        assert len(written) == 2  # one alert for the time it was unwatched
        clock.advance(25)  # then every 30 s from the end of the on-phase
        await pilot.pause()
        assert len(written) == 3 and "Overdue by 1:30" in written[2]
        await pilot.press("y", "a", "f")  # keys of other questions do nothing
        assert therapy.phase is Phase.REMOVE
        await pilot.press("o")
        await pilot.pause()
        assert therapy.phase is Phase.REST
        assert screen.query_one("#pack-countdown", Digits).value == "20:00"
        clock.advance(1200)
        await pilot.pause()
        assert "LOOK AT YOUR SKIN" in texts(app.screen)
        await pilot.press("y")
        await pilot.pause()
        assert therapy.phase is Phase.NEXT
        await pilot.press("a")
        await pilot.pause()
        assert therapy.phase is Phase.ON and therapy.cycle == 2
        saved = TimerStore(tmp_path).load_therapy(clock)
        assert saved is not None and saved.cycle == 2


async def test_a_bad_skin_check_stops_with_doctor_advice(tmp_path):
    clock = FakeClock()
    app = make_app(clock, therapy=TherapySpec("heat", 600, 1200, 3), data_dir=tmp_path)
    alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Medium heat at most" in texts(app.screen)
        clock.advance(600)
        await pilot.pause()
        await pilot.press("o")
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("n")  # skin not normal
        await pilot.pause()
        stop = app.screen
        assert isinstance(stop, SafetyStopScreen)
        assert "SEE YOUR DOCTOR" in texts(stop)
        assert "Don't reapply" in texts(stop)
    assert TimerStore(tmp_path).load_therapy(clock) is None


async def test_a_saved_timer_takes_the_user_straight_to_it(tmp_path):
    clock = FakeClock()
    therapy = Therapy(TherapySpec("ice", 1200), clock)
    therapy.start()
    store = TimerStore(tmp_path)
    store.save_therapy(therapy)
    store.release()
    clock.advance(1500)  # the program was closed past the end
    app = make_app(clock, data_dir=tmp_path)
    alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen_stack[2], TherapyScreen)
        assert app.visit.therapy is not None and app.visit.therapy.phase is Phase.REMOVE
        assert isinstance(app.screen, RemovePackScreen)
        assert "Overdue by 05:00" in texts(app.screen)


async def test_a_routine_asked_for_starts_after_a_saved_timer_as_in_the_line_face(tmp_path):
    clock = FakeClock()
    therapy = Therapy(TherapySpec("ice", 60, cycles=1), clock)
    therapy.start()
    store = TimerStore(tmp_path)
    store.save_therapy(therapy)
    store.release()
    routine = routine_from("version: 1\nname: After\nsteps:\n  - rest: 30s\n", "after")
    app = make_app(clock, plan=build_plan(routine), data_dir=tmp_path)
    alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen_stack[2], TherapyScreen)  # the timer from before first
        clock.advance(60)
        await pilot.pause()
        await pilot.press("o")  # it's off
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("y")  # skin normal
        await pilot.pause()
        prompt = app.visit.prompt
        assert prompt is not None and prompt.kind == "pain"  # then the routine asked for
        await pilot.press("escape")  # no rating
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.visit.session is not None
        assert app.visit.session.plan.routine is routine


async def test_warning_signs_during_ice_say_take_it_off(tmp_path):
    clock = FakeClock()
    app = make_app(clock, therapy=TherapySpec("ice"), data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        options = app.screen.query_one("#signs")
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert "Take off any ice or heat pack now." in texts(app.screen)
        assert app.visit.therapy.phase is Phase.REMOVE  # its alarm starts at once


async def test_an_ice_step_in_a_routine_runs_the_timer_then_the_routine_goes_on(tmp_path):
    clock = FakeClock()
    routine = routine_from(
        "version: 1\nname: R\nsteps:\n  - ice: Cool it\n    on: 10m\n    cycles: 1\n  - rest: 30s\n"
    )
    app = make_app(clock, plan=build_plan(routine), data_dir=tmp_path)
    alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        assert "COLD PACK ON" in texts(run)  # the pack's own timer, on the routine's screen
        session = app.visit.session
        clock.advance(600)
        await pilot.pause()
        await pilot.press("o")
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is run
        assert session.state is State.RUNNING
        assert session.segment.step.kind == "rest"
        clock.advance(30)
        await pilot.pause()
        assert session.outcome is Outcome.COMPLETED


async def test_f_after_the_first_of_two_applications_goes_on_with_the_routine(tmp_path):
    clock = FakeClock()
    routine = routine_from(
        "version: 1\nname: R\nsteps:\n  - ice: Cool it\n    on: 10m\n    cycles: 2\n  - rest: 30s\n"
    )
    app = make_app(clock, plan=build_plan(routine), data_dir=tmp_path)
    alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        run = app.screen
        session = app.visit.session
        clock.advance(600)
        await pilot.pause()
        await pilot.press("o")
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReapplyScreen)  # you may reapply; f finishes
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is run
        assert app.visit.therapy is None
        assert session.state is State.RUNNING
        assert session.segment.step.kind == "rest"


async def test_a_due_reminder_alerts_and_can_be_snoozed(tmp_path):
    clock = FakeClock()
    book = ReminderBook()
    book.add_every(2700, clock.wall(), routine="desk-break")
    TimerStore(tmp_path).save_reminders(book)
    app = make_app(clock, data_dir=tmp_path, desktop_notify=True)
    written = alerts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        clock.advance(2700)
        await pilot.pause()
        assert isinstance(app.screen, ReminderDue)
        assert len(written) == 1 and "Time to move" in written[0]
        await pilot.press("2")  # snooze ten minutes
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        saved = TimerStore(tmp_path).load_reminders().reminders[0]
        assert saved.due == clock.wall() + 600
        clock.advance(600)
        await pilot.pause()
        await pilot.press("r")  # start the offered routine
        await pilot.pause()
        await pilot.press("escape")  # no pain rating
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.visit.session.plan.routine.name == "Desk break"


async def test_reminders_screen_adds_pauses_and_removes(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RemindersScreen)
        await pilot.press("a", *"45m", "tab", "tab", *"Stand up", "enter")
        await pilot.pause()
        (reminder,) = app.visit.reminders.reminders
        assert (reminder.text, reminder.every) == ("Stand up", 2700)
        await pilot.press("p")
        assert app.visit.reminders.reminders[0].paused
        await pilot.press("x")
        assert app.visit.reminders.reminders == []
        assert TimerStore(tmp_path).load_reminders().reminders == []

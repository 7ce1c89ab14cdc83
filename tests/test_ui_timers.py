"""Cold/heat and reminders in the Textual face, on a fake clock."""

from textual.widgets import Digits

from tests.conftest import make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.plan import build_plan
from unknot.core.reminders import ReminderBook
from unknot.core.session import Outcome, State
from unknot.core.therapy import Phase, Therapy, TherapySpec
from unknot.store.timers import TimerStore
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.reminders import ReminderDue, RemindersScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import SafetyStopScreen, SignsScreen
from unknot.tui.screens.therapy import TherapyScreen


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def test_remove_alarm_acknowledge_rest_and_skin_check(tmp_path):
    clock = FakeClock()
    therapy = Therapy(TherapySpec("ice", 1200, 1200, 2), clock)
    app = make_app(clock, data_dir=tmp_path)
    app._therapy = therapy
    notes = []
    app.get_attention = lambda title, body, severity="warning": notes.append(title)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TherapyScreen)
        assert screen.query_one("#countdown", Digits).value == "20:00"
        assert "COLD PACK ON" in texts(screen)
        assert "thin towel" in texts(screen)
        clock.advance(1140)
        await pilot.pause()
        assert notes == ["One minute left"]
        clock.advance(60 + 65)
        await pilot.pause()
        assert therapy.phase is Phase.REMOVE
        assert "REMOVE IT NOW" in texts(screen)
        assert "overdue by 01:05" in texts(screen)
        assert screen.query_one("#countdown", Digits).value == "+01:05"
        assert notes[1:] == ["Remove it now"]  # one alert for the time it was unwatched
        clock.advance(25)  # then every 30 s from the end of the on-phase
        await pilot.pause()
        assert notes[1:] == ["Remove it now", "Remove it now"]
        await pilot.press("y", "a", "f")  # keys of other phases do nothing
        assert therapy.phase is Phase.REMOVE
        await pilot.press("o")
        assert therapy.phase is Phase.REST
        assert screen.query_one("#countdown", Digits).value == "20:00"
        clock.advance(1200)
        await pilot.pause()
        assert "Look at your skin" in texts(screen)
        await pilot.press("y")
        assert therapy.phase is Phase.NEXT
        await pilot.press("a")
        assert therapy.phase is Phase.ON and therapy.cycle == 2
        saved = TimerStore(tmp_path).load_therapy(clock)
        assert saved is not None and saved.cycle == 2


async def test_a_bad_skin_check_stops_with_doctor_advice(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path)
    app._therapy = Therapy(TherapySpec("heat", 600, 1200, 3), clock)
    app.get_attention = lambda *a, **k: None
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Medium heat at most" in texts(app.screen)
        clock.advance(600)
        await pilot.pause()
        await pilot.press("o")
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("x")
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
    TimerStore(tmp_path).save_therapy(therapy)
    clock.advance(1500)  # the program was closed past the end
    app = make_app(clock, data_dir=tmp_path)
    app.get_attention = lambda *a, **k: None
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert isinstance(screen, TherapyScreen)
        assert screen.therapy.phase is Phase.REMOVE
        assert "overdue by 05:00" in texts(screen)


async def test_warning_signs_during_ice_say_take_it_off(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path)
    app._therapy = Therapy(TherapySpec("ice"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        options = app.screen.query_one("#signs")
        options.highlighted = 1
        await pilot.press("enter")
        assert "Take off any ice or heat pack now." in texts(app.screen)


async def test_an_ice_step_in_a_routine_runs_the_timer_then_the_routine_goes_on(tmp_path):
    clock = FakeClock()
    routine = routine_from(
        "version: 1\nname: R\nsteps:\n  - ice: Cool it\n    on: 10m\n    cycles: 1\n  - rest: 30s\n"
    )
    app = make_app(clock, plan=build_plan(routine), data_dir=tmp_path)
    app.get_attention = lambda *a, **k: None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TherapyScreen)
        session = app.screen_stack[2].session
        assert session.state is State.PAUSED
        clock.advance(600)
        await pilot.pause()
        await pilot.press("o")
        clock.advance(1200)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert session.state is State.RUNNING
        assert session.segment.step.kind == "rest"
        clock.advance(30)
        await pilot.pause()
        assert session.outcome is Outcome.COMPLETED


async def test_a_due_reminder_alerts_and_can_be_snoozed(tmp_path):
    clock = FakeClock()
    book = ReminderBook()
    book.add_every(2700, clock.wall(), routine="desk-break")
    TimerStore(tmp_path).save_reminders(book)
    app = make_app(clock, data_dir=tmp_path)
    notes = []
    app.get_attention = lambda title, body, severity="warning": notes.append(body)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        clock.advance(2700)
        await pilot.pause()
        assert isinstance(app.screen, ReminderDue)
        assert notes == ["Time to move"]
        await pilot.press("2")  # snooze ten minutes
        assert isinstance(app.screen, LibraryScreen)
        saved = TimerStore(tmp_path).load_reminders().reminders[0]
        assert saved.due == clock.wall() + 600
        clock.advance(600)
        await pilot.pause()
        await pilot.press("r")  # start the offered routine
        await pilot.pause()
        await pilot.press("escape")  # no pain rating
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.plan.routine.name == "Desk break"


async def test_reminders_screen_adds_pauses_and_removes(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, RemindersScreen)
        await pilot.press("a", *"45m", "tab", "tab", *"Stand up", "enter")
        await pilot.pause()
        (reminder,) = app.reminders.reminders
        assert (reminder.text, reminder.every) == ("Stand up", 2700)
        await pilot.press("p")
        assert app.reminders.reminders[0].paused
        await pilot.press("x")
        assert app.reminders.reminders == []
        assert TimerStore(tmp_path).load_reminders().reminders == []

"""The Textual application: holds the shared pieces and moves between screens."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from unknot.core.plan import Plan, build_plan
from unknot.core.reminders import Reminder
from unknot.core.routine import Routine
from unknot.core.safety import Sign, Stop, advice, stop_for
from unknot.core.session import Outcome, Session
from unknot.core.therapy import Therapy, TherapySpec
from unknot.services.context import Context
from unknot.sound.attention import attention
from unknot.store.library import Library
from unknot.store.report import nudge
from unknot.store.timers import TimerStore
from unknot.tui.screens.checkin import PainRating
from unknot.tui.screens.finish import FinishScreen
from unknot.tui.screens.help import Help, key_lines
from unknot.tui.screens.history import HistoryScreen
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.reminders import ReminderDue, RemindersScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import (
    AboutScreen,
    DailyCheckScreen,
    NoticeScreen,
    SafetyStopScreen,
    SignsScreen,
)
from unknot.tui.screens.therapy import TherapyScreen


class UnknotApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "unknot"
    BINDINGS = [
        Binding("exclamation_mark", "signs", "Warning signs", priority=True),
        Binding("m", "mute", "Sound"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        library: Library,
        context: Context,
        start_with: Plan | None = None,
        therapy: Therapy | None = None,
        show_reminders: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.context = context
        self.clock = context.clock
        self.store = TimerStore(context.data_dir)
        self.reminders = self.store.load_reminders()
        self._start_with = start_with
        self._therapy = therapy
        self._show_reminders = show_reminders
        self._reminder_timer: Timer | None = None

    def on_mount(self) -> None:
        config = self.context.config
        theme = config.theme or self.context.remembered.theme()
        if theme and theme in self.available_themes:
            self.theme = theme
        self.context.ring = self.bell
        self.push_screen(LibraryScreen())
        therapy = self._therapy or self.store.load_therapy(self.clock)
        if therapy is not None:
            # A timer that was running when the program stopped: straight back to it.
            self.show_therapy(therapy)
        elif self._start_with is not None:
            self.start_plan(self._start_with)
        elif self._show_reminders:
            self.push_screen(RemindersScreen())
        remembered = self.context.remembered
        if remembered.notice_due():
            remembered.notice_seen()
            self.push_screen(NoticeScreen())
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait until the screen is up: reminders, history notes, sound."""
        for problem in self.store.problems:
            self.notify(problem, title="Saved timers", severity="warning", timeout=15)
        history = self.context.store
        if history.problem:
            self.notify(history.problem, title="History", severity="warning", timeout=15)
        self._nudge()
        self.clock.on_change(self.check_reminders)
        self.check_reminders()
        if not self.context.player.muted and self.context.config.sound != "off":
            self.run_worker(self._announce_sound, thread=True, exit_on_error=False)

    def watch_theme(self, theme: str) -> None:
        self.context.remembered.remember_theme(theme)

    # -- moving between screens --

    def run_routine(self, routine: Routine, speed: float = 1.0) -> None:
        self.start_plan(build_plan(routine, speed))

    def start_plan(self, plan: Plan) -> None:
        """Run a plan, after the start-of-day check if one is due."""
        remembered = self.context.remembered
        today = self.context.today()
        if not remembered.daily_check_due(today):
            self._run(plan)
            return

        def answered(sign: Sign | None) -> None:
            if sign is None:
                remembered.daily_check_done(today)
                self._run(plan)
            else:
                self.show_stop(stop_for(sign), None)

        self._to_library_then(
            DailyCheckScreen(self.context.catalogue.with_routine(plan.routine)), answered
        )

    def _run(self, plan: Plan) -> None:
        """A quick pain rating first (it is the session's starting pain), then the routine."""

        def rated(pain: int | None) -> None:
            session = Session(plan, self.clock)
            session.start_pain = pain
            session_id = self.context.recorder.session(session, pain)
            self._to_library_then(RunScreen(session, session_id))

        self._to_library_then(PainRating("Before you start: how is your pain now?"), rated)

    def show_finish(self, session: Session) -> None:
        session_id = next(
            (
                s.session_id
                for s in self.screen_stack
                if isinstance(s, RunScreen) and s.session is session
            ),
            None,
        )
        self._to_library_then(FinishScreen(session, session_id))

    def show_library(self) -> None:
        self._to_library_then(None)

    def _to_library_then(self, screen: Screen | None, callback=None) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if screen is not None:
            self.push_screen(screen, callback)

    # -- cold and heat --

    def show_therapy(self, therapy: Therapy) -> None:
        def finished(_: str | None) -> None:
            if not isinstance(self.screen, SafetyStopScreen):
                self.show_library()

        self.context.recorder.therapy(therapy)
        self._to_library_then(TherapyScreen(therapy, self.store), finished)

    def therapy_in_routine(self, session: Session, therapy: Therapy) -> None:
        """A routine's ice: or heat: step runs as its own timer; the routine waits."""
        session.pause()
        owner = next(
            (s for s in self.screen_stack if isinstance(s, RunScreen) and s.session is session),
            None,
        )
        self.context.recorder.therapy(therapy, owner.session_id if owner else None)

        def finished(result: str | None) -> None:
            if session.finished:
                return
            session.skip_step()
            if result == "done":
                session.resume()

        self.push_screen(TherapyScreen(therapy, self.store, in_routine=True), finished)

    def show_therapy_stop(self, screen: TherapyScreen, stop: Stop) -> None:
        session = self.active_session() if screen.in_routine else None
        if screen.is_current:
            self.pop_screen()
        self.show_stop(stop, session)

    def pack_on(self) -> bool:
        return any(isinstance(s, TherapyScreen) and s.therapy.pack_on for s in self.screen_stack)

    # -- reminders and attention --

    def get_attention(self, title: str, body: str, severity: str = "warning") -> None:
        """In the app, with the bell and a desktop notification as the settings allow."""
        self.notify(body, title=title, severity=severity, timeout=20)
        config = self.context.config
        sequence = attention(
            title, body, config.bell, config.desktop_notify, bool(os.environ.get("TMUX"))
        )
        driver = self._driver
        if sequence and driver is not None:
            driver.write(sequence)

    def reminders_changed(self) -> None:
        self.store.save_reminders(self.reminders)
        self.check_reminders()

    def check_reminders(self) -> None:
        """Say the first reminder that is due, and sleep until the next one."""
        if self._reminder_timer is not None:
            self._reminder_timer.stop()
            self._reminder_timer = None
        now = self.clock.wall()
        due = self.reminders.due(now)
        showing = any(isinstance(s, ReminderDue) for s in self.screen_stack)
        if due and not showing:
            self._remind(due[0], now)
        next_due = self.reminders.next_due()
        if next_due is not None and next_due > now:
            self._reminder_timer = self.set_timer(next_due - now, self.check_reminders)

    def _remind(self, reminder: Reminder, now: float) -> None:
        self.get_attention("Reminder", reminder.text)
        self.context.player.play("reminder")
        self.context.recorder.reminder(reminder, now - reminder.due)

        def chosen(choice: str | None) -> None:
            at = self.clock.wall()
            if choice and choice.startswith("snooze:"):
                self.reminders.snooze(reminder, int(choice.split(":")[1]), at)
            else:
                self.reminders.done(reminder, at)
            self.reminders_changed()
            if choice == "routine" and reminder.routine:
                entry = self.library.find(reminder.routine)
                if entry is not None and entry.routine is not None:
                    self.run_routine(entry.routine)

        self.push_screen(ReminderDue(reminder, now - reminder.due), chosen)

    def action_reminders(self) -> None:
        if not isinstance(self.screen, RemindersScreen):
            self.push_screen(RemindersScreen())

    # -- safety --

    def active_session(self) -> Session | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, RunScreen) and not screen.session.finished:
                return screen.session
        return None

    def action_signs(self) -> None:
        if isinstance(self.screen, SafetyStopScreen | SignsScreen):
            return
        session = self.active_session()
        routine = session.plan.routine if session else None
        step = session.segment.step if session else None
        signs = self.context.catalogue.with_routine(routine, step)

        def chosen(sign: Sign | None) -> None:
            if sign is not None:
                self.show_stop(stop_for(sign), self.active_session())

        self.push_screen(SignsScreen(signs), chosen)

    def show_stop(self, stop: Stop, session: Session | None) -> None:
        """Halt the session (if any) and show the stop until a deliberate choice."""
        therapy_on = bool(session and session.therapy_on) or self.pack_on()
        if session is not None and stop not in session.stops:
            session.safety_stop(stop)  # its event halts the cues and sounds the safety cue
        elif session is None:
            self.context.player.stop()
            self.context.player.play("safety")
            self.context.recorder.stop(stop)
        screen = SafetyStopScreen(
            stop,
            advice(stop.level, self.context.number, therapy_on, stop.also, session is not None),
            self.context.number,
            self.clock,
            can_skip=session is not None and not session.finished,
            in_routine=session is not None,
        )

        def chosen(choice: str | None) -> None:
            if session is None:
                self.show_library()
            elif choice == "skip" and not session.finished:
                session.skip_step()
            else:
                session.finish(Outcome.SAFETY_STOP, stop.reason)
                self.show_finish(session)

        self.push_screen(screen, chosen)

    # -- help and the command palette --

    def action_help(self) -> None:
        screen = self.screen
        title = {
            "LibraryScreen": "Library keys",
            "RunScreen": "Routine keys",
            "FinishScreen": "Keys",
        }.get(type(screen).__name__, "Keys")
        self.push_screen(Help(title, key_lines(screen), "Ctrl+P opens the command palette."))

    def start_therapy(self, kind: str) -> None:
        self.show_therapy(Therapy(TherapySpec(kind), self.clock))

    def _announce_sound(self) -> None:
        """Choose the sound output off the event loop, then say once, quietly, which it is."""
        backend = self.context.player.backend
        if backend.name != "silent":
            self.call_from_thread(self.notify, f"Sound: {backend.description}", timeout=4)

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Notifications carry user text (reminders, file paths): plain unless asked."""
        super().notify(message, markup=markup, **kwargs)

    def _nudge(self) -> None:
        """Once in a while, when the history shows no improvement: see the doctor."""
        remembered = self.context.remembered
        now = self.clock.wall()
        if not remembered.nudge_due(now):
            return
        words = nudge(self.context.store, now)
        if words:
            remembered.nudged(now)
            self.notify(words, title="Worth a doctor's visit", severity="warning", timeout=30)

    def action_history(self) -> None:
        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_mute(self) -> None:
        muted = self.context.player.toggle_mute()
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    def action_about(self) -> None:
        self.push_screen(AboutScreen(self.context.number))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Warning signs", "I have a warning sign: what to do", self.action_signs)
        if isinstance(screen, RunScreen):
            yield SystemCommand(
                "Pause or resume", "Pause the routine, or go on", screen.action_pause
            )
            yield SystemCommand("Next", "Skip to what comes next", screen.action_next)
            yield SystemCommand("Previous", "Go back one part", screen.action_previous)
            yield SystemCommand("Restart step", "Start this step again", screen.action_restart)
            yield SystemCommand("End routine", "Stop this routine", screen.action_quit_routine)
        if isinstance(screen, LibraryScreen):
            yield SystemCommand("Run routine", "Run the highlighted routine", screen.action_run)
            yield SystemCommand("Ice", "A 20-minute cold timer", lambda: self.start_therapy("ice"))
            yield SystemCommand(
                "Heat", "A 20-minute heat timer", lambda: self.start_therapy("heat")
            )
        yield SystemCommand("Reminders", "Add, snooze or remove reminders", self.action_reminders)
        yield SystemCommand("History", "Sessions, pain trend and diary", self.action_history)
        yield SystemCommand("Sound on or off", "Mute or unmute the cues", self.action_mute)
        yield SystemCommand("About safety", "Not medical advice; sources", self.action_about)
        yield SystemCommand("Keys", "List this screen's keys", self.action_help)

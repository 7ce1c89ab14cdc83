"""The Textual face: shows the visit's view and its prompt, and sends the person's keys back.

The screen stack is only a picture of the visit: the library at the bottom, the view on it
(a routine, a timer, the finish), the visit's prompt on top. `sync` makes the picture match
after every answer and every wake-up; no screen decides what comes next.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from unknot.core.engine.prompts import (
    Act,
    Advised,
    Prompt,
    Refused,
    SignsPrompt,
    StopPrompt,
    View,
)
from unknot.core.engine.therapy import TherapySpec
from unknot.core.words.title import visit_title
from unknot.services.runtime import VisitRuntime
from unknot.sound.attention import TerminalTitle
from unknot.tui.base import VisitScreen
from unknot.tui.messages import Acted, Answered, StartRoutine, StartTherapy
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.wake import Wake

if TYPE_CHECKING:
    from unknot.core.engine.plan import Plan
    from unknot.services.context import Context
    from unknot.store.library import Library

# Only the library is needed for the first frame. Every other screen is imported when it is
# first shown, so a start-up doesn't pay for screens (and the history and reports behind
# them) it may never open.

log = logging.getLogger("unknot.tui")
RECHECK = 1.0  # every wait re-reads the clock at least this often, so a suspend can't delay


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
        therapy: TherapySpec | None = None,
        show_reminders: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.context = context
        self.clock = context.clock
        # Desktop notifications are looked for after the first frame: the D-Bus library and
        # its connection would otherwise share the start-up with drawing it.
        self.runtime = VisitRuntime(context, library, self._write, desktop_later=True)
        self.visit = self.runtime.visit
        self.visit.subscribe(self._heard)
        self._start_with = start_with
        self._therapy = therapy
        self._show_reminders = show_reminders
        self._wake = Wake(self.sync)
        self._title = TerminalTitle(self._write)
        self._view_key: tuple[View, int] | None = (View.LIBRARY, id(None))
        self._view_screen: VisitScreen | None = None
        self._prompt_key: tuple[str, int] | None = None
        self._prompt_screen: VisitScreen | None = None
        self._covered: tuple[tuple[str, int] | None, VisitScreen | None] | None = None
        # Notes that can wait (no voice to speak with): said at the library with nothing
        # asked, so they never cover a question, the warning signs or a routine's countdown.
        self._notes: list[str] = []
        # Which sound output is used, once it is known: a line on the library's title.
        self.sound_note: str | None = None

    # -- starting and stopping -----------------------------------------------------------

    def on_mount(self) -> None:
        theme = self.context.config.theme or self.context.remembered.theme()
        if theme and theme in self.available_themes:
            self.theme = theme
        self.context.ring = self.bell
        self.push_screen(LibraryScreen())
        asked = self._therapy or self._start_with
        if asked is not None:  # after a timer left running, if there is one
            self.visit.start_asked(asked)
        if self._show_reminders and self.visit.view is View.LIBRARY:
            from unknot.tui.screens.reminders import RemindersScreen

            self.push_screen(RemindersScreen())
        self.clock.on_change(self.sync)  # a clock that jumps (a test's) is followed at once
        self.sync()
        self.call_after_refresh(self._after_first_frame)
        if not self.is_headless:
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminate)
            signal.signal(signal.SIGHUP, self._hung_up)

    def _terminate(self) -> None:
        """SIGTERM: keep what must be kept and give the terminal back."""
        self.runtime.save()
        self.exit()

    def _hung_up(self, signum: int, frame: object) -> None:
        """SIGHUP: the terminal is gone (its window closed, the connection dropped). Keep what
        must be kept and go at once. Textual's own way out writes to the terminal and would
        wait for ever on one that no longer reads, leaving a copy running that holds the pack's
        timer. A plain signal handler, not the event loop's, because it runs even while the
        loop is stuck on such a write; and it runs before the SIGCONT that comes with a hang-up,
        whose handler would try to bring the screen back. Anything not yet written is what a
        killed process leaves: the next start marks the session interrupted."""
        signal.signal(signal.SIGCONT, signal.SIG_IGN)
        try:
            self.runtime.save()
        finally:
            os._exit(0)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Every way out puts the person's own terminal title back."""
        self._title.restore()
        super().exit(*args, **kwargs)

    def _after_first_frame(self) -> None:
        """What can wait until the screen is up: saved-state notes, history notes, sound."""
        self.runtime.look_for_desktop()
        voice = self.runtime.voice
        if voice is not None:
            notice = voice.notice()
            if notice:
                self._notes.append(notice)
        for problem in self.runtime.problems:
            self.notify(problem, title="Saved timers", severity="warning", timeout=15)
        history = self.context.store
        if history.problem:
            self.notify(history.problem, title="History", severity="warning", timeout=15)
        self.runtime.nudge()
        if not self.context.player.muted and self.context.config.sound != "off":
            self.run_worker(self._announce_sound, thread=True, exit_on_error=False)

    def watch_theme(self, theme: str) -> None:
        self.context.remembered.remember_theme(theme)

    # -- keeping the picture in step with the visit -----------------------------------------

    def sync(self) -> None:
        """Bring the visit up to now, make the screens show it, and sleep until the next thing
        to show. Nothing that goes wrong in here may stop the wake-ups."""
        try:
            self.runtime.settle()
            if self.visit.exit_confirmed:
                self.exit()
                return
            self._arrange()
            if self._notes and self.visit.prompt is None and self.visit.view is View.LIBRARY:
                for note in self._notes:
                    self.notify(note, timeout=6)
                self._notes.clear()
            self._refresh_view()
            self._title.show(visit_title(self.visit))
        except Exception:
            log.exception("refresh failed")
        finally:
            self._wake.after(self._next_wake())

    def _next_wake(self) -> float:
        waits = [RECHECK]
        deadline = self.visit.next_deadline()
        if deadline is not None:
            waits.append(deadline - self.clock.now())
        for screen in (self._view_screen, self._prompt_screen):
            left = screen.next_change() if screen is not None else None
            if left is not None:
                waits.append(left)
        return max(0.001, min(waits))

    def _arrange(self) -> None:
        visit = self.visit
        view = visit.view
        subject = visit.session or visit.therapy or visit.finished
        key = (view, id(subject))
        if key != self._view_key:
            self._pop_above_library()
            self._view_key = key
            self._view_screen = self._view_for(view)
            self._prompt_key = None
            self._prompt_screen = None
            self._covered = None
            if self._view_screen is not None:
                self.push_screen(self._view_screen)
        prompt = visit.prompt
        prompt_key = prompt.key if prompt is not None else None
        if prompt_key != self._prompt_key:
            covered = self._covered
            self._covered = None
            if covered is not None and covered[0] == prompt_key:
                # The signs were closed: back to the question beneath, as it was left.
                self._pop_prompt(self._prompt_screen)
                self._prompt_key, self._prompt_screen = covered
                return
            if isinstance(prompt, SignsPrompt) and self._prompt_key is not None:
                # The signs go over the question in front, which stays with what was typed
                # in it; the visit keeps that question waiting beneath them.
                self._covered = (self._prompt_key, self._prompt_screen)
            else:
                self._pop_prompt(self._prompt_screen)
                self._pop_prompt(covered[1] if covered is not None else None)
            self._prompt_key = prompt_key
            self._prompt_screen = self._prompt_for(prompt) if prompt is not None else None
            if self._prompt_screen is not None:
                self.push_screen(self._prompt_screen)
        elif prompt is not None and self._prompt_screen is not None:
            self._prompt_screen.show(prompt)

    def _pop_prompt(self, screen: Screen[Any] | None) -> None:
        if screen is not None:
            while screen in self.screen_stack:
                self.pop_screen()

    def _pop_above_library(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def _view_for(self, view: View) -> VisitScreen | None:
        from unknot.tui.screens.finish import FinishScreen
        from unknot.tui.screens.run import RunScreen
        from unknot.tui.screens.therapy import TherapyScreen

        visit = self.visit
        if view is View.RUN and visit.session is not None:
            return RunScreen(visit, visit.session)
        if view is View.THERAPY and visit.therapy is not None:
            return TherapyScreen(visit.therapy)
        if view is View.FINISH and visit.finished is not None:
            return FinishScreen(visit, visit.finished)
        return None

    def _prompt_for(self, prompt: Prompt[Any]) -> VisitScreen:
        from unknot.tui.prompt_screens import screen_for

        return screen_for(prompt, self.context.number)

    def _refresh_view(self) -> None:
        for screen in (self._view_screen, self._prompt_screen):
            if screen is not None and screen.is_mounted:
                screen.refresh_view()

    # -- what the screens say --------------------------------------------------------------

    @on(Answered)
    def answered(self, message: Answered) -> None:
        why = self.visit.answer(message.prompt, message.value)
        if why is not None and message.prompt.key == self._prompt_key:
            self.notify(why, timeout=3)
        self.sync()

    @on(Acted)
    def acted(self, message: Acted) -> None:
        self.visit.act(message.act)
        self.sync()

    @on(StartRoutine)
    def start_routine(self, message: StartRoutine) -> None:
        self.visit.start_routine(message.plan)
        self.sync()

    @on(StartTherapy)
    def start_therapy(self, message: StartTherapy) -> None:
        self.visit.start_therapy(TherapySpec(message.kind, on=message.on))
        self.sync()

    def _heard(self, happening: object) -> None:
        if isinstance(happening, Refused):
            self.notify(happening.why, timeout=4)
        elif isinstance(happening, Advised):
            self.notify(happening.text, title=happening.title, severity="warning", timeout=30)

    def _write(self, sequence: str) -> None:
        driver = self._driver
        if driver is not None:
            driver.write(sequence)

    # -- keys that work everywhere ------------------------------------------------------------

    def action_signs(self) -> None:
        self.visit.open_signs()
        self.sync()

    async def action_quit(self) -> None:
        if self.visit.request_exit():
            self.exit()
        else:
            self.sync()

    def action_mute(self) -> None:
        muted = self.runtime.toggle_mute()
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    def action_help(self) -> None:
        from unknot.tui.screens.help import Help, key_lines

        screen = self.screen
        title = {
            "LibraryScreen": "Library keys",
            "RunScreen": "Routine keys",
            "FinishScreen": "Keys",
        }.get(type(screen).__name__, "Keys")
        self.push_screen(Help(title, key_lines(screen), "Ctrl+P opens the command palette."))

    def action_history(self) -> None:
        from unknot.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_reminders(self) -> None:
        from unknot.tui.screens.reminders import RemindersScreen

        if not isinstance(self.screen, RemindersScreen):
            self.push_screen(RemindersScreen())

    def action_about(self) -> None:
        from unknot.tui.screens.safety import AboutScreen

        self.push_screen(AboutScreen(self.context.number))

    def _announce_sound(self) -> None:
        """Choose the sound output off the event loop, then say once, quietly, which it is."""
        backend = self.context.player.backend
        if backend.name != "silent":
            self.call_from_thread(self._sound_known, f"sound: {backend.description}")

    def _sound_known(self, note: str) -> None:
        self.sound_note = note
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_sound(note)

    def notify(self, message: str, *, markup: bool = False, **kwargs: Any) -> None:
        """Notifications carry user text (reminders, file paths): plain unless asked. None
        over a safety stop: nothing may cover what to do (the day's stop is there at once)."""
        if isinstance(self.visit.prompt, StopPrompt):
            return
        super().notify(message, markup=markup, **kwargs)

    def action_help_quit(self) -> None:
        """Ctrl+C, a reflex at a terminal: Textual's own note for it is markup, which notes
        here show as text ('Press [b]q[/b]'), so it is said in plain words."""
        self.notify(
            "Ctrl+Q closes unknot (it asks first while a routine or a pack timer runs).",
            title="Do you want to quit?",
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from unknot.tui.screens.run import RunScreen

        yield from super().get_system_commands(screen)
        yield SystemCommand("Warning signs", "I have a warning sign: what to do", self.action_signs)
        if isinstance(screen, RunScreen):
            for title, help, act in (
                ("Pause or resume", "Pause the routine, or go on", Act.PAUSE),
                ("Next", "Skip to what comes next", Act.NEXT),
                ("Previous", "Go back one part", Act.PREVIOUS),
                ("Restart step", "Start this step again", Act.RESTART_STEP),
                ("End routine", "Stop this routine", Act.QUIT_ROUTINE),
            ):
                yield SystemCommand(title, help, lambda a=act: self.post_message(Acted(a)))
        if isinstance(screen, LibraryScreen):
            yield SystemCommand("Run routine", "Run the highlighted routine", screen.action_run)
            yield SystemCommand(
                "Ice", "A cold timer: choose how long", lambda: screen.action_therapy("ice")
            )
            yield SystemCommand(
                "Heat", "A heat timer: choose how long", lambda: screen.action_therapy("heat")
            )
        yield SystemCommand("Reminders", "Add, snooze or remove reminders", self.action_reminders)
        yield SystemCommand("History", "Sessions, pain trend and diary", self.action_history)
        yield SystemCommand("Sound on or off", "Mute or unmute the cues", self.action_mute)
        yield SystemCommand("About safety", "Not medical advice; sources", self.action_about)
        yield SystemCommand("Keys", "List this screen's keys", self.action_help)

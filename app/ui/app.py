"""The Textual application: holds the shared pieces and moves between screens."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from app.config import Config
from app.core.clock import Clock, RealClock
from app.core.library import Library
from app.core.plan import Plan, build_plan
from app.core.routine import Routine
from app.core.session import Session
from app.ui.screens.finish import FinishScreen
from app.ui.screens.help import Help, key_lines
from app.ui.screens.library import LibraryScreen
from app.ui.screens.run import RunScreen


class UnknotApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "unknot"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        library: Library,
        config: Config | None = None,
        clock: Clock | None = None,
        start_with: Plan | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.config = config or Config()
        self.clock = clock or RealClock()
        self._start_with = start_with

    def on_mount(self) -> None:
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.push_screen(LibraryScreen())
        if self._start_with is not None:
            self.start_plan(self._start_with)

    # -- moving between screens --

    def run_routine(self, routine: Routine, speed: float = 1.0) -> None:
        self.start_plan(build_plan(routine, speed))

    def start_plan(self, plan: Plan) -> Session:
        session = Session(plan, self.clock)
        self._to_library_then(RunScreen(session))
        return session

    def show_finish(self, session: Session) -> None:
        self._to_library_then(FinishScreen(session))

    def show_library(self) -> None:
        self._to_library_then(None)

    def _to_library_then(self, screen: Screen[None] | None) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if screen is not None:
            self.push_screen(screen)

    # -- help and the command palette --

    def action_help(self) -> None:
        screen = self.screen
        title = {
            "LibraryScreen": "Library keys",
            "RunScreen": "Routine keys",
            "FinishScreen": "Keys",
        }.get(type(screen).__name__, "Keys")
        self.push_screen(Help(title, key_lines(screen), "Ctrl+P opens the command palette."))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
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
        yield SystemCommand("Keys", "List this screen's keys", self.action_help)

"""Reminders: a list to add, snooze, skip, pause and remove them; and the one that is due."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Checkbox, DataTable, Static

from unknot.core.durations import DurationError, format_clock, format_duration, parse_duration
from unknot.core.engine.prompts import ReminderAnswer, ReminderChange, ReminderPrompt, Snooze
from unknot.core.engine.reminders import Reminder, ReminderBook
from unknot.tui.base import UnknotModal, UnknotScreen
from unknot.tui.messages import Answered
from unknot.tui.widgets.dialog import Buttons, Dialog, Heading, Muted
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText, cell

WATCH_SECONDS = 1.0


class RemindersScreen(UnknotScreen[None]):
    CSS_PATH = "reminders.tcss"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("1", "snooze(5)", "Snooze 5m"),
        Binding("2", "snooze(10)", "10m"),
        Binding("3", "snooze(15)", "15m"),
        Binding("k", "skip", "Skip"),
        Binding("p", "pause", "Pause/resume"),
        Binding("x", "remove", "Remove"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Keys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # kept, not looked up: a screen closed before it was drawn must not fail
        self.table: DataTable[object] = DataTable(id="reminder-table", cursor_type="row")

    def compose(self) -> ComposeResult:
        with Vertical(id="reminders"):
            yield Heading("Reminders", classes="screen-title")
            yield self.table
            yield Muted(
                "Regular movement helps backs: a reminder every 30 to 60 minutes of sitting."
            )
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.table
        table.add_columns("Reminder", "Repeats", "Next", "Routine")
        self.refill()
        # The "next in" column changes with time; a cheap redraw while the list is shown.
        self._watch = self.set_interval(WATCH_SECONDS, self.refill)

    def on_screen_suspend(self) -> None:
        self._watch.pause()

    def on_screen_resume(self) -> None:
        self.refill()
        self._watch.resume()

    @property
    def book(self) -> ReminderBook:
        return self.unknot.visit.reminders

    def refill(self) -> None:
        table = self.table
        row = table.cursor_row
        table.clear()
        now = self.unknot.clock.wall()
        for r in self.book.reminders:
            if r.paused:
                next_in = "paused"
            else:
                next_in = "due now" if r.due <= now else format_clock(r.due - now)
            table.add_row(
                cell(r.text),
                f"every {format_duration(r.every)}" if r.every else "once",
                next_in,
                cell(r.routine or ""),
                key=str(r.id),
            )
        if self.book.reminders:
            table.move_cursor(row=min(max(row, 0), len(self.book.reminders) - 1))
        else:
            table.add_row("No reminders yet: press a to add one.", "", "", "")

    def current(self) -> Reminder | None:
        table = self.table
        reminders = self.book.reminders
        if not reminders or table.cursor_row < 0:
            return None
        return reminders[min(table.cursor_row, len(reminders) - 1)]

    def _change(self, change: ReminderChange | Snooze) -> None:
        if reminder := self.current():
            self.unknot.visit.change_reminder(reminder, change)
            self.unknot.sync()
            self.refill()

    def action_snooze(self, minutes: int) -> None:
        self._change(Snooze(minutes))

    def action_skip(self) -> None:
        self._change(ReminderChange.SKIP)

    def action_pause(self) -> None:
        self._change(ReminderChange.PAUSE)

    def action_remove(self) -> None:
        self._change(ReminderChange.REMOVE)

    def action_add(self) -> None:
        def added(result: tuple[float, bool, str] | None) -> None:
            if result is None:
                return
            seconds, repeat, text = result
            visit = self.unknot.visit
            if repeat:
                visit.add_reminder(seconds, None, text or "Time to move")
            else:
                visit.add_reminder(None, seconds, text or "Reminder")
            self.unknot.sync()
            self.refill()

        self.app.push_screen(AddReminder(), added)

    def action_back(self) -> None:
        self.app.pop_screen()


class AddReminder(UnknotModal[tuple[float, bool, str] | None]):
    AUTO_FOCUS = "#when"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading("New reminder")
            yield SafeInput(placeholder="after how long, like 45m or 1h", id="when", compact=True)
            yield Checkbox("Repeat", value=True, id="repeat", compact=True)
            yield SafeInput(placeholder="what for, like: Time to move", id="text", compact=True)
            yield Static("", id="add-error", markup=False)
            with Buttons():
                yield Button("Add", id="add", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyBar()

    @on(SafeInput.Submitted)
    @on(Button.Pressed, "#add")
    def submit(self) -> None:
        try:
            seconds = parse_duration(self.query_one("#when", SafeInput).value.strip())
        except DurationError as exc:
            self.query_one("#add-error", Static).update(str(exc))
            self.query_one("#when", SafeInput).focus()
            return
        repeat = self.query_one("#repeat", Checkbox).value
        self.dismiss((seconds, repeat, self.query_one("#text", SafeInput).value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReminderDue(UnknotModal[None]):
    """A reminder that is due: done, start its routine, snooze or skip."""

    CSS_PATH = "reminders.tcss"
    BINDINGS = [
        Binding("d", "choose('done')", "Done"),
        Binding("r", "choose('routine')", "Start the routine"),
        Binding("1", "snooze(5)", "Snooze 5m"),
        Binding("2", "snooze(10)", "10m"),
        Binding("3", "snooze(15)", "15m"),
        Binding("k", "choose('skip')", "Skip"),
    ]

    def __init__(self, prompt: ReminderPrompt) -> None:
        super().__init__()
        self.prompt = prompt
        self.reminder = prompt.reminder

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading("REMINDER")
            yield PlainText(self.reminder.text, id="reminder-text")
            if self.prompt.overdue >= 60:
                yield Static(f"Overdue by {format_clock(self.prompt.overdue)}", markup=False)
            keys = "d done"
            if self.reminder.routine:
                keys += f" · r start {self.reminder.routine}"
            yield Muted(f"{keys} · 1/2/3 snooze 5/10/15 minutes · k skip")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters and parameters[0] == "routine":
            return bool(self.reminder.routine)
        return True

    def action_choose(self, choice: str) -> None:
        self.post_message(Answered(self.prompt, ReminderAnswer(choice)))

    def action_snooze(self, minutes: int) -> None:
        self.post_message(Answered(self.prompt, Snooze(minutes)))

"""The routine library: every routine with its length, tags and origin; Enter runs one.

Broken files are listed too (Enter shows all their errors), a filter narrows the list by
name, id or tag, and edits to routine files show up while the library is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable
from textual.worker import Worker, get_current_worker

from unknot.core.durations import format_duration
from unknot.core.engine.plan import build_plan
from unknot.core.figures.pose import Pose
from unknot.core.text import one_line, quoted
from unknot.store.library import Entry
from unknot.store.programmes import FollowedProgramme
from unknot.tui.base import UnknotScreen
from unknot.tui.messages import StartRoutine, StartTherapy
from unknot.tui.screens.help import Help
from unknot.tui.widgets.dialog import Heading
from unknot.tui.widgets.figure import Figure
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText, cell, literal

if TYPE_CHECKING:
    from unknot.core.engine.adherence import SlotState
    from unknot.store.today import Today

WATCH_SECONDS = 2.0
READ_FIRST = 100  # files read before the list is first shown
# The preview's figure gives way below this size of terminal.
FIGURE_SIZE = (100, 28)
TITLE = "unknot — routines"
MARKS = {"done": "✓", "not yet": "○", "ended early": "◐", "missed": "✗"}


def matches(entry: Entry, words: str) -> bool:
    if not words:
        return True
    routine = entry.routine if entry.loaded else None  # one not read yet matches by its id
    haystack = [entry.id]
    if routine is not None:
        haystack += [routine.name, *routine.tags]
    text = " ".join(haystack).lower()
    return all(word in text for word in words.lower().split())


def preview_text(entry: Entry) -> str:
    routine = entry.routine
    if routine is None:
        problems = entry.result.errors
        return f"This file has {len(problems)} error(s). Press Enter to see them all.\n" + (
            str(problems[0]) if problems else ""
        )
    lines = []
    if routine.description:
        lines.append(one_line(routine.description))
    if routine.source:
        lines.append(f"Source: {one_line(routine.source)}")
    plan = build_plan(routine)
    rounds = f", {routine.rounds} rounds" if routine.rounds > 1 else ""
    lines.append(f"{len(routine.steps)} steps{rounds}, {format_duration(plan.total)} of timers:")
    for number, step in enumerate(routine.steps, 1):
        seconds = sum(s.duration or 0 for s in plan.segments if s.step_index == number - 1)
        length = f" — {format_duration(seconds / routine.rounds)}" if seconds else ""
        # One line a step (a note's title is all its words), so the steps fit the preview.
        title = f" {_short(one_line(step.title), 48)}" if step.kind != "rest" else ""
        lines.append(f"  {number}. {step.kind}{title}{length}")
    return "\n".join(lines)


def first_pose(entry: Entry) -> Pose | None:
    """The pose of the routine's first step that has a figure."""
    routine = entry.routine
    steps = routine.steps if routine is not None else ()
    return next((step.figure[0] for step in steps if step.figure), None)


COLUMNS = ("Routine", "Time", "Tags", "From")
WIDEST = (48, 7, 32, 7)


def row_cells(entry: Entry) -> tuple[Text, Text, Text, Text]:
    if not entry.loaded:  # listed before it is read: its id until then
        return cell(entry.id), cell("…"), cell(""), cell(entry.origin)
    routine = entry.routine
    if routine is None:
        problem = _short(entry.first_error.message) if entry.first_error else ""
        return cell(f"⚠ {entry.path.name}"), cell("BROKEN"), cell(problem), cell(entry.origin)
    return (
        cell(one_line(routine.name)),
        cell(format_duration(entry.seconds)),
        cell(", ".join(routine.tags)),
        cell(entry.origin),
    )


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class LibraryScreen(UnknotScreen[None]):
    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("t", "today", "Today", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("i", "therapy('ice')", "Ice"),
        Binding("w", "therapy('heat')", "Heat"),
        Binding("h", "app.history", "History"),
        Binding("r", "app.reminders", "Reminders"),
        Binding("a", "app.about", "About"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # kept, not looked up: a screen closed before it was drawn must not fail
        self.table: DataTable[object] = DataTable(
            id="routines", cursor_type="row", zebra_stripes=True
        )
        self.all_entries: list[Entry] = []
        self.entries: list[Entry] = []
        self._stamp: tuple[tuple[str, float, int, bool], ...] = ()
        self._scanning: Worker[None] | None = None
        self.today: Today | None = None
        self.today_table: DataTable[object] = DataTable(
            id="today", cursor_type="row", show_header=False
        )
        self._today_states: list[SlotState] = []
        self._today_shown = False
        self._today_wanted = True  # read on opening and on coming back, not every scan
        self._stale = False
        self.figure = Figure(id="preview-figure", classes="-empty")

    def compose(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Heading(TITLE, id="library-title", classes="screen-title")
            with Vertical(id="today-panel"):
                yield PlainText("", id="today-title")
                yield self.today_table
            yield SafeInput(placeholder="/ filter by name or tag", id="filter", compact=True)
            yield self.table
            with Horizontal(id="preview-row"):
                with VerticalScroll(id="routine-preview"):
                    yield PlainText("", id="summary")
                yield self.figure
        yield KeyBar()

    def on_mount(self) -> None:
        if self.unknot.sound_note:
            self.show_sound(self.unknot.sound_note)
        table = self.table
        self.today_table.add_columns("", "Today", "")
        self.query_one("#today-panel").display = False
        table.focus()
        self.reload_if_changed()
        self._watch = self.set_interval(WATCH_SECONDS, self.reload_if_changed)

    def show_sound(self, note: str) -> None:
        """Which sound output alarms and cues go to, on the title line where it covers
        nothing (no sound device: the terminal bell)."""
        self.query_one("#library-title", Heading).update(literal(f"{TITLE} · {note}"))

    def on_resize(self, event: events.Resize) -> None:
        width, height = FIGURE_SIZE
        self.set_class(event.size.width < width or event.size.height < height, "-small")

    def on_screen_suspend(self) -> None:
        self._watch.pause()  # nobody sees the list while a routine runs on top of it

    def on_screen_resume(self) -> None:
        self._today_wanted = True  # a session may have been done since: read today again
        if self._stale:
            self._stale = False
            self.refill()
        self.reload_if_changed()
        self._watch.resume()

    def reload_if_changed(self) -> None:
        """Look at file times and sizes, off the event loop: a folder of thousands of files
        must not make a key wait. Only what changed is read again; while a look is still
        reading, the next one waits for it rather than starting over."""
        if self._scanning is None or not self._scanning.is_running:
            self._scanning = self._scan()

    @work(thread=True, exclusive=True, group="library-scan", exit_on_error=False)
    def _scan(self) -> None:
        # Listed, the first few read, shown; then the rest read: thousands of files show by
        # id at once and fill in, a few show whole at once.
        library = self.unknot.library
        entries = library.listing()
        worker = get_current_worker()
        library.read(entries[:READ_FIRST], stop=lambda: worker.is_cancelled, lengths=True)
        self.app.call_from_thread(self._scanned, entries)
        if library.read(entries, stop=lambda: worker.is_cancelled, lengths=True):
            self.app.call_from_thread(self._scanned, entries)
        if self._today_wanted:
            self._today_wanted = False
            today = self._read_today()
            self.app.call_from_thread(self._show_today, today)

    def _read_today(self) -> Today | None:
        """The programme followed against the history, read here, off the event loop, on a
        connection of this thread's own (a history connection stays with its thread)."""
        context = self.unknot.context
        if FollowedProgramme(context.data_dir).current() is None:
            return None
        # Imported here, off the event loop, and only for a programme: the history (SQLite)
        # is not needed to draw the library.
        from unknot.store.history import Store
        from unknot.store.today import today_for

        store = Store(context.data_dir)
        try:
            return today_for(context.data_dir, self.unknot.library, store, context.clock.wall())
        finally:
            store.close()

    def _show_today(self, today: Today | None) -> None:
        from unknot.store.today import slot_words

        self.today = today
        panel = self.query_one("#today-panel")
        adherence = today.adherence if today is not None else None
        panel.display = today is not None
        if today is None:
            return
        title = self.query_one("#today-title", PlainText)
        table = self.today_table
        table.clear()
        self._today_states = []
        programme = today.programme
        if programme is None or adherence is None:
            title.set_text(today.problem or "")
            table.display = False
            return
        table.display = True
        week = adherence.week
        if week is None:
            title.set_text(f"{one_line(programme.name)}: not running today ('unknot today').")
            table.display = False
            return
        this_week = adherence.weeks()[-1]
        title.set_text(
            f"Today · {one_line(programme.name)}, week {week} of {programme.weeks} · this week "
            f"{this_week.done} of {this_week.due} done · streak {adherence.streak()}"
        )
        self._today_states = adherence.due_today()
        for state in self._today_states:
            table.add_row(MARKS.get(state.state, " "), cell(slot_words(today, state)), state.state)
        if not self._today_states:
            table.add_row("·", "A rest day: nothing planned. Stay active.", "")
        due = any(not s.counts for s in self._today_states)
        if due and not self._today_shown and self.table.has_focus:
            first = next(i for i, s in enumerate(self._today_states) if not s.counts)
            table.move_cursor(row=first)
            table.focus()
        self._today_shown = True

    def action_today(self) -> None:
        if self.query_one("#today-panel").display:
            self.today_table.focus()

    def _scanned(self, entries: list[Entry]) -> None:
        stamp = tuple((str(e.path), e.mtime, e.size, e.loaded) for e in entries)
        if stamp != self._stamp:
            self.all_entries = entries
            self._stamp = stamp
            if self.is_current:
                self.refill()
            else:  # a table filled under another screen measures its columns wrong
                self._stale = True

    def refill(self) -> None:
        table = self.table
        current = self.current()
        keep = str(current.path) if current else None
        words = self.query_one("#filter", SafeInput).value
        # Working routines first, broken files after them.
        ordered = sorted(self.all_entries, key=lambda e: e.loaded and e.broken)
        self.entries = [e for e in ordered if matches(e, words)]
        rows = [row_cells(e) for e in self.entries]
        # Widths set before the rows go in: a table that works its widths out afterwards can
        # keep cells drawn at the old, narrow width.
        table.clear(columns=True)
        for i, label in enumerate(COLUMNS):
            widest = max((r[i].cell_len for r in rows), default=0)
            table.add_column(label, width=min(max(widest, len(label)), WIDEST[i]))
        for entry, cells in zip(self.entries, rows, strict=True):
            table.add_row(*cells, key=str(entry.path))
        row = next((i for i, e in enumerate(self.entries) if str(e.path) == keep), 0)
        if self.entries:
            table.move_cursor(row=row)
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self.query_one("#summary", PlainText)
        entry = self.current()
        pose = first_pose(entry) if entry is not None else None
        self.figure.set_class(pose is None, "-empty")
        self.figure.show(pose)
        if entry is not None:
            summary.set_text(preview_text(entry))
        elif self.all_entries:
            summary.set_text("No routine matches the filter. Escape clears it.")
        else:
            summary.set_text(
                "No routines found. Run 'unknot new my-routine' in a terminal to write one."
            )

    def current(self) -> Entry | None:
        table = self.table
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.table:
            self._show_summary()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self.today_table:
            self.run_today(event.cursor_row)
        else:
            self.action_run()

    def run_today(self, row: int) -> None:
        """Enter on today's session: the routine as this week of the programme has it."""
        today = self.today
        if today is None or not 0 <= row < len(self._today_states):
            return
        state = self._today_states[row]
        if state.counts:
            self.notify("Done already today.", timeout=3)
            return
        routine = today.routine(state.slot.routine)
        if routine is None:
            self.notify(
                f"There is no working routine {quoted(state.slot.routine)}.",
                markup=False,
                timeout=4,
            )
            return
        self.post_message(StartRoutine(build_plan(routine)))

    def on_input_changed(self, event: SafeInput.Changed) -> None:
        self.refill()

    def on_input_submitted(self, _: SafeInput.Submitted) -> None:
        self.table.focus()
        if len(self.entries) == 1:  # the filter found the one: Enter runs it
            self.action_run()

    def action_filter(self) -> None:
        self.query_one("#filter", SafeInput).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", SafeInput)
        box.value = ""
        self.table.focus()

    def action_run(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if entry.routine is None:
            lines = [str(p) for p in entry.result.problems]
            self.app.push_screen(
                Help(f"Errors in {entry.path.name}", lines, "Fix the file and it reloads here.")
            )
            return
        self.post_message(StartRoutine(build_plan(entry.routine)))

    def action_therapy(self, kind: str) -> None:
        from unknot.tui.screens.therapy_length import TherapyLength

        def start(on: float | None) -> None:
            if on is not None:
                self.post_message(StartTherapy(kind, on))

        if self.unknot.visit.why_not_therapy() is not None:
            self.unknot.sync()  # refused: the visit says why, or shows the day's stop again
            return
        self.app.push_screen(TherapyLength(kind), start)

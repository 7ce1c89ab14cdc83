"""The routine library: every routine with its length and tags; Enter runs one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from app.core.durations import format_duration
from app.core.library import Entry
from app.core.text import one_line
from app.ui.widgets.plain_text import PlainText, cell


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "run", "Run", priority=False),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Static("unknot — routines", id="library-title", markup=False)
            yield DataTable(id="routines", cursor_type="row", zebra_stripes=True)
            yield PlainText("", id="summary")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Time", "Tags", "From")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self.entries = [e for e in self.app.library.scan() if not e.broken]  # type: ignore[attr-defined]
        table.clear()
        for entry in self.entries:
            routine = entry.routine
            assert routine is not None
            table.add_row(
                cell(one_line(routine.name)),
                format_duration(entry.seconds),
                cell(", ".join(routine.tags)),
                entry.origin,
                key=str(entry.path),
            )
        if self.entries:
            table.move_cursor(row=min(keep, len(self.entries) - 1))
        self._show_summary()

    def _show_summary(self) -> None:
        summary = self.query_one("#summary", PlainText)
        entry = self.current()
        if entry is None or entry.routine is None:
            summary.set_text("No routines yet. Press ? for keys.")
            return
        routine = entry.routine
        lines = [one_line(routine.description)] if routine.description else []
        if routine.source:
            lines.append(f"Source: {one_line(routine.source)}")
        summary.set_text("\n".join(lines))

    def current(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_summary()

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_run()

    def action_run(self) -> None:
        entry = self.current()
        if entry is not None and entry.routine is not None:
            self.app.run_routine(entry.routine)  # type: ignore[attr-defined]

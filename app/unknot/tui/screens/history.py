"""The history: a 30-day pain trend, streaks, sessions by day; and the pain diary."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.validation import Integer
from textual.widgets import Button, Checkbox, ContentSwitcher, DataTable, Sparkline

from unknot.core.durations import duration_words
from unknot.core.numbers import typed_number
from unknot.core.safety.diary import CANCELLED, NOTHING_SAVED, Diary, questions
from unknot.core.text import counted, one_line
from unknot.core.words.charts import CALENDAR_KEY, calendar_lines, chart_lines
from unknot.store.history import DiaryEntry, SessionRow, Store
from unknot.store.report import (
    DAY,
    calendar_days,
    daily_pain,
    day_of,
    nudge,
    sessions_words,
    stamp,
    stop_words,
    stopping_answers,
    streak,
    trend_series,
    weekly_charts,
)
from unknot.store.today import today_for
from unknot.tui.base import UnknotModal, UnknotScreen
from unknot.tui.widgets.dialog import Buttons, Heading, ScrollDialog
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText, cell

WEEKS = 8  # weeks the charts look back


def pain_change(row: SessionRow) -> str:
    before = "–" if row.pain_before is None else str(row.pain_before)
    after = "–" if row.pain_after is None else str(row.pain_after)
    return f"{before} → {after}"


SIGNS_SHOWN = 5  # the latest warning signs on the screen; the command lists them all


class HistoryScreen(UnknotScreen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("d", "diary", "Diary entry"),
        Binding("w", "weeks", "Sessions/weeks"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Keys"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # kept, not looked up: a screen closed before it was drawn must not fail
        self.table: DataTable[object] = DataTable(
            id="sessions", cursor_type="row", zebra_stripes=True
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Heading("History", classes="screen-title")
            yield PlainText("", id="history-summary")
            yield Sparkline([], id="trend")
            yield PlainText("", id="history-nudge")
            yield PlainText("", id="history-signs")
            with ContentSwitcher(initial="sessions", id="history-views"):
                yield self.table
                with VerticalScroll(id="weeks"):
                    yield PlainText("", id="week-charts")
                    yield PlainText("", id="calendar")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.table
        table.add_columns("When", "Routine", "Outcome", "Pain before → after", "Done")
        self.refill()

    def on_screen_resume(self) -> None:
        self.refill()

    def refill(self) -> None:
        store = self.unknot.context.store
        now = self.unknot.clock.wall()
        today = day_of(now)
        since = now - 30 * DAY
        days = daily_pain(store, since)
        sessions = store.sessions(since)
        self.rows = list(reversed(sessions))
        series = trend_series(days, today)
        self.query_one("#trend", Sparkline).data = series if days else []
        run = streak(sessions, today)
        if days:
            trend = (
                f"Pain over 30 days: {days[0].pain:.1f} on {days[0].day:%d %b} → "
                f"{days[-1].pain:.1f} on {days[-1].day:%d %b}"
            )
        else:
            trend = "No pain ratings yet: rate your pain before and after a session, or press d."
        self.query_one("#history-summary", PlainText).set_text(
            f"{trend}\n{sessions_words(sessions)} in the last 30 days · streak: "
            f"{counted(run, 'day')}"
        )
        self.query_one("#history-nudge", PlainText).set_text(nudge(store, now) or "")
        # The warning signs reported, the latest few: what a doctor asks about first.
        stops = store.rows("safety", since)
        lines = [f"▲ {stamp(s['at'])}  {one_line(stop_words(s))}" for s in stops[-SIGNS_SHOWN:]]
        if len(stops) > SIGNS_SHOWN:
            lines.append(f"and {len(stops) - SIGNS_SHOWN} more: 'unknot history' lists them all")
        signs = self.query_one("#history-signs", PlainText)
        signs.set_text("\n".join(lines))
        signs.display = bool(stops)
        table = self.table
        table.clear()
        for row in self.rows:
            table.add_row(
                stamp(row.started),
                cell(row.routine_name),
                row.outcome or "in progress",
                pain_change(row),
                f"{row.segments_done}/{row.segments_total}",
                key=str(row.id),
            )
        if not self.rows:
            table.add_row("", "No sessions yet: run a routine from the library.", "", "", "")
        self._draw_weeks(store, now)

    def _draw_weeks(self, store: Store, now: float) -> None:
        """Pain, function and (following a programme) sessions done, a row a week, and a
        calendar of the days."""
        today = today_for(self.unknot.context.data_dir, self.unknot.library, store, now)
        since = now - WEEKS * 7 * DAY
        lines: list[str] = []
        for chart in weekly_charts(store, since, now, today):
            lines += [*chart_lines(chart, width=12), ""]
        self.query_one("#week-charts", PlainText).set_text("\n".join(lines).rstrip())
        days = calendar_days(store, since, now, today)
        title = "Days of the programme" if today is not None else "Days with a completed session"
        self.query_one("#calendar", PlainText).set_text(
            "\n".join([title, *calendar_lines(days), CALENDAR_KEY])
        )

    def action_weeks(self) -> None:
        switcher = self.query_one("#history-views", ContentSwitcher)
        switcher.current = "weeks" if switcher.current == "sessions" else "sessions"
        if switcher.current == "weeks":
            self.query_one("#weeks", VerticalScroll).focus()
        else:
            self.table.focus()

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        if not self.rows or event.cursor_row >= len(self.rows):
            return
        self.app.push_screen(SessionDetails(self.rows[event.cursor_row]))

    def action_diary(self) -> None:
        self.app.push_screen(DiaryScreen(), self._saved)

    def _saved(self, diary: Diary | None) -> None:
        """Kept, unless nothing was answered; and the stop a warning sign means."""
        if diary is None:
            return
        if diary.empty:
            self.notify(NOTHING_SAVED, markup=False)
            return
        now = self.unknot.clock.wall()
        self.unknot.context.store.diary(DiaryEntry(at=now, **diary.values()))
        self.refill()
        if diary.stop is not None:
            self.unknot.visit.report_stop(diary.stop)
            self.unknot.sync()

    def action_back(self) -> None:
        self.app.pop_screen()


class SessionDetails(UnknotModal[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, row: SessionRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        store = self.unknot.context.store
        row = self.row
        lines = [
            f"{row.routine_name}",
            f"Started {stamp(row.started)}, ended {stamp(row.ended) or '—'}",
            f"Outcome: {row.outcome or 'in progress'} · parts done {row.segments_done} of "
            f"{row.segments_total}",
            f"Pain before → after: {pain_change(row)}",
        ]
        for check in store.rows("checkins", row.started):
            if check["session_id"] == row.id:
                yes = stopping_answers(check["answers"])
                pain = "skipped" if check["pain"] is None else f"{check['pain']}/10"
                lines.append(
                    f"Check-in {stamp(check['at'])}: pain {pain}"
                    + (f"; yes to: {'; '.join(yes)}" if yes else "")
                )
        for stop in store.rows("safety", row.started):
            if stop["session_id"] == row.id:
                lines.append(f"Safety stop {stamp(stop['at'])}: {stop['level']} — {stop['reason']}")
        for use in store.rows("therapy", row.started):
            if use["session_id"] == row.id:
                lines.append(
                    f"{use['kind']} {use['cycle']}: on {duration_words(use['actual_on'])}, "
                    f"skin {use['skin'] or 'not checked'}"
                )
        with ScrollDialog():
            yield Heading("Session")
            yield PlainText("\n".join(lines))
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)


class DiaryScreen(UnknotModal[Diary | None]):
    """Today's diary: the engine's questions, each with its label above its box. Nothing is
    suggested; all is typed. A yes to the warning sign ends it at once."""

    AUTO_FOCUS = "#pain"
    CSS_PATH = "history.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="diary"):
            yield Heading("Pain diary — today")
            for question in questions(self.unknot.context.catalogue):
                with Vertical(classes="diary-field"):
                    yield PlainText(
                        question.words, id=f"{question.key}-label", classes="diary-label"
                    )
                    if question.kind == "pain":
                        yield SafeInput(
                            id="pain", type="integer", validators=[Integer(0, 10)], compact=True
                        )
                    elif question.kind == "text":
                        yield SafeInput(id=question.key, compact=True)
                    else:
                        yield Checkbox("Yes", id=question.key, compact=True)
            with Buttons():
                yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyBar()  # its own keys: the history's under it ('esc Back') are not the diary's

    def on_mount(self) -> None:
        # Focus on the first box centres it before the form is laid out, which hid the
        # heading and the first question: start at the top.
        self.call_after_refresh(self.query_one("#diary").scroll_home, animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The box and its question come into view together."""
        field = event.widget.parent
        if isinstance(field, Vertical) and field.has_class("diary-field"):
            self.call_after_refresh(field.scroll_visible, animate=False)

    def _diary(self) -> Diary:
        """The form's answers, taken by the engine in its order."""
        diary = Diary(self.unknot.context.catalogue)
        for question in diary.questions:
            if question.kind == "yes-no":
                diary.answer(question.key, self.query_one(f"#{question.key}", Checkbox).value)
                continue
            raw = self.query_one(f"#{question.key}", SafeInput).value
            value = typed_number(raw, 0, 10) if question.kind == "pain" else raw
            diary.answer(question.key, value)
        return diary

    @on(Checkbox.Changed)
    def ticked(self, event: Checkbox.Changed) -> None:
        """A yes to the warning sign: the stop comes now, not after the rest of the form."""
        diary = self._diary()
        if diary.stop is not None:
            self.dismiss(diary)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self._diary())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self._diary().empty:  # answers typed and then dropped are said, never silent
            self.notify(CANCELLED, markup=False)
        self.dismiss(None)

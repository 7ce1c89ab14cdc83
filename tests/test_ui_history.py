"""The history screen after a week of sessions, and the diary."""

import datetime as dt

from textual.geometry import Region
from textual.widgets import DataTable, Sparkline

from tests.conftest import make_app
from tests.test_history import run_session
from unknot.core.clock import FakeClock
from unknot.core.safety.diary import CANCELLED, NOTHING_SAVED, questions
from unknot.store.history import DiaryEntry, Store
from unknot.tui.screens.history import DiaryScreen, HistoryScreen, SessionDetails
from unknot.tui.screens.safety import SafetyStopScreen
from unknot.tui.widgets.keybar import KeyBar

DAY = 86400


def a_week_in(data_dir, clock: FakeClock) -> None:
    store = Store(data_dir)
    for day in range(7):
        run_session(store, clock, pains=(7 - day, 6 - day))
        store.diary(DiaryEntry(at=clock.wall(), pain=7 - day, location="low back"))
        clock.advance(DAY)
    store.close()


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def test_history_shows_the_trend_sessions_and_streak(tmp_path):
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9).timestamp())
    a_week_in(tmp_path, clock)
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        data = screen.query_one("#trend", Sparkline).data
        assert len(data) == 30 and data[-2] < data[-8]
        summary = texts(screen)
        assert "7 sessions on 7 days in the last 30 days" in summary
        assert "streak: 7 days" in summary
        assert "Pain over 30 days: 6.8 on 01 Nov → 0.8 on 07 Nov" in summary
        table = screen.query_one(DataTable)
        assert table.row_count == 7
        assert [str(c) for c in table.get_row_at(0)][1:4] == ["Floor", "completed", "1 → 0"]
        await pilot.press("enter")
        assert isinstance(app.screen, SessionDetails)
        assert "Check-in" in texts(app.screen) and "pain 1/10" in texts(app.screen)


async def test_a_diary_entry_is_saved_and_bladder_trouble_is_an_emergency_at_once(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path, region="US")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h", "d")
        assert isinstance(app.screen, DiaryScreen)
        await pilot.press(*"5", "tab", *"lower back", "tab", *"burning")
        app.screen.query_one("#bladder_bowel").focus()
        await pilot.press("space")  # ticked: the stop comes now, not at Save
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)
        assert "Call 911 now." in texts(app.screen)
    store = Store(tmp_path)
    (entry,) = store.diary_entries()
    assert (entry.pain, entry.location, entry.feels, entry.bladder_bowel) == (
        5,
        "lower back",
        "burning",
        True,
    )
    assert store.rows("safety")[0]["sign_id"] == "bladder-bowel"


async def test_an_empty_diary_saves_nothing_and_says_so(tmp_path):
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h", "d")
        assert isinstance(app.screen, DiaryScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [n.message for n in app._notifications] == [NOTHING_SAVED]
    assert Store(tmp_path).diary_entries() == []


async def test_the_diary_shows_its_own_keys_and_says_when_cancel_drops_answers(tmp_path):
    """The diary's keys are its own (Save, Cancel), not the history's 'esc Back' under it;
    Escape on answers typed says they were not kept, rather than dropping them silently."""
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h", "d")
        diary = app.screen
        assert isinstance(diary, DiaryScreen)
        bar = str(diary.query_one(KeyBar).render())
        assert "esc Cancel" in bar and "^s Save" in bar and "Back" not in bar
        await pilot.press(*"5", "tab", *"lower back", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert [n.message for n in app._notifications] == [CANCELLED]
    assert Store(tmp_path).diary_entries() == []


def shown(widget) -> str:
    """The words a widget draws in its own size, as one line."""
    size = widget.size
    lines = widget.render_lines(Region(0, 0, size.width, size.height))
    return " ".join(" ".join(line.text.split()) for line in lines).strip()


async def test_every_diary_question_has_a_whole_label_above_its_box_that_stays(tmp_path):
    """On a small terminal, where the longest question (the warning sign) was cut short."""
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h", "d")
        screen = app.screen
        assert isinstance(screen, DiaryScreen)
        for question in questions(app.context.catalogue):
            label = screen.query_one(f"#{question.key}-label")
            box = screen.query_one(f"#{question.key}")
            box.focus()
            await pilot.press(*("4" if question.kind == "pain" else "x"))
            await pilot.pause()
            assert shown(label) == " ".join(question.words.split())  # whole, after typing
            assert label.region.height >= 1 and label.region.bottom == box.region.y
            assert screen.query_one("#diary").region.contains_region(label.region)


def test_history_snapshot(snap_compare, tmp_path):
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9).timestamp())
    a_week_in(tmp_path, clock)
    app = make_app(clock, data_dir=tmp_path)
    assert snap_compare(app, terminal_size=(100, 30), press=["h"])


async def test_the_history_screen_lists_the_latest_warning_signs_reported(tmp_path):
    """A doctor asks about warning signs first: the screen shows them, as the command and
    the report do, in one wording, and never a stop's text as markup."""
    clock = FakeClock()
    store = Store(tmp_path)
    store.safety(None, clock.wall() - 3 * DAY, "fever", "urgent", "Fever, with [b]back pain[/b]")
    for days in (6, 5, 4, 2, 1):
        store.safety(None, clock.wall() - days * DAY, None, "doctor", f"Spasms, day {days}")
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        lines = str(app.screen.query_one("#history-signs").render()).splitlines()
    assert len(lines) == 6 and lines[-1] == "and 1 more: 'unknot history' lists them all"
    assert lines[0].startswith("▲ ") and lines[0].endswith("Spasms, day 5")  # day 6: one more
    assert lines[2].endswith(" — Fever, with [b]back pain[/b]")
    assert lines[4].endswith("Spasms, day 1")

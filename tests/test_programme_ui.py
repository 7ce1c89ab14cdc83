"""The programme in both faces and on paper: the library's Today panel (Enter runs this week's
version), the weekly function scale in the Textual modal and on plain lines, the history's
weeks as charts and a calendar (snapshots), and the printable page parsed."""

from __future__ import annotations

import datetime as dt
import os
import stat
from html.parser import HTMLParser

from tests.conftest import library_ready, make_app, make_plain, run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.prompts import FunctionPrompt
from unknot.core.format.routine import Stretch
from unknot.store.history import Store
from unknot.store.programmes import FollowedProgramme
from unknot.tui.screens.function import FunctionScreen
from unknot.tui.screens.history import HistoryScreen
from unknot.tui.screens.library import LibraryScreen

START = dt.date(2026, 11, 2)  # a Monday
NOW = dt.datetime(2026, 11, 18, 12).timestamp()  # week 3, Wednesday noon
HOSTILE = "[b]<script>alert(1)</script>"


def a_programme_kept(data_dir) -> None:
    """Two weeks and a bit of the bundled programme, some of it missed, pain falling and
    function rising; the weekly scale answered (so it is not asked again today)."""
    FollowedProgramme(data_dir).follow("gentle-six-weeks", START)
    store = Store(data_dir)
    for i in range(16):
        day = START + dt.timedelta(days=i)
        at = dt.datetime.combine(day, dt.time(9)).timestamp()
        if i % 3 != 2:
            row = store.start_session(
                "gentle-floor", "Gentle floor release", "f", at, 9, 7 - i // 3
            )
            store.end_session(row, at + 600, "completed")
            store.set_pain(row, "after", 5 - i // 4)
        if i % 7 == 0:
            store.function_rating(at + 3600, ((HOSTILE, 2 + i // 7), ("walking to the shop", 4)))
    store.close()
    from unknot.store.checks import Remembered

    Remembered(data_dir).function_answered(NOW - 3600, (HOSTILE, "walking to the shop"))


async def test_the_library_opens_on_today_and_enter_runs_this_weeks_version(tmp_path):
    a_programme_kept(tmp_path)
    app = make_app(FakeClock(wall=NOW), data_dir=tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        title = str(screen.query_one("#today-title").render())
        assert title.startswith("Today · Gentle six weeks, week 3 of 6")
        assert screen.today_table.row_count == 3 and screen.today_table.has_focus
        await pilot.press("enter")
        await pilot.pause()
        plan = app.visit._pain_before.plan  # the day's check is done: the pain comes first
        knee = next(s for s in plan.routine.steps if isinstance(s, Stretch))
        assert (plan.routine.id, knee.hold, knee.reps) == ("gentle-floor", 10, 7)


async def test_without_a_programme_there_is_no_today_panel_and_no_weekly_scale(tmp_path):
    app = make_app(FakeClock(wall=NOW), data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        assert not app.screen.query_one("#today-panel").display
        assert app.screen.table.has_focus and app.visit.prompt is None


async def test_the_weekly_scale_in_the_modal_is_kept_in_history(tmp_path):
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", START)
    clock = FakeClock(wall=NOW)
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await library_ready(app, pilot)
        assert isinstance(app.screen, FunctionScreen)
        await pilot.press(*HOSTILE, "tab", "3", "tab", *"stairs", "tab", "1", "1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "0 to 10" in str(app.screen.query_one("#function-error").render())  # 11
        app.screen.query_one("#score-2").value = "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        clock.advance(6 * 86400)  # not asked again within the week
        app.sync()
        assert app.visit.prompt is None
    rows = Store(tmp_path).function_rows()
    assert [(r.activity, r.score) for r in rows] == [(HOSTILE, 3), ("stairs", 6)]


def test_the_weekly_scale_on_plain_lines(tmp_path):
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", START)
    clock = FakeClock(wall=NOW)
    face, out = make_plain(tmp_path, clock, "Putting on socks 4\nstairs: 7\n\n")
    face.runtime.settle()
    assert isinstance(face.visit.prompt, FunctionPrompt)
    face.run(lambda: True)
    text = out.getvalue()
    assert "THIS WEEK: Name up to three activities" in text
    assert "Activity 2 and its rating" in text
    rows = Store(tmp_path).function_rows()
    assert [(r.activity, r.score) for r in rows] == [("Putting on socks", 4), ("stairs", 7)]


def test_the_weekly_scale_waits_for_a_programme_that_starts_later(tmp_path):
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", START)
    clock = FakeClock(wall=dt.datetime.combine(START, dt.time(12)).timestamp() - 3 * 86400)
    face, _ = make_plain(tmp_path, clock)
    face.runtime.settle()
    assert face.visit.prompt is None  # three days before it starts: nothing to rate yet
    clock.advance(3 * 86400)
    face.runtime.settle()
    assert isinstance(face.visit.prompt, FunctionPrompt)


def test_the_history_weeks_snapshot(snap_compare, tmp_path):
    a_programme_kept(tmp_path)
    app = make_app(FakeClock(wall=NOW), data_dir=tmp_path)
    assert snap_compare(app, terminal_size=(100, 60), press=["h", "w"])


def test_the_library_today_snapshot(snap_compare, tmp_path):
    a_programme_kept(tmp_path)
    app = make_app(FakeClock(wall=NOW), data_dir=tmp_path)

    async def ready(pilot):
        await library_ready(app, pilot)

    assert snap_compare(app, terminal_size=(100, 34), run_before=ready)


async def test_history_weeks_show_the_charts_and_the_calendar(tmp_path):
    a_programme_kept(tmp_path)
    app = make_app(FakeClock(wall=NOW), data_dir=tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("h", "w")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        charts = str(screen.query_one("#week-charts").render())
        assert "w/c 02 Nov    6.2" in charts and "Programme sessions done" in charts
        calendar = str(screen.query_one("#calendar").render())
        # weekdays plan the desk break too, which was never done: some done
        assert "02 Nov   ◐  ◐  ○  ◐  ◐  ○  ●" in calendar


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_report_is_one_private_page_with_an_svg_per_chart(tmp_path):
    data = tmp_path / "data"
    a_programme_kept(data)
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o644)
    result = run_cli(
        "report", "--html", "-o", str(out), "--days", "21", env={"UNKNOT_DATA_DIR": str(data)}
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    # pain, function, programme sessions done, and the calendar
    assert page.tags.count("svg") == 4
    assert "script" not in page.tags and not page.links
    assert any(HOSTILE in t for t in page.text)  # shown as the words typed, never run
    markdown = run_cli("report", "--days", "21", env={"UNKNOT_DATA_DIR": str(data)}).stdout
    assert "## Exercise programme" in markdown and "| 1 | 2026-11-02 |" in markdown
    assert "Programme sessions done" in markdown and "## What I can do" in markdown

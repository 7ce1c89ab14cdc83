"""The library screen: user text shown literally, broken files, filter, live reload."""

import os

from textual.widgets import DataTable

from tests.conftest import library_ready, make_app
from tests.hostile import MARKUP_NAME, write_hostile_folder
from unknot.core.clock import FakeClock
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.run import RunScreen


def row_texts(screen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_markup_in_a_name_is_shown_literally_and_clicking_runs_nothing(tmp_path):
    write_hostile_folder(tmp_path / "h", tmp_path / "ran")
    app = make_app(FakeClock(), ("user", tmp_path / "h"))
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert MARKUP_NAME in row_texts(screen)
        index = next(i for i, e in enumerate(screen.entries) if e.id == "markup")
        table = screen.query_one(DataTable)
        table.move_cursor(row=index)
        await pilot.pause()
        await pilot.click(DataTable, offset=(4, index + 1))
        await pilot.pause()
        if not isinstance(app.screen, RunScreen):
            await pilot.press("enter")
        assert app.is_running  # [@click=app.quit] did nothing
        run = app.screen
        assert isinstance(run, RunScreen)
        assert run.session.plan.routine.name == MARKUP_NAME
        shown = str(run.query_one("#routine-name").render())
        assert shown == MARKUP_NAME
        how = str(run.query_one("#title").render())
        assert how == "[bold red]shout[/] [@click=app.bell]bell"
        await pilot.click("#title")
        assert bells == []


async def test_broken_files_are_listed_and_enter_shows_all_their_errors(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "oops.yaml").write_text("version: 1\nname: x\nsteps:\n  - rest: soon\n    hodl: 1\n")
    app = make_app(FakeClock(), ("user", folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert row_texts(screen)[-1] == "⚠ oops.yaml"
        screen.query_one(DataTable).move_cursor(row=len(screen.entries) - 1)
        await pilot.press("enter")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert f"{folder}/oops.yaml:4:11: error: rest: 'soon' is not a duration" in text
        assert f"{folder}/oops.yaml:5:5: error: unknown key 'hodl'" in text


async def test_filter_by_name_and_tag():
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        await pilot.press("slash", *"desk")
        assert [e.id for e in screen.entries] == ["desk-break"]
        await pilot.press("escape")
        assert len(screen.entries) >= 5
        await pilot.press("slash", *"floor")  # a tag
        assert {e.id for e in screen.entries} == {
            "gentle-floor",
            "morning-mobility",
            "evening-unwind",
        }
        await pilot.press("enter", "enter", "escape")  # choose it, run it, skip the pain rating
        assert isinstance(app.screen, RunScreen)


async def test_preview_shows_steps_and_total_time():
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        index = next(i for i, e in enumerate(screen.entries) if e.id == "gentle-floor")
        screen.query_one(DataTable).move_cursor(row=index)
        await pilot.pause()
        text = str(screen.query_one("#summary").render())
        assert "7 steps, 6m20s of timers:" in text
        assert "2. stretch Knee to chest — 1m40s" in text


async def test_an_edited_file_shows_up_when_the_library_is_shown_again(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text("version: 1\nname: Before\nsteps:\n  - rest: 5s\n")
    app = make_app(FakeClock(), ("user", folder))
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert "Before" in row_texts(screen)
        path.write_text("version: 1\nname: After the edit\nsteps:\n  - rest: 5s\n")
        os.utime(path, (1, 1))  # a different time, whatever the file system's resolution
        (folder / "new.yaml").write_text("version: 1\nname: Brand new\nsteps:\n  - rest: 5s\n")
        await pilot.press("question_mark")
        await pilot.press("escape")
        await library_ready(app, pilot)
        assert "After the edit" in row_texts(screen)
        assert "Brand new" in row_texts(screen)
        assert "Before" not in row_texts(screen)

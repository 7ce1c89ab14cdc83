"""Files dropped into a folder while the full-screen library is open: numbers too big to
convert are a broken file like any other, never the end of the program."""

from textual.widgets import DataTable

from tests.conftest import library_ready, make_app
from unknot.core.clock import FakeClock
from unknot.tui.screens.help import Help
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.run import RunScreen

HEAD = "version: 1\nname: {name}\nsteps:\n  - stretch: Knee to chest\n"


def rows(screen: LibraryScreen) -> list[str]:
    table = screen.query_one("#routines", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_huge_numbers_dropped_into_an_open_library(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "neighbour.yaml").write_text(HEAD.format(name="Neighbour") + "    hold: 5s\n")
    app = make_app(FakeClock(), ("user", folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert "Neighbour" in rows(screen)
        hold = folder / "huge-hold.yaml"
        hold.write_text(HEAD.format(name="Hold") + "    hold: 1" + "0" * 5000 + "\n")
        reps = folder / "huge-reps.yaml"
        reps.write_text(HEAD.format(name="Reps") + "    hold: 5s\n    reps: 1" + "0" * 9999 + "\n")
        screen.reload_if_changed()  # what the library's look at its folders does
        await library_ready(app, pilot)

        assert app.is_running and app.screen is screen
        assert rows(screen)[-2:] == ["⚠ huge-hold.yaml", "⚠ huge-reps.yaml"]
        broken = {e.path.name: e for e in screen.entries if e.broken}
        assert str(broken["huge-hold.yaml"].first_error) == (
            f"{hold}:5:11: error: hold: '100000000000…' is too long to be a duration; "
            "write it like 30s, 2m or 1m30s"
        )
        assert str(broken["huge-reps.yaml"].first_error).startswith(
            f"{reps}:6:11: error: reps: '1000000000"
        )
        assert str(broken["huge-reps.yaml"].first_error).endswith(
            "…' should be a whole number from 1 to 50"
        )
        table = screen.query_one("#routines", DataTable)
        table.move_cursor(row=rows(screen).index("⚠ huge-reps.yaml"))
        await pilot.press("enter")  # a broken file's errors, in full
        assert isinstance(app.screen, Help)
        shown = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "should be a whole number from 1 to 50" in shown
        await pilot.press("escape")

        assert app.screen is screen
        table.move_cursor(row=rows(screen).index("Neighbour"))
        await pilot.press("enter", "escape")  # run it; skip the pain rating
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.plan.routine.name == "Neighbour"

"""The library lists files without reading them, and `run ID` reads the one file the id names:
an id is its file's name. Broken files are still found and reported, by either way in."""

from pathlib import Path

from textual.widgets import DataTable

from tests.conftest import BUNDLED, library_ready, make_app, run_cli
from unknot.core.clock import FakeClock
from unknot.store.library import Library
from unknot.tui.screens.library import READ_FIRST

GOOD = "version: 1\nname: {name}\nsteps:\n  - rest: 2s\n"
BROKEN = "version: 1\nname: Broken\nsteps:\n  - rest: soon\n"


def folder_of(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def test_find_by_id_reads_only_the_file_it_names(tmp_path):
    folder = folder_of(
        tmp_path / "mine",
        {f"r{i}.yaml": GOOD.format(name=f"R{i}") for i in range(20)} | {"bad.yaml": BROKEN},
    )
    library = Library([("bundled", BUNDLED), ("user", folder)])
    listed = library.listing()
    assert len(listed) == 21 + len(list(BUNDLED.glob("*.yaml")))
    assert not any(entry.loaded for entry in listed)  # listing reads nothing

    entry = library.find("r7")
    assert entry is not None and entry.routine is not None
    assert entry.routine.name == "R7" and entry.origin == "user"
    assert entry.path == folder / "r7.yaml"
    read = [e.id for e in listed if e.loaded]
    assert read == ["r7"]


def test_a_broken_file_found_by_id_reports_its_errors(tmp_path):
    folder = folder_of(tmp_path / "mine", {"bad.yaml": BROKEN, "ok.yaml": GOOD.format(name="O")})
    entry = Library([("user", folder)]).find("bad")
    assert entry is not None and entry.broken
    expected = f"{folder}/bad.yaml:4:11: error: rest: 'soon' is not a duration"
    assert [str(p) for p in entry.result.errors] == [f"{expected}; write it like 30s, 2m or 1m30s"]

    done = run_cli("--routines", str(folder), "run", "bad", "--plain")
    assert done.returncode == 1
    assert expected in done.stderr
    assert f"unknot: {folder}/bad.yaml has errors" in done.stderr


def test_later_folders_win_and_yml_is_found_as_the_listing_finds_it(tmp_path):
    first = folder_of(tmp_path / "a", {"x.yaml": GOOD.format(name="First")})
    second = folder_of(
        tmp_path / "b", {"x.yaml": GOOD.format(name="Second"), "x.yml": GOOD.format(name="Yml")}
    )
    library = Library([("user", first), ("extra", second)])
    by_lookup = library.find("x")
    by_listing = [e for e in library.scan() if e.id == "x"][-1]
    assert by_lookup is not None and by_lookup.routine is not None
    assert by_lookup.routine.name == "Yml" and by_lookup.origin == "extra"
    assert by_lookup.path == by_listing.path == second / "x.yml"

    assert Library([("user", first)]).find("y") is None
    assert Library([("user", first)]).find("x/../x") is None  # a path, and no such file


def test_a_file_whose_name_is_no_id_is_still_found_and_told_why(tmp_path):
    folder = folder_of(tmp_path / "mine", {"My Stretch.yaml": GOOD.format(name="Mine")})
    entry = Library([("user", folder)]).find("My Stretch")
    assert entry is not None and entry.broken
    assert entry.first_error is not None
    assert "can't be a routine id; rename the file 'my-stretch.yaml'" in (entry.first_error.message)


async def test_the_library_shows_at_once_then_reports_a_broken_file_read_later(tmp_path):
    # More files than are read before the list is first shown, the broken one among the last.
    count = READ_FIRST + 20
    files = {f"r{i:03d}.yaml": GOOD.format(name=f"Routine {i}") for i in range(count)}
    files[f"r{count - 5:03d}.yaml"] = BROKEN
    folder = folder_of(tmp_path / "many", files)
    app = make_app(FakeClock(), ("user", folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert all(entry.loaded for entry in screen.all_entries)
        assert rows[-1][:2] == [f"⚠ r{count - 5:03d}.yaml", "BROKEN"]
        assert "is not a duration" in rows[-1][2]
        names = [row[0] for row in rows[:-1]]
        assert f"Routine {count - 1}" in names and "…" not in {row[1] for row in rows}

"""The Textual face as a new user meets it: forms that take what is typed, the warning-signs
key shown on every screen, a library that does what Enter suggests."""

from __future__ import annotations

import dataclasses

from tests.conftest import library_ready, make_app, resize, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.therapy import TherapySpec, on_choices
from unknot.sound.player import Bell, CuePlayer
from unknot.tui.screens.checkin import CheckInScreen, PainRating
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.safety import SignsScreen
from unknot.tui.screens.therapy_length import TherapyLength
from unknot.tui.widgets.dialog import ScrollDialog
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar

CHECKED = """
version: 1
name: Checked
steps:
  - check: How is it?
    ask: [Is it worse than yesterday?]
  - rest: 10s
"""


def key_bar(screen) -> str:
    return str(screen.query_one(KeyBar).render())


async def test_a_pain_rating_keeps_what_was_typed_after_the_warning_signs():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(80, 24)) as pilot:
        rating = app.screen
        assert isinstance(rating, PainRating)
        assert "! Warning signs" in key_bar(rating)
        await pilot.press("4", "exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        await pilot.press("escape")
        assert app.screen is rating
        await pilot.press("enter")
        await pilot.pause()
        assert app.visit.session is not None and app.visit.start_pain == 4


async def test_the_check_in_takes_digits_wherever_they_are_typed_and_keeps_them():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # no rating before
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CheckInScreen)
        assert "! Warning signs" in key_bar(form)
        box = form.query_one(ScrollDialog)
        assert box.region.width == 60 and box.region.height < 20  # a box, not the screen
        pain = form.query_one("#pain", SafeInput)
        await pilot.press("x", "7", "a", "1", "9")  # letters never; two digits at most
        assert pain.value == "71"
        pain.value = ""
        form.query_one("#q0").focus()
        await pilot.press("5")  # with the question in focus: still the pain
        assert pain.value == "5" and pain.has_focus
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        await pilot.press("escape")
        assert app.screen is form and pain.value == "5"
        form.query_one("#q0").focus()
        await pilot.press("down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.visit.current_pain == 5


async def test_the_keys_and_about_screens_show_the_warning_signs_key():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "a"):
            await pilot.press(key)
            await pilot.pause()
            assert "! Warning signs" in key_bar(app.screen), key
            await pilot.press("escape")


async def test_enter_in_the_filter_runs_the_one_routine_it_found():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        library = app.screen
        await pilot.press("slash", *"desk", "enter")  # one match
        await pilot.pause()
        assert [e.id for e in library.entries] == ["desk-break"]
        assert isinstance(app.screen, PainRating)
        await pilot.press("escape")
        await pilot.pause()
        assert app.visit.session is not None
        assert app.visit.session.plan.routine.name == "Desk break"


async def test_enter_in_the_filter_with_several_matches_goes_to_the_list():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        library = app.screen
        await pilot.press("slash", *"floor", "enter")
        await pilot.pause()
        assert len(library.entries) > 1
        assert app.screen is library and library.table.has_focus
        assert app.visit.prompt is None and app.visit.session is None


async def test_the_key_bar_fits_80_columns_with_the_signs_and_keys_keys():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        shown = key_bar(app.screen).rstrip()
        assert len(shown) <= 80, shown
        assert shown.startswith(" ! Warning signs") and shown.endswith("? Keys"), shown
        assert "/ Filter" in shown and "i Ice" in shown
        await resize(pilot, 160, 40)
        await pilot.pause()
        assert key_bar(app.screen).rstrip().endswith("^p palette")  # with room, every key


async def test_the_library_preview_shows_every_step_at_80_by_24():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        library = app.screen
        table = library.table
        preview = library.query_one("#routine-preview")
        assert table.region.height == table.row_count + 1  # no empty rows under the list
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            entry = library.current()
            steps = len(entry.routine.steps)
            assert f"  {steps}. " in str(library.query_one("#summary").render())
            assert preview.max_scroll_y == 0, entry.id  # nothing below the fold


def test_the_pack_lengths_offered_are_within_the_limit_with_20_minutes_advised():
    choices = on_choices()
    assert [seconds for seconds, _ in choices] == sorted(seconds for seconds, _ in choices)
    assert max(seconds for seconds, _ in choices) == 1800  # never over 30 minutes
    assert (1200, "20 minutes (what most guidance advises)") in choices
    for seconds, _ in choices:
        TherapySpec("ice", on=seconds).check()  # the engine takes every one


async def test_ice_and_heat_from_the_library_ask_how_long_20_minutes_first(tmp_path):
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, TherapyLength)
        assert "! Warning signs" in key_bar(chooser)
        await pilot.press("enter")  # the advised length, as it comes
        await pilot.pause()
        assert app.visit.therapy is not None
        assert (app.visit.therapy.spec.kind, app.visit.therapy.spec.on) == ("ice", 1200)

    app = make_app(FakeClock(), data_dir=tmp_path / "another")  # not the ice timer's
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(app, pilot)
        await pilot.press("w", "escape")  # not now: nothing starts
        await pilot.pause()
        assert app.visit.therapy is None and isinstance(app.screen, LibraryScreen)
        await pilot.press("w", "up")
        await pilot.press("enter")
        await pilot.pause()
        assert (app.visit.therapy.spec.kind, app.visit.therapy.spec.on) == ("heat", 900)


async def test_a_box_over_the_library_opens_in_the_middle_of_the_screen(tmp_path):
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await library_ready(app, pilot)
        await pilot.press("a")  # About: a box of its own height
        await pilot.pause()
        box = app.screen.query_one(ScrollDialog).region
        above, below = box.y, 50 - 1 - box.bottom  # the key bar is the last line
        assert box.height < 40 and abs(above - below) <= 1, box


def _with_the_bell(app):
    context = app.context
    context.player = CuePlayer(Bell(lambda: None), context.player.sounds)
    context.config = dataclasses.replace(context.config, sound="auto")
    return app


async def test_which_sound_is_used_is_on_the_librarys_title_line_and_covers_nothing(tmp_path):
    """On a small terminal a notification covers part of a box or the countdown: which
    sound output is used is said on the library's title line instead."""
    app = _with_the_bell(make_app(FakeClock(), data_dir=tmp_path, notice_seen=False))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.visit.prompt is not None and app.visit.prompt.kind == "notice"
        await pilot.press("enter")
        await pilot.pause()
        assert list(app._notifications) == []
        title = str(app.screen.query_one("#library-title").render())
        assert title == "unknot — routines · sound: no sound device — using the terminal bell"


async def test_the_note_about_the_sound_never_covers_a_routine_started_at_once(tmp_path):
    plan = build_plan(routine_from("version: 1\nname: One\nsteps:\n  - rest: 30s\n"))
    app = _with_the_bell(make_app(FakeClock(), data_dir=tmp_path, plan=plan))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("escape")  # no pain rating: the routine runs
        await pilot.pause()
        assert app.visit.session is not None and app.visit.prompt is None
        assert list(app._notifications) == []


async def test_ctrl_c_says_how_to_quit_in_plain_words():
    """Ctrl+C at a terminal is a reflex: the note it brings names Ctrl+Q in words a person
    reads, never Textual's markup shown as text ('Press [b]ctrl+q[/b]')."""
    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert "[" not in note.message and "Ctrl+Q" in note.message


async def test_the_keys_help_lists_the_screens_own_keys_before_the_lists_cursor_keys():
    """On a small terminal only the first lines show: they are the program's keys (! first),
    not the table's cursor and page keys."""
    from unknot.tui.screens.help import key_lines

    app = make_app(FakeClock())
    async with app.run_test(size=(60, 20)) as pilot:
        await library_ready(app, pilot)
        lines = [line.strip() for line in key_lines(app.screen)]
        assert lines[0] == "!  Warning signs"
        own = lines.index("i  Ice")
        assert own < lines.index("↑  Cursor up")

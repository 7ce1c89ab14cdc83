"""Shared fixtures. Every test runs with its own empty home, data and config folders, so no
test ever reads or writes the developer's own files."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from unknot.core.clock import FakeClock
from unknot.core.format.loader import load_text
from unknot.core.format.routine import Routine
from unknot.store.library import Library

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "routines"
TEST_ROUTINES = Path(__file__).resolve().parent / "routines"


def pytest_configure(config: pytest.Config) -> None:
    """Many tests start the real program in a subprocess. Where bytecode caching is off
    (PYTHONDONTWRITEBYTECODE), each start would compile the whole package from source again:
    compile it once, before the workers start."""
    # Started from a script's background job, this process may ignore Ctrl+C and Ctrl+Z, and
    # every program a test starts would inherit that: the tests that send those signals for
    # real need them to act as they do at a terminal.
    import signal

    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGTSTP) == signal.SIG_IGN:
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    _look_for_idle_often()
    _collect_garbage_less_often()
    if not hasattr(config, "workerinput"):
        import compileall

        compileall.compile_dir(ROOT / "app", quiet=1)
        _rewrite_tests_once(config)


def _rewrite_tests_once(config: pytest.Config) -> None:
    """Each test worker imports every test file, and pytest rewrites a file's asserts on import
    unless it finds the rewritten code saved beside it, which it saves only where bytecode
    may be written. Four workers each rewriting every file was most of the time before the
    first test ran: rewrite and save each once here instead (as the package is compiled
    above, whatever PYTHONDONTWRITEBYTECODE says); each worker then only reads them.
    Nothing here is needed for a test to run: if pytest's own helpers have changed, the
    workers rewrite as they always have."""
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        for path in sorted((ROOT / "tests").rglob("*.py")):
            if not (path.name.startswith("test_") or path.name == "conftest.py"):
                continue
            pyc = rewrite.get_cache_dir(path) / (path.name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(path, pyc) is None and rewrite.try_makedirs(pyc.parent):
                stat, code = rewrite._rewrite_test(path, config)
                rewrite._write_pyc(state, code, stat, pyc)
    except (ImportError, AttributeError, KeyError, TypeError, OSError, SyntaxError):
        return


def _collect_garbage_less_often() -> None:
    """A test worker holds far more long-lived objects than the program does (every test
    module, and what each Textual test leaves behind), so Python's default thresholds had it
    walking all of them in a full collection every few tests: about a quarter of a worker's
    time. Fewer, larger collections free the same garbage for much less work."""
    import gc

    gc.set_threshold(10_000, 50, 10)


def _look_for_idle_often() -> None:
    """Every Pilot key press and pause ends with Textual's wait for the app to go idle: after
    its queues are empty it sleeps in slices, until a slice in which the app used under a
    twentieth of the slice's time. A slice is 20 ms, so even an app that is idle at once costs
    a Pilot test 40 ms a key and 20 ms a pause, most of the time of the Textual tests. The same
    condition looked for in 5 ms slices (still idle only under a twentieth of the slice) sees
    an idle app four times sooner and a busy one no less busy."""
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = 1 / 200
    textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("UNKNOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UNKNOT_ROUTINES_DIR", str(tmp_path / "my-routines"))
    monkeypatch.setenv("UNKNOT_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.delenv("TMUX", raising=False)
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def library() -> Library:
    return Library([("bundled", BUNDLED)])


def make_context(
    data_dir: Path,
    clock: FakeClock,
    daily_done: bool = True,
    notice_seen: bool = True,
    region: str | None = "GB",
    number: str | None = None,
    check: str = "daily",
    desktop_notify: bool = False,
):
    """A context like the program builds, with its own data folder and a fake clock."""
    from unknot.services.context import build_context
    from unknot.store.config import Config

    # No desktop notifications: the tests of those start a bus of their own.
    config = Config(
        emergency_number=number, region=region, check=check, desktop_notify=desktop_notify
    )
    context = build_context(config, data_dir=data_dir, clock=clock, env={}, sound="off")
    if daily_done:
        context.remembered.daily_check_done(context.today())
    if notice_seen:
        context.remembered.notice_seen()
    return context


def make_app(
    clock: FakeClock, *folders, plan=None, therapy=None, data_dir: Path | None = None, **kw
):
    """The app the program runs, with bundled routines plus `folders` and a fake clock."""
    from unknot.store import paths
    from unknot.tui.app import UnknotApp

    data_dir = data_dir or paths.data_dir()  # the test's own, from isolated_home
    library = Library([("bundled", BUNDLED), *folders])
    context = make_context(data_dir, clock, **kw)
    return UnknotApp(library=library, context=context, start_with=plan, therapy=therapy)


def need(available: bool, what: str) -> None:
    """Skip when a tool is missing on a developer's machine; in CI everything must be there."""
    if available:
        return
    if os.environ.get("UNKNOT_REQUIRE_ALL_TESTS"):
        pytest.fail(f"{what} is needed here (CI installs it)")
    pytest.skip(f"{what} is not installed")


def faked_time(when: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a program whose clock libfaketime sets (`when` as its FAKETIME:
    '2026-11-25 12:00:00' frozen, '+0 x100' at a hundred times speed), preloaded directly.
    The `faketime` wrapper keeps a semaphore and shared memory named by its own pid in
    /dev/shm, left behind whenever it is killed; a later wrapper given the same pid then fails
    with 'sem_open: File exists'. Preloaded, nothing is shared and nothing is left."""
    places = [*sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))]
    places.append(Path("/usr/lib/faketime/libfaketime.so.1"))
    library = next((p for p in places if p.exists()), None)
    need(library is not None, "libfaketime (the faketime package)")
    return {**os.environ, **(env or {}), "LD_PRELOAD": str(library), "FAKETIME": when}


def routine_from(text: str, routine_id: str = "test") -> Routine:
    result = load_text(text, f"{routine_id}.yaml", routine_id)
    assert result.routine is not None, [str(p) for p in result.problems]
    return result.routine


def start_cli(
    *args: str, env: dict | None = None, program: tuple[str, ...] = ("-m", "unknot"), **kw
):
    """The real program started in a subprocess that goes on while the test talks to it over
    pipes (`program`: another way to start it, such as `("-c", SCRIPT)`)."""
    import subprocess

    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.Popen(
        [sys.executable, *program, *args],
        **{**pipes, **kw},
        text=True,
        env={**os.environ, **(env or {})},
        cwd=str(ROOT),
    )


def read_until(stream, text: str) -> str:
    """Lines from `stream` up to the first with `text` in it; that line. Ending first fails."""
    for line in stream:
        if text in line:
            return line
    raise AssertionError(f"the output ended before {text!r}")


def run_cli(*args: str, stdin: str | None = "", timeout: float = 60, env: dict | None = None):
    """The real program in a subprocess, as a user would start it."""
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "unknot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=str(ROOT),
    )


class Typing(io.StringIO):
    """Lines typed by a person who takes `pause` seconds (on the fake clock) over each."""

    def __init__(self, text: str, clock: FakeClock, pause: float) -> None:
        super().__init__(text)
        self.clock, self.pause = clock, pause

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.clock.advance(self.pause)
        return super().readline(size)


def make_plain(data_dir: Path, clock: FakeClock, typed: str = "", pause: float = 0.0, **kw):
    """The line face over a visit, in process: answers from `typed` (each taking `pause`
    seconds to type), lines into a buffer."""
    from unknot.plain.face import PlainFace
    from unknot.plain.lines import LineIO
    from unknot.services.runtime import VisitRuntime

    context = make_context(data_dir, clock, **kw)
    out = io.StringIO()
    line_io = LineIO(clock, out, Typing(typed, clock, pause))
    runtime = VisitRuntime(context, Library([("bundled", BUNDLED)]), line_io.signal)
    return PlainFace(runtime, line_io), out


async def library_ready(app, pilot) -> None:
    """The library's list is read off the event loop: wait until it is on the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def resize(pilot, width: int, height: int) -> None:
    """The terminal resized, and waited for until the screen is laid out at the new size:
    Textual applies a resize on a short timer of its own, which a pause need not outlast."""
    await pilot.resize_terminal(width, height)
    for _ in range(1000):
        if pilot.app.screen.size == (width, height):
            break
        await pilot.pause()
    await pilot.pause()
    assert pilot.app.screen.size == (width, height)

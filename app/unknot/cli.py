"""The command line: parses, builds the pieces, hands them to a face.

Start-up stays lean: this module imports click and nothing of the program at the top, so
`unknot --version`, `--help` and shell completion never load Textual, YAML or SQLite. Each
command imports what it uses when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from unknot import __version__
from unknot.services.status import DEFAULT as STATUS_DEFAULT

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from unknot.plain.face import PlainFace
    from unknot.services.context import Context
    from unknot.services.runtime import VisitRuntime
    from unknot.store.config import Config
    from unknot.store.library import Entry, Library

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


_SAID: list[str] = []  # what was written, so a file set aside is never said twice


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Every line the program writes to stdout or stderr goes through here, so nothing from a
    file, a file's name, a setting or an answer reaches the terminal as a control sequence."""
    from unknot.core.text import terminal_safe

    if len(text) < 4096:  # a line, not a report or a page
        _SAID.append(" ".join(text.split()))
    click.echo(terminal_safe(text), err=err, nl=nl)


DESCRIPTION = """\
unknot guides you through stretching routines and cold/heat timers for back pain and spasms,
and stops you with clear advice when you report a warning sign.
unknot is not medical advice and does not replace a doctor or physiotherapist.

With no command it opens the routine library (with --plain, as lines to choose from)."""

EPILOG = """\b
examples:
  unknot                          open the library
  unknot run gentle-floor         run a routine by id
  unknot run ./my.yaml --plain    run a file, one line per event (screen readers, logs)
  unknot run desk-break --plain --speed 20 </dev/null   preview a routine in seconds
  unknot list                     every routine, and broken files with their first error
  unknot validate ~/my-routines   check routine files (exit 1 on any error)
  unknot completion bash          shell completion (see the README)

\b
keys while a routine runs: space pause, n next, p previous, r restart step, q quit, ! signs"""


# --- options that work before or after the command ---------------------------------------


@dataclass
class Options:
    """The options every command takes, gathered from before and after the command name."""

    routines: list[Path] = field(default_factory=list)
    config: Path | None = None
    data_dir: Path | None = None
    mute: bool = False
    voice: bool = False
    used: Path | None = None  # the data folder, once a command has used it
    plain: bool = False


def _options(ctx: click.Context) -> Options:
    return ctx.find_root().ensure_object(Options)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """Given before the command or after it, an option counts; given twice, the later wins."""
    options = _options(ctx)
    if param.name == "routines":
        options.routines += [Path(v).expanduser() for v in value]
    elif param.name in ("mute", "voice", "plain"):
        setattr(options, param.name, getattr(options, param.name) or bool(value))
    elif value is not None:
        setattr(options, str(param.name), Path(value).expanduser())


class LazyDefault(click.Option):
    """An option whose shown default is worked out only when --help asks for it."""

    def __init__(self, *args: Any, shown: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown = shown

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        return record[0], f"{record[1]}  [default: {self._shown()}]"


def _config_default() -> str:
    from unknot.store import paths

    return _home_short(paths.config_file())


def _data_default() -> str:
    from unknot.store import paths

    return _home_short(paths.data_dir())


def _home_short(path: Path) -> str:
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


# Made once and shared: every command takes the global options, and each click.Path made
# looks its own name up in the translations on disk.
A_FOLDER = click.Path(file_okay=False)
A_FILE = click.Path(dir_okay=False)


def global_options(f: F) -> F:
    for option in reversed(
        [
            click.option(
                "--routines",
                metavar="DIR",
                multiple=True,
                expose_value=False,
                callback=_remember,
                type=A_FOLDER,
                help="An extra folder of routine files (may repeat).",
            ),
            click.option(
                "--config",
                metavar="FILE",
                expose_value=False,
                callback=_remember,
                type=A_FILE,
                cls=LazyDefault,
                shown=_config_default,
                help="The settings file (also $UNKNOT_CONFIG).",
            ),
            click.option(
                "--data-dir",
                metavar="DIR",
                expose_value=False,
                callback=_remember,
                type=A_FOLDER,
                cls=LazyDefault,
                shown=_data_default,
                help="History and timer state (also $UNKNOT_DATA_DIR).",
            ),
            click.option(
                "--mute",
                is_flag=True,
                expose_value=False,
                callback=_remember,
                help="No sound cues and no voice.",
            ),
            click.option(
                "--voice",
                is_flag=True,
                expose_value=False,
                callback=_remember,
                help="Say each step aloud (also the 'voice: on' setting).",
            ),
        ]
    ):
        f = option(f)
    return f


def running_options(f: F) -> F:
    f = click.option(
        "--speed",
        type=NumberParam(1, 100),
        default=1.0,
        metavar="X",
        show_default=True,
        help="Preview: divide every duration by X (1-100).",
    )(f)
    return click.option(
        "--plain",
        is_flag=True,
        help="No full-screen UI: one timestamped line per event; prompts on stdin.",
    )(f)


class DurationParam(click.ParamType):
    """A duration like 45s, 2m or 1m30s, within limits; out of range is a usage error."""

    name = "time"

    def __init__(self, least: float, most: float, too_short: str = "", too_long: str = "") -> None:
        self.least, self.most = least, most
        self.too_short = too_short or "{value} is shorter than {least}, the least it can be here"
        self.too_long = too_long or "{value} is longer than {most}, the most it can be here"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, float):
            return value
        from unknot.core.durations import DurationError, format_duration, parse_duration

        try:
            seconds = parse_duration(str(value))
        except DurationError as exc:
            self.fail(str(exc), param, ctx)
        if not self.least <= seconds <= self.most:
            words = self.too_short if seconds < self.least else self.too_long
            shown = {
                "value": format_duration(seconds),
                "least": format_duration(self.least),
                "most": format_duration(self.most),
            }
            self.fail(words.format(**shown), param, ctx)
        return seconds


class NumberParam(click.ParamType):
    """A number within limits, read without ever converting more digits than it could need."""

    def __init__(self, least: float, most: float, whole: bool = False) -> None:
        self.least, self.most, self.whole = least, most, whole
        self.name = "n" if whole else "x"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        kind = "a whole number" if self.whole else "a number"
        if len(text) > 12:
            self.fail(
                f"'{text[:12]}…' is too long to be {kind} from {self.least:g} to {self.most:g}",
                param,
                ctx,
            )
        try:
            number: float = int(text) if self.whole else float(text)
        except ValueError:
            self.fail(f"'{text}' is not {kind}", param, ctx)
        if not self.least <= number <= self.most:
            self.fail(f"{number:g} is outside {self.least:g}-{self.most:g}", param, ctx)
        return number


def complete_routine(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Routine ids from the file names alone: a Tab must not parse every file."""
    from unknot.store.library import routine_files

    ids: set[str] = set()
    for _, folder in _folders(_options(ctx)):
        ids.update(p.stem for p in routine_files(folder))
    return offered(ids, incomplete)


def offered(ids: set[str], incomplete: str) -> list[CompletionItem]:
    """Completions from file names, shown as `list` shows them: a name's escapes and line
    breaks (the shell reads one completion a line) never reach the shell raw."""
    from click.shell_completion import CompletionItem

    from unknot.core.text import terminal_safe

    shown = {terminal_safe(i, newlines=False, reveal=True) for i in ids}
    return [CompletionItem(i) for i in sorted(shown) if i.startswith(incomplete)]


# --- building the pieces -------------------------------------------------------------------


def _folders(options: Options) -> list[tuple[str, Path]]:
    from unknot.store import paths

    folders = [("bundled", paths.bundled_routines()), ("user", paths.user_routines())]
    return folders + [("extra", d) for d in options.routines]


def library_for(options: Options) -> Library:
    from unknot.store.library import Library

    return Library(_folders(options))


def config_for(options: Options) -> Config:
    from unknot.store import paths
    from unknot.store.config import load_config

    config = load_config(options.config or paths.config_file())
    for problem in config.problems:
        echo(f"unknot: {problem}", err=True)
    return config


def context_for(options: Options) -> Context:
    from unknot.services.context import build_context

    context = build_context(
        config_for(options), data_dir=options.data_dir, mute=options.mute, voice=options.voice
    )
    options.used = context.data_dir
    return context


def say_set_aside(options: Options) -> None:
    """Saved files moved aside, by this command or one that could not say it (a status bar):
    each said once, unless this command has said it already. And a pack timer nobody could
    read, whatever the command, until it has been read in a face."""
    if options.used is None:
        return
    from unknot.store.paths import LOST_TIMER_FILE
    from unknot.store.statefile import take_notes

    notes = take_notes(options.used)
    if (options.used / LOST_TIMER_FILE).exists():
        from unknot.store.timers import TimerStore

        lost = TimerStore(options.used).lost
        notes += [] if lost is None else [lost]
    for note in notes:
        if not any(note in said for said in _SAID):
            echo(f"unknot: {note}", err=True)


NEEDS_A_TERMINAL = (
    "unknot: the full-screen program needs a terminal on stdin, stdout and stderr (it draws "
    "on stderr); add --plain for one line per event, e.g. unknot run desk-break --plain"
)


def need_terminal(plain: bool = False) -> None:
    """Refuse at once, before anything is saved, to draw the full screen anywhere but a
    terminal: into a file or a pipe it would loop drawing there until killed, and with
    stderr (where Textual draws) sent away the screen stays blank while the keys are taken,
    so a pack's alarm would show nowhere."""
    # Textual reads the keys from the process's own stdin and draws on its own stderr.
    streams = (sys.__stdin__, sys.stdout, sys.__stderr__)
    if plain or all(_is_terminal(stream) for stream in streams):
        return
    echo(NEEDS_A_TERMINAL, err=True)
    if _is_terminal(sys.stdout) and not _is_terminal(sys.__stderr__):
        echo(NEEDS_A_TERMINAL)  # stderr goes nowhere the person looks: say it where they do
    raise click.exceptions.Exit(EXIT_USAGE)


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (OSError, ValueError):  # closed
        return False


def _run_app(options: Options, context: Context | None = None, **kwargs: Any) -> int:
    need_terminal()
    from unknot.tui.app import UnknotApp

    app = UnknotApp(library=library_for(options), context=context or context_for(options), **kwargs)
    app.run()
    _SAID.extend(app.runtime.problems)  # shown on the screen: not said again after it
    # Closed with a pack timer running: where to pick it up, or, if it couldn't be saved,
    # when to take the pack off, said on the terminal the screen has given back.
    words = app.visit.leaving_words(saved=app.runtime.timer_saved())
    if words is not None:
        echo(f"unknot: {words}")
    return app.return_code or EXIT_OK


# --- the commands ----------------------------------------------------------------------------


class Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            return EXIT_OK


def crashed(exc: BaseException, data_dir: Path | None) -> int:
    """After an unexpected error: the details to the log, one line to the person saying
    where the log is, and a non-zero exit."""
    import logging

    from unknot.services.context import log_file
    from unknot.store import paths

    folder = paths.data_dir(data_dir)
    log = log_file(folder)
    logging.getLogger("unknot").error("unexpected error", exc_info=exc)
    what = type(exc).__name__
    if log is not None:
        echo(
            f"unknot: something went wrong inside unknot ({what}); nothing you did caused it. "
            f"The details are in {log}; please include them if you report it.",
            err=True,
        )
    else:
        import traceback

        echo(
            f"unknot: something went wrong inside unknot ({what}), and the log in {folder} "
            "could not be written; the details follow.",
            err=True,
        )
        echo("".join(traceback.format_exception(exc)), err=True, nl=False)
    return EXIT_PROBLEM


@click.group(
    cls=Group,
    invoke_without_command=True,
    help=DESCRIPTION,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="unknot", message="%(prog)s %(version)s")
@global_options
@click.option(
    "--plain",
    is_flag=True,
    expose_value=False,
    callback=_remember,
    help="No full-screen UI: the routines as lines, one chosen by its number runs with one "
    "line per event (also before run, ice and heat).",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        options = _options(ctx)
        ctx.exit(_plain_library(options) if options.plain else _run_app(options))


def command(
    name: str, help: str, example: str, details: str = "", group: click.Group | None = None
) -> Callable[[F], click.Command]:
    def decorate(f: F) -> click.Command:
        @click.pass_context
        def wrapper(ctx: click.Context, **kwargs: Any) -> None:
            ctx.exit(f(_options(ctx), **kwargs))

        wrapper.__name__ = f.__name__
        wrapper.__doc__ = f.__doc__
        params = getattr(f, "__click_params__", [])
        wrapper.__click_params__ = params  # type: ignore[attr-defined]
        epilog = f"\b\nexample:\n  {example}" + (f"\n\n{details}" if details else "")
        return (group or cli).command(name, help=help, short_help=help, epilog=epilog)(
            global_options(wrapper)
        )

    return decorate


@command("run", "Run a routine by id or path.", "unknot run gentle-floor --plain")
@click.argument("routine", metavar="ROUTINE", shell_complete=complete_routine)
@running_options
def run_command(options: Options, routine: str, plain: bool, speed: float) -> int:
    from unknot.core.plan import build_plan
    from unknot.store.library import looks_like_a_path

    plain = plain or options.plain
    library = library_for(options)
    entry = library.find(routine)
    if entry is None and looks_like_a_path(routine):
        echo(f"unknot: {routine}: no such file", err=True)
        return EXIT_PROBLEM
    if entry is None:
        echo(f"unknot: {_no_routine(library, routine)}", err=True)
        return EXIT_PROBLEM
    if entry.routine is None:
        _problems(entry)
        echo(
            f"unknot: {entry.path} has errors; fix them and run it again "
            "('unknot validate' checks it).",
            err=True,
        )
        return EXIT_PROBLEM
    need_terminal(plain)
    plan = build_plan(entry.routine, speed)
    context = context_for(options)
    if not plain:
        return _run_app(options, context, start_with=plan)
    face = _plain_face(options, context)
    visit = face.visit
    code = _attend_running_timer(face)
    if code is not None:
        return code
    if visit.start_routine(plan) is not None:
        return _held_stop(face)
    return face.run(lambda: visit.session is None and not _timer_running(face))


def _no_routine(library: Library, asked: str) -> str:
    """No routine by that id: the nearest ids, if any are close, else where the list is."""
    import difflib

    ids = sorted({e.id for e in library.listing()})  # names only: no file is read
    near = difflib.get_close_matches(asked, ids, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else "'unknot list' shows them"
    return f"no routine '{asked}'; {hint}"


def _runtime(options: Options, context: Context, face: bool = False) -> VisitRuntime:
    """A visit with its saved state, for a command that changes it without a face (or, with
    `face`, before one: the face then says a lost timer, and its reading is what counts)."""
    from unknot.services.runtime import VisitRuntime

    runtime = VisitRuntime(context, library_for(options))
    lost = [] if face or runtime.lost_timer is None else [runtime.lost_timer]
    for problem in [*lost, *runtime.problems]:
        echo(f"unknot: {problem}", err=True)
    return runtime


def _plain_face(
    options: Options, context: Context, runtime: VisitRuntime | None = None
) -> PlainFace:
    """The line face over a visit, with bell and notifications only when stdout is a terminal."""
    from unknot.plain.face import PlainFace
    from unknot.plain.lines import LineIO
    from unknot.services.context import plain_bell

    io = LineIO(context.clock)
    context.ring = plain_bell
    runtime = runtime or _runtime(options, context, face=True)
    runtime.attach(io.signal)
    therapy = runtime.visit.therapy
    if therapy is not None and therapy.active:
        echo(
            f"unknot: your {therapy.spec.words} timer from before is still running; "
            "going back to it first.",
            err=True,
        )
    return PlainFace(runtime, io)


def _timer_running(face: PlainFace) -> bool:
    therapy = face.visit.therapy
    return therapy is not None and therapy.active


def _attend_running_timer(face: PlainFace) -> int | None:
    """A pack timer left running by an earlier start comes first: back to it, to its end.
    Returns an exit code when that ends the command."""
    if not _timer_running(face):
        return None
    code = face.run(lambda: not _timer_running(face))
    return code if code != EXIT_OK or _timer_running(face) else None


def _held_stop(face: PlainFace) -> int:
    """Refused: after the day's emergency or urgent stop, its advice again and the way past it
    (the face says the refusal). Nothing starts in the same command."""
    visit = face.visit
    if visit.held is None:
        return EXIT_PROBLEM
    face.run(lambda: True)
    if visit.held is None:
        echo("unknot: the stop is lifted; run the command again to start.", err=True)
    return EXIT_PROBLEM


PLAIN_CHOICE = (
    "Type a routine's number or id, i for ice or w for heat (i 15 for 15 minutes; 20 unless "
    "you say), ! for the warning signs, or q to quit; then Enter:"
)


def _plain_library(options: Options) -> int:
    """`unknot --plain`: the library as lines. A routine chosen by its number or id runs as
    `unknot run ID --plain` runs it; `i` or `w` starts a pack timer as `unknot ice` does."""
    from unknot.core.durations import format_duration
    from unknot.core.plan import build_plan
    from unknot.core.text import one_line
    from unknot.core.therapy import TherapyError, TherapySpec

    library = library_for(options)
    face = _plain_face(options, context_for(options))
    visit = face.visit
    code = _attend_running_timer(face)
    if code is not None:
        return code
    entries = [e for e in library.scan() if e.routine is not None]
    for number, entry in enumerate(entries, 1):
        assert entry.routine is not None
        face.say(
            f"{number}. {one_line(entry.routine.name)} ({format_duration(entry.seconds)}), "
            f"id {entry.id}"
        )
    while True:
        face.say(PLAIN_CHOICE)
        line = face.io.read_line()
        word, _, rest = (line or "").strip().partition(" ")
        if word.lower() in ("", "q", "quit"):
            face.runtime.close()
            return EXIT_OK
        if word == "!":
            visit.open_signs()
            return face.run(lambda: not _timer_running(face))
        if word.lower() in ("i", "w"):
            kind = "ice" if word.lower() == "i" else "heat"
            minutes = rest.strip() or "20"
            try:
                spec = TherapySpec(kind, on=float(minutes) * 60).check()
            except (TherapyError, ValueError, OverflowError):
                face.say(f"'{minutes}' is not a time a pack can stay on: from 1 to 30 minutes.")
                continue
            if visit.start_therapy(spec) is not None:
                return _held_stop(face)
            return face.run(lambda: not _timer_running(face) and visit.prompt is None)
        number = int(word) if word.isdigit() and len(word) < 6 else 0
        chosen = entries[number - 1] if 0 < number <= len(entries) else None
        found = chosen or library.find(word)
        if found is None or found.routine is None:
            face.say(_no_routine(library, word))
            continue
        if visit.start_routine(build_plan(found.routine)) is not None:
            return _held_stop(face)
        return face.run(lambda: visit.session is None and not _timer_running(face))


def _problems(entry: Entry) -> None:
    for problem in entry.result.problems:
        echo(str(problem), err=True)


@command("list", "List routines, and broken files with their first error.", "unknot list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_command(options: Options, as_json: bool) -> int:
    from unknot.core.durations import format_duration
    from unknot.core.text import one_line

    entries = library_for(options).scan()
    if as_json:
        import json

        rows = [
            {
                "id": e.id,
                "name": e.routine.name if e.routine else None,
                "seconds": e.seconds,
                "origin": e.origin,
                "path": str(e.path),
                "tags": list(e.routine.tags) if e.routine else [],
                "error": str(e.first_error) if e.broken and e.first_error else None,
            }
            for e in entries
        ]
        # ASCII: JSON escapes controls but not C1 or bidi characters; \u escapes are safe.
        echo(json.dumps(rows, indent=2, ensure_ascii=True))
        return EXIT_OK
    if not entries:
        echo("No routines found. 'unknot new NAME' writes one to start from.")
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        if e.routine:
            tags = f"  [{', '.join(e.routine.tags)}]" if e.routine.tags else ""
            length = format_duration(e.seconds)
            echo(f"{e.id:<{width}}  {length:>7}  {e.origin:<7}  {one_line(e.routine.name)}{tags}")
        else:
            echo(f"{e.id:<{width}}  {'BROKEN':>7}  {e.origin:<7}  {e.first_error}")
    return EXIT_OK


@command(
    "validate",
    "Check routine files; exit 1 on any error.",
    "unknot validate my-routine.yaml ~/more-routines/",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
def validate_command(options: Options, paths: tuple[str, ...]) -> int:
    from unknot.core.programme_reader import looks_like_a_programme
    from unknot.store.library import load_file, routine_files
    from unknot.store.programmes import FOLDER, known_routines, load_programme_file
    from unknot.store.regular import read_regular

    files: list[Path] = []
    failed = False
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = routine_files(path) + routine_files(path / FOLDER)
            if not found:
                echo(f"{path}: no .yaml or .yml files here", err=True)
            files += found
        elif path.exists():
            files.append(path)
        else:
            echo(f"{path}:1:1: error: no such file or folder", err=True)
            failed = True
    errors = warnings = 0
    routines: dict[str, Any] | None = None  # read once, for the first programme file

    def is_programme(path: Path) -> bool:
        try:
            return looks_like_a_programme(read_regular(path, 256 * 1024))
        except OSError:
            return False

    for path in files:
        if is_programme(path):
            if routines is None:
                routines = known_routines(library_for(options))
                for other in files:  # the routines checked beside it count too
                    if not is_programme(other):
                        routines[other.stem] = load_file(other).routine
            result: Any = load_programme_file(path, routines)
        else:
            result = load_file(path)
        for problem in result.problems:
            echo(str(problem))
        errors += len(result.errors)
        warnings += len(result.warnings)
        if result.ok and not result.problems:
            echo(f"{path}: ok")
    echo(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    return EXIT_PROBLEM if errors or failed else EXIT_OK


@command(
    "schema", "Print the JSON Schema of the routine format.", "unknot schema > routine.schema.json"
)
@click.option("--programme", "programme", is_flag=True, help="The programme format's schema.")
def schema_command(options: Options, programme: bool) -> int:
    from unknot.core.schema import programme_schema_text, schema_text

    echo(programme_schema_text() if programme else schema_text(), nl=False)
    return EXIT_OK


@command(
    "new", "Write a commented template routine to your routines folder.", "unknot new my-stretches"
)
@click.argument("name", metavar="NAME")
@click.option(
    "--programme",
    "programme",
    is_flag=True,
    help="A programme (routines on days over weeks), in the programmes folder.",
)
def new_command(options: Options, name: str, programme: bool) -> int:
    """NAME is the new routine's id: lowercase letters, digits and '-'."""
    from unknot.core.loader import ID_PATTERN, suggest_id
    from unknot.core.schema import programme_schema_text, schema_text
    from unknot.core.template import render_programme_template, render_template
    from unknot.store import paths
    from unknot.store.programmes import FOLDER

    what = "programme" if programme else "routine"
    if name.endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not ID_PATTERN.match(name):
        echo(
            f"unknot new: '{name}' can't be a {what} id; use lowercase letters, digits and "
            f"'-', like '{suggest_id(name)}'",
            err=True,
        )
        return EXIT_USAGE
    if programme:
        render, schema, schema_name = render_programme_template, programme_schema_text, what
        folder = paths.user_routines() / FOLDER
    else:
        render, schema, schema_name = render_template, schema_text, what
        folder = paths.user_routines()
    target = folder / f"{name}.yaml"
    if target.exists():
        echo(
            f"unknot new: {target} already exists; nothing was changed. Pick another name, "
            "or edit that file.",
            err=True,
        )
        return EXIT_PROBLEM
    try:
        paths.make_private_dirs(folder)
        title = name.replace("-", " ").capitalize()
        paths.write_private(target, render(name, title, str(target)), exclusive=True)
        paths.write_private(folder / f"{schema_name}.schema.json", schema())
    except OSError as exc:
        echo(f"unknot new: can't write {target}: {exc.strerror}", err=True)
        return EXIT_PROBLEM
    echo(f"Wrote {target}")
    echo(f"Edit it, then check it with: unknot validate {target}")
    if programme:
        echo(f"Follow it with: unknot programme start {name}")
    return EXIT_OK


@command(
    "signs",
    "Print the warning signs by urgency, with what to do and the number to call.",
    "unknot signs > warning-signs.txt",
)
def signs_command(options: Options) -> int:
    import textwrap

    from unknot.core.safety import LEVEL_HEADINGS, LEVELS, MEDICINE_NOTE, NOT_ADVICE, advice

    context = context_for(options)
    number = context.number
    where = f" (region {number.region})" if number.region else ""
    out = [
        "WARNING SIGNS FOR BACK PAIN",
        f"Emergency number: {number.spoken}{where}" + (f"; {number.note}" if number.note else ""),
        "Read from the top. Act on the first group that has something you have.",
    ]
    for level in LEVELS:
        words = advice(level, number)
        actions = " ".join(a for a in words.actions if not a.startswith("The routine"))
        out += ["", LEVEL_HEADINGS[level], "What to do: " + actions]
        for sign in context.catalogue.at(level):
            out.append(
                textwrap.fill(sign.words, 78, initial_indent="  - ", subsequent_indent="    ")
            )
            out.append(
                textwrap.fill(
                    f"Why: {sign.why}", 78, initial_indent="    ", subsequent_indent="    "
                )
            )
    out += ["", textwrap.fill(MEDICINE_NOTE, 78), NOT_ADVICE]
    echo("\n".join(line if line.startswith(" ") else textwrap.fill(line, 78) for line in out))
    return EXIT_OK


def therapy_command(kind: str, word: str) -> None:
    @command(
        kind,
        f"A {word} timer: on, remove-it alarm, skin rest, skin check.",
        f"unknot {kind} --on 20m --off 20m --cycles 2",
    )
    @click.option(
        "--on",
        "on",
        type=DurationParam(
            60,
            1800,
            too_short="an application is at least 1 minute",
            too_long="{value} is too long; the most unknot allows is 30 minutes (20 is what "
            "most guidance advises)",
        ),
        default="20m",
        show_default=True,
        metavar="TIME",
        help="How long the pack stays on (30m at most).",
    )
    @click.option(
        "--off",
        type=DurationParam(
            1200,
            4 * 3600,
            too_short="{value} is too short; let the skin rest at least 20 minutes between "
            "applications",
        ),
        default="20m",
        show_default=True,
        metavar="TIME",
        help="Skin rest between applications (20m at least).",
    )
    @click.option(
        "--cycles",
        type=NumberParam(1, 6, whole=True),
        default=1,
        show_default=True,
        metavar="N",
        help="Applications, 1-6.",
    )
    @running_options
    def handler(
        options: Options, on: float, off: float, cycles: int, plain: bool, speed: float
    ) -> int:
        return _therapy(options, kind, on, off, cycles, plain or options.plain, speed)


def _therapy(
    options: Options, kind: str, on: float, off: float, cycles: int, plain: bool, speed: float
) -> int:
    from unknot.core.durations import format_duration
    from unknot.core.therapy import TherapySpec

    spec = TherapySpec(kind, on, off, cycles, speed).check()
    need_terminal(plain)
    if spec.long:
        echo(
            f"unknot: {format_duration(spec.on)} is longer than the 20 minutes most guidance "
            "advises; 20m is safer.",
            err=True,
        )
    context = context_for(options)
    if not plain:
        return _run_app(options, context, therapy=spec)
    face = _plain_face(options, context)
    if face.runtime.timer_elsewhere is not None:
        echo(f"unknot: {face.runtime.timer_elsewhere}", err=True)
        return EXIT_PROBLEM
    running = face.visit.therapy
    if running is not None and running.active and running.spec.kind != kind:
        echo(
            f"unknot: you asked for {kind}, but your {running.spec.words} timer from before is "
            f"still running; going back to it. Finish it before you start {kind}.",
            err=True,
        )
    code = _attend_running_timer(face)
    if code is not None:
        return code
    if face.visit.start_therapy(spec) is not None:
        return _held_stop(face)
    return face.run(lambda: not _timer_running(face) and face.visit.prompt is None)


therapy_command("ice", "cold")
therapy_command("heat", "heat")


@command(
    "remind",
    "Set a reminder and exit: move regularly, or a one-off; with no option, list them.",
    'unknot remind --every 45m --routine desk-break\n  unknot remind --in 25m "Reapply heat"',
    "It rings while unknot is open or 'unknot watch' runs; 'r' in the library lists them.",
)
@click.option(
    "--every", type=DurationParam(60, 24 * 3600), metavar="TIME", help="Repeat every TIME."
)
@click.option(
    "--in", "after", type=DurationParam(1, 7 * 86400), metavar="TIME", help="Once, after TIME."
)
@click.option(
    "--routine",
    metavar="ID",
    shell_complete=complete_routine,
    help="With --every: the routine to offer.",
)
@click.argument("text", required=False, metavar="[TEXT]")
# Setting a reminder never opens a face, so --plain changes nothing; it is still taken so
# that a script written with it goes on working.
@click.option("--plain", is_flag=True, hidden=True)
def remind_command(
    options: Options,
    every: float | None,
    after: float | None,
    routine: str | None,
    text: str | None,
    plain: bool,
) -> int:
    from unknot.core.reminders import describe

    if every is not None and after is not None:
        raise click.UsageError("give --every or --in, not both")
    if every is None and after is None and (text or routine):
        raise click.UsageError("say when, with --every TIME or --in TIME")
    if routine and every is None:
        raise click.UsageError("--routine goes with --every")
    if after is not None and not text:
        raise click.UsageError('say what for, like: unknot remind --in 25m "Reapply heat"')
    context = context_for(options)
    if every is None and after is None:
        from unknot.store.timers import TimerStore

        store = TimerStore(context.data_dir)
        book = store.load_reminders()
        for problem in store.problems:
            echo(f"unknot: {problem}", err=True)
        if not book.reminders:
            echo("No reminders. Add one: unknot remind --every 45m")
        for reminder in book.reminders:
            echo(describe(reminder, context.clock.wall()))
        return EXIT_OK
    library = library_for(options)
    if routine and library.find(routine) is None:
        echo(f"unknot remind: {_no_routine(library, routine)}", err=True)
        return EXIT_PROBLEM
    runtime = _runtime(options, context)
    visit = runtime.visit
    why = visit.add_reminder(every, after, text or "Time to move", routine)
    if why is not None:
        echo(f"unknot remind: {why}", err=True)
        return EXIT_PROBLEM
    runtime.save()
    if "reminders" in visit.dirty:  # not saved: with nothing left running, it would be lost
        echo(
            f"unknot remind: the reminder could not be saved in {context.data_dir}; "
            "nothing was set.",
            err=True,
        )
        return EXIT_PROBLEM
    added = visit.reminders.reminders[-1]
    echo(
        f"Added: {describe(added, context.clock.wall())} "
        "(it rings while unknot is open or 'unknot watch' runs)"
    )
    return EXIT_OK


STATUS_DETAILS = """\b
--format placeholders (each is empty when there is nothing to show):
  {stop}           the day of an emergency or urgent stop: '▲▲▲ Call 999 now.'
  {pack}           the cold/heat timer: '❄ 14:05 left', '⚠ REMOVE PACK', '♨ skin rest 18:00',
                   '⚠ PACK MAY BE ON' (a saved timer could not be read: 'unknot' says more);
                   after the last pack, until the skin has rested: 'skin rest until 14:35'
  {pack_left}      the pack's time left, '14:05', or 'now' when it must come off
  {kind}           ice or heat, while a timer runs
  {reminder}       the next reminder: '⏰ Time to move in 12m', '⏰ Time to move now'
  {reminder_text}  its words
  {reminder_in}    how soon: '12m', '1h05m', 'now'
  {{ and }}        a literal brace
The default is '{stop}  {pack}  {reminder}'. With nothing to show it prints nothing.

\b
in tmux (~/.tmux.conf):
  set -g status-interval 15
  set -g status-right '#(unknot status) %H:%M'"""


@command(
    "status",
    "One short line for a status bar or prompt: the pack's time left, the next reminder.",
    "unknot status --format '{pack_left}'",
    STATUS_DETAILS,
)
@click.option(
    "--format",
    "template",
    metavar="TEXT",
    default=STATUS_DEFAULT,
    help="What to print, with the placeholders below.",
)
def status_command(options: Options, template: str) -> int:
    from unknot.services.status import UnknownPlaceholder, status_line
    from unknot.store import paths

    try:
        line, problems = status_line(paths.data_dir(options.data_dir), template)
    except UnknownPlaceholder as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None
    for problem in problems:
        echo(f"unknot: {problem}", err=True)
    if line:
        echo(line)
    return EXIT_OK


# --- a programme over weeks ---------------------------------------------------------------


@cli.group(
    "programme",
    help="Follow a programme: routines on days over weeks. With no command, list them.",
    short_help="Follow a programme: routines on days over weeks.",
    invoke_without_command=True,
    epilog="\b\nexamples:\n  unknot programme start gentle-six-weeks\n"
    "  unknot programme remind 09:00,18:00\n  unknot today",
)
@global_options
@click.pass_context
def programme_group(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.exit(_list_programmes(_options(ctx)))


def complete_programme(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    from unknot.store.library import routine_files
    from unknot.store.programmes import FOLDER

    ids = {p.stem for _, f in _folders(_options(ctx)) for p in routine_files(f / FOLDER)}
    return offered(ids, incomplete)


@command("list", "List the programmes there are.", "unknot programme list", group=programme_group)
def programme_list_command(options: Options) -> int:
    return _list_programmes(options)


def _list_programmes(options: Options) -> int:
    from unknot.core.text import one_line
    from unknot.store.programmes import FollowedProgramme, scan

    entries = scan(library_for(options))
    following = FollowedProgramme(context_for(options).data_dir).current()
    if not entries:
        echo("No programmes found. 'unknot new --programme NAME' writes one to start from.")
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        mark = "*" if following is not None and following.programme == e.id else " "
        if e.programme is None:
            first = e.result.errors[0] if e.result.errors else ""
            echo(f"{mark} {e.id:<{width}}  BROKEN   {first}")
            continue
        echo(
            f"{mark} {e.id:<{width}}  {e.programme.weeks:>2} weeks  {e.origin:<7}  "
            f"{one_line(e.programme.name)}"
        )
    if following is not None:
        echo(f"* the one you follow, since {following.started:%d %B %Y}")
    else:
        echo("Start one: unknot programme start ID")
    return EXIT_OK


@command(
    "start",
    "Follow a programme from today (or --on DATE).",
    "unknot programme start gentle-six-weeks",
    group=programme_group,
)
@click.argument("programme", metavar="ID", shell_complete=complete_programme)
@click.option(
    "--on",
    "on",
    metavar="DATE",
    help="The day it starts, YYYY-MM-DD (default: today).",
)
def programme_start_command(options: Options, programme: str, on: str | None) -> int:
    import datetime as dt

    from unknot.core.programme import describe, last_day
    from unknot.core.text import one_line
    from unknot.store.programmes import FollowedProgramme, find

    library = library_for(options)
    entry = find(library, programme)
    if entry is None:
        echo(
            f"unknot programme: no programme '{programme}'; 'unknot programme' lists them", err=True
        )
        return EXIT_PROBLEM
    if entry.programme is None:
        for problem in entry.result.problems:
            echo(str(problem), err=True)
        echo(f"unknot programme: {entry.path} has errors; fix them first.", err=True)
        return EXIT_PROBLEM
    context = context_for(options)
    start = context.today()
    if on is not None:
        try:
            start = dt.date.fromisoformat(on.strip())
        except ValueError:
            raise click.BadParameter(
                f"'{on}' is not a date like 2026-11-02", param_hint="--on"
            ) from None
    followed = FollowedProgramme(context.data_dir)
    before = followed.current()
    followed.follow(entry.id, start)
    found = entry.programme
    if before is not None and before.programme != entry.id:
        echo(f"You no longer follow '{before.programme}'.")
    echo(
        f"You follow {one_line(found.name)}: {found.weeks} weeks, {start:%d %B %Y} to "
        f"{last_day(found, start):%d %B %Y}."
    )
    names = {e.id: e.routine.name for e in library.scan() if e.routine is not None}
    for planned in found.sessions:
        echo(f"  {one_line(names.get(planned.routine, planned.routine))}: {describe(planned)}")
    if found.source:
        echo(f"Source: {one_line(found.source)}")
    echo("'unknot today' shows what is due; 'unknot programme remind 09:00,18:00' reminds you.")
    echo("Once a week unknot asks how your back lets you do three things you choose.")
    return EXIT_OK


@command("stop", "Stop following the programme.", "unknot programme stop", group=programme_group)
def programme_stop_command(options: Options) -> int:
    from unknot.store.programmes import FollowedProgramme

    context = context_for(options)
    followed = FollowedProgramme(context.data_dir)
    following = followed.current()
    if following is None:
        echo("You follow no programme.")
        return EXIT_OK
    followed.stop()
    runtime = _runtime(options, context)
    removed = 0
    for reminder in list(runtime.visit.reminders.reminders):
        if reminder.follows == following.programme:
            runtime.visit.change_reminder(reminder, "remove")
            removed += 1
    runtime.save()
    also = f", and removed its {removed} reminder(s)" if removed else ""
    echo(f"You no longer follow '{following.programme}'{also}. Your history is kept.")
    return EXIT_OK


@command(
    "remind",
    "Remind at times of day when a session of the programme is due.",
    "unknot programme remind 09:00,18:00",
    group=programme_group,
)
@click.argument("times", metavar="HH:MM[,HH:MM...]", required=False)
@click.option("--off", is_flag=True, help="Remove the programme's reminders.")
def programme_remind_command(options: Options, times: str | None, off: bool) -> int:
    import re

    from unknot.core.reminders import describe

    context = context_for(options)
    runtime = _runtime(options, context)
    following = runtime.followed.current()
    if following is None:
        echo(
            "unknot programme remind: follow a programme first (unknot programme start ID)",
            err=True,
        )
        return EXIT_PROBLEM
    visit = runtime.visit
    if off or not times:
        mine = [r for r in visit.reminders.reminders if r.follows == following.programme]
        if off:
            for reminder in mine:
                visit.change_reminder(reminder, "remove")
            runtime.save()
            echo(f"Removed {len(mine)} programme reminder(s).")
        elif not mine:
            echo("No programme reminders. Add some: unknot programme remind 09:00,18:00")
        for reminder in [] if off else mine:
            echo(describe(reminder, context.clock.wall()))
        return EXIT_OK
    minutes: list[int] = []
    for part in times.split(","):
        match = re.fullmatch(r"\s*([01]?[0-9]|2[0-3]):([0-5][0-9])\s*", part)
        if match is None:
            raise click.BadParameter(
                f"'{part.strip()}' is not a time like 09:00", param_hint="TIMES"
            )
        minutes.append(int(match[1]) * 60 + int(match[2]))
    for minute in sorted(set(minutes)):
        why = visit.add_reminder(
            None, None, "Time for today's session", at=minute, follows=following.programme
        )
        if why is None:
            echo(f"Added: {describe(visit.reminders.reminders[-1], context.clock.wall())}")
        else:
            echo(f"{minute // 60:02d}:{minute % 60:02d}: {why}")
    runtime.save()
    echo(
        "They ring while unknot is open or 'unknot watch' runs, only on days with a session"
        " still to do, and offer it."
    )
    return EXIT_OK


@command("today", "What the programme you follow has for today.", "unknot today")
def today_command(options: Options) -> int:
    from unknot.store.today import today_for, today_lines

    context = _history_context(options)
    today = today_for(context.data_dir, library_for(options), context.store, context.clock.wall())
    if today is None:
        echo(
            "You follow no programme. 'unknot programme' lists them; "
            "'unknot programme start gentle-six-weeks' starts the bundled one."
        )
        return EXIT_OK
    for line in today_lines(today):
        echo(line)
    return EXIT_PROBLEM if today.problem else EXIT_OK


@command(
    "history",
    "Past sessions, pain and warning signs; --csv exports the sessions.",
    "unknot history --days 14 --csv > sessions.csv",
)
@click.option(
    "--days",
    type=NumberParam(1, 3660, whole=True),
    default=30,
    show_default=True,
    metavar="N",
    help="How far back.",
)
@click.option("--csv", "as_csv", is_flag=True, help="Comma-separated values.")
@click.option("--delete-all", is_flag=True, help="Delete the whole history (asks first).")
def history_command(options: Options, days: int, as_csv: bool, delete_all: bool) -> int:
    from unknot.core.text import counted, one_line
    from unknot.store.report import DAY, daily_pain, sessions_csv, stamp

    context = _history_context(options)
    store = context.store
    if delete_all:
        echo(f"This deletes every session, check-in and diary entry in {store.path}.")
        echo("Type yes to delete it all: ", nl=False)
        answer = sys.stdin.readline().strip().lower()
        if answer != "yes":
            echo("Nothing was deleted.")
            return EXIT_OK
        store.delete_all()
        echo("The history is empty now.")
        return EXIT_OK
    since = context.clock.wall() - days * DAY
    if as_csv:
        echo(sessions_csv(store, since), nl=False)
        return EXIT_OK
    sessions = store.sessions(since)
    if not sessions:
        echo(f"No sessions in the last {days} days. Run one: unknot run gentle-floor")
    for s in sessions:
        before = "-" if s.pain_before is None else s.pain_before
        after = "-" if s.pain_after is None else s.pain_after
        echo(
            f"{stamp(s.started)}  {one_line(s.routine_name):<28}  {s.outcome or 'in progress':<21}  "
            f"pain {before} -> {after}  {s.segments_done}/{s.segments_total}"
        )
    rated = daily_pain(store, since)
    if rated:
        echo(
            f"Pain: {rated[0].pain:.1f} on {rated[0].day} -> {rated[-1].pain:.1f} on "
            f"{rated[-1].day} ({counted(len(rated), 'day')} rated)"
        )
    # The stops, and a day's stop lifted, in their order: inside a routine or not.
    stops = store.rows("safety", since)
    if stops:
        from unknot.core.safety import LEVEL_NAMES

        echo("Warning signs:")
        for stop in stops:
            level = LEVEL_NAMES.get(str(stop["level"]), one_line(str(stop["level"])))
            echo(f"{stamp(stop['at'])}  {level} — {one_line(str(stop['reason']))}")
    return EXIT_OK


def _history_context(options: Options) -> Context:
    context = context_for(options)
    if context.store.problem:
        echo(f"unknot: {context.store.problem}", err=True)
    return context


@command(
    "report",
    "A Markdown summary to take to your doctor.",
    "unknot report --days 30 -o back-pain.md",
)
@click.option(
    "--days",
    type=NumberParam(1, 3660, whole=True),
    default=30,
    show_default=True,
    metavar="N",
    help="How far back.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=A_FILE,
    help="Write to FILE, not the screen.",
)
@click.option(
    "--html",
    "as_html",
    is_flag=True,
    help="One self-contained page with charts, to print (needs -o FILE).",
)
def report_command(options: Options, days: int, output: str | None, as_html: bool) -> int:
    from unknot.store.paths import write_private
    from unknot.store.report_html import report_html
    from unknot.store.report_markdown import report
    from unknot.store.today import today_for

    if as_html and not output:
        raise click.UsageError("--html writes a page to a file: add -o FILE, like -o report.html")
    context = _history_context(options)
    now = context.clock.wall()
    today = today_for(context.data_dir, library_for(options), context.store, now)
    write = report_html if as_html else report
    text = write(context.store, now, days, context.number, today, context.catalogue)
    if output:
        try:
            write_private(Path(output).expanduser(), text)
        except OSError as exc:
            echo(f"unknot report: can't write {output}: {exc.strerror}", err=True)
            return EXIT_PROBLEM
        echo(f"Wrote {output}")
    else:
        echo(text, nl=False)
    return EXIT_OK


@command(
    "sheet",
    "A printable page of a routine: figures, holds and reps, warning signs.",
    "unknot sheet gentle-floor -o gentle-floor.html",
)
@click.argument("routine", metavar="ROUTINE", shell_complete=complete_routine)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=A_FILE,
    help="Write to FILE (readable by you only), not the screen.",
)
def sheet_command(options: Options, routine: str, output: str | None) -> int:
    """One self-contained HTML page to print (A4 or Letter) or keep: nothing is fetched."""
    from unknot.core.sheet import sheet_html
    from unknot.store import paths

    entry = library_for(options).find(routine)
    if entry is None or entry.routine is None:
        if entry is not None:
            _problems(entry)
        echo(f"unknot sheet: no working routine '{routine}'; 'unknot list' shows them", err=True)
        return EXIT_PROBLEM
    context = context_for(options)
    page = sheet_html(entry.routine, context.number, context.catalogue.at("emergency"))
    if not output:
        echo(page, nl=False)
        return EXIT_OK
    try:
        paths.write_private(Path(output).expanduser(), page)
    except OSError as exc:
        echo(f"unknot sheet: can't write {output}: {exc.strerror or exc}", err=True)
        return EXIT_PROBLEM
    echo(f"Wrote {output}; open it in a browser and print it.")
    return EXIT_OK


@command("diary", "Today's pain diary: the questions a doctor will ask.", "unknot diary")
def diary_command(options: Options) -> int:
    from unknot.core.diary import NOTHING_SAVED, OPENING, Diary
    from unknot.core.numbers import typed_number
    from unknot.core.prompts import StopPrompt
    from unknot.plain.lines import stop_lines
    from unknot.store.history import DiaryEntry

    context = _history_context(options)
    diary = Diary(context.catalogue)
    echo(OPENING)
    while (question := diary.next) is not None:
        echo(question.words + (" y/N " if question.kind == "yes-no" else " "), nl=False)
        line = sys.stdin.readline()
        if not line:  # the end of input: nothing more can be answered
            echo()
            break
        raw = line.strip()
        if question.kind == "pain":
            diary.answer(question.key, typed_number(raw, 0, 10))
        elif question.kind == "yes-no":
            diary.answer(question.key, raw.lower().startswith("y"))
        else:
            diary.answer(question.key, raw)
    if diary.empty:
        echo(NOTHING_SAVED)
        return EXIT_OK
    context.store.diary(DiaryEntry(at=context.clock.wall(), **diary.values()))
    echo("Saved.")
    if diary.stop is not None:
        runtime = _runtime(options, context)
        runtime.visit.report_stop(diary.stop)
        runtime.settle()
        prompt = runtime.visit.prompt
        assert isinstance(prompt, StopPrompt)
        for line in stop_lines(prompt.stop, prompt.advice):
            echo(line)
    return EXIT_OK


@command(
    "watch",
    "Tell due reminders and pack alarms with the program closed (for tmux or a service).",
    "unknot watch     # in a tmux window, or as a systemd user service (see the README)",
)
@click.option("--once", is_flag=True, help="Look once, tell what is due, and stop.")
def watch_command(options: Options, once: bool) -> int:
    from unknot.services.context import plain_bell
    from unknot.services.watch import Told, Watcher, told_line
    from unknot.sound.attention import attention

    context = context_for(options)
    config = context.config
    voice = notifier = None
    if context.voice:
        from unknot.sound.voice import Voice

        voice = Voice(muted=context.mute)
    if config.desktop_notify:
        from unknot.sound.notify import Notifier

        notifier = Notifier(True)
        notifier.check()
    tty = sys.stdout.isatty()

    def tell(told: Told) -> None:
        echo(told_line(told))
        if notifier is not None:
            notifier.send(told.alert)
        if tty and config.bell:
            plain_bell()
        if tty and config.desktop_notify and not (notifier and notifier.available):
            click.echo(attention(f"unknot: {told.alert.title}", told.alert.body, False), nl=False)
        if voice is not None:
            voice.say(told.speech)

    watcher = Watcher(context, tell, library_for(options))
    try:
        while True:
            wait = watcher.step()
            if once:
                break
            context.clock.sleep(wait)
    except KeyboardInterrupt:
        return 130
    finally:
        if voice is not None:
            voice.close()
        if notifier is not None:
            notifier.close()
    return EXIT_OK


@command(
    "completion",
    "Print the shell-completion script for bash, zsh or fish.",
    'eval "$(unknot completion bash)"   # in ~/.bashrc',
)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(options: Options, shell: str) -> int:
    from click.shell_completion import get_completion_class

    completion = get_completion_class(shell)
    assert completion is not None
    echo(completion(cli, {}, "unknot", "_UNKNOT_COMPLETE").source())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    import io

    from unknot.store.paths import DataDirError
    from unknot.store.statefile import SaveFailed

    args = list(argv) if argv is not None else None
    options = Options()  # filled in as the options are parsed; says where the log is
    try:
        code = cli.main(args=args, prog_name="unknot", standalone_mode=False, obj=options)
    except click.ClickException as exc:
        # click would print these itself; through echo, a hostile argument is shown safely.
        message = io.StringIO()
        exc.show(file=message)
        echo(message.getvalue(), err=True, nl=False)
        return exc.exit_code
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl+C: click wrote a newline
            return 130
        echo("Aborted!", err=True)
        return EXIT_PROBLEM
    except (DataDirError, SaveFailed) as exc:  # the data folder: one line, what to do
        echo(f"unknot: {exc}", err=True)
        return EXIT_PROBLEM
    except Exception as exc:  # anything unexpected, after the errors that have their own words
        return crashed(exc, options.data_dir)
    say_set_aside(options)
    return code if isinstance(code, int) else EXIT_OK

"""What every command shares: the options, the parameter types, the pieces a command builds
(library, context, faces), the `cli` group and the `command` decorator.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from unknot import __version__

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
        if options.plain:
            from unknot.commands.running import plain_library

            ctx.exit(plain_library(options))
        ctx.exit(_run_app(options))


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


def _no_routine(library: Library, asked: str) -> str:
    """No routine by that id: the nearest ids, if any are close, else where the list is."""
    import difflib

    from unknot.core.text import quoted

    ids = sorted({e.id for e in library.listing()})  # names only: no file is read
    near = difflib.get_close_matches(asked, ids, n=1, cutoff=0.6)
    hint = f"did you mean {quoted(near[0])}?" if near else "'unknot list' shows them"
    return f"no routine {quoted(asked)}; {hint}"


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


def _problems(entry: Entry) -> None:
    for problem in entry.result.problems:
        echo(str(problem), err=True)


def _history_context(options: Options) -> Context:
    context = context_for(options)
    if context.store.problem:
        echo(f"unknot: {context.store.problem}", err=True)
    return context

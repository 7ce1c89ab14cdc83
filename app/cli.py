"""The command line: parses arguments, builds the pieces, hands them to the UI or plain runner."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from app import __version__, paths
from app.config import Config, load_config
from app.context import Context, build_context, plain_bell
from app.core.durations import format_duration
from app.core.library import Entry, Library, routine_files
from app.core.loader import load_file
from app.core.plan import MAX_SPEED, MIN_SPEED, build_plan
from app.core.text import one_line

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
unknot guides you through stretching routines and cold/heat timers for back pain and spasms,
and stops you with clear advice when you report a warning sign.
unknot is not medical advice and does not replace a doctor or physiotherapist.

With no command it opens the routine library."""

EPILOG = """\
examples:
  unknot                          open the library
  unknot run gentle-floor         run a routine by id
  unknot run ./my.yaml --plain    run a file, one line per event (screen readers, logs)
  unknot run desk-break --plain --speed 20 </dev/null   preview a routine in seconds
  unknot list                     every routine, and broken files with their first error
  unknot validate ~/my-routines   check routine files (exit 1 on any error)

keys while a routine runs: space pause, n next, p previous, r restart step, q quit, ? help"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\nTry '{self.prog} --help'.\n")


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(f"{value:g} is outside {MIN_SPEED:g}-{MAX_SPEED:g}")
    return value


def _duration(text: str) -> float:
    from app.core.durations import DurationError, parse_duration

    try:
        return parse_duration(text)
    except DurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"'{text}' should be a number of days from 1 to 3660")
    return int(text)


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("options for every command")
    group.add_argument("--routines", metavar="DIR", action="append", default=[],
                       help="an extra folder of routine files (may repeat)")  # fmt: skip
    group.add_argument("--config", metavar="FILE", help="settings file (default: %(default)s)",
                       default=None)  # fmt: skip
    group.add_argument("--data-dir", metavar="DIR",
                       help="history and timer state (also $UNKNOT_DATA_DIR)")  # fmt: skip
    group.add_argument("--mute", action="store_true", help="no sound cues")
    return common


def _running() -> argparse.ArgumentParser:
    running = argparse.ArgumentParser(add_help=False)
    group = running.add_argument_group("options for running")
    group.add_argument("--plain", action="store_true",
                       help="no full-screen UI: one timestamped line per event; prompts on stdin")  # fmt: skip
    group.add_argument("--speed", type=_speed, default=1.0, metavar="X",
                       help="preview: divide every duration by X (1-100)")  # fmt: skip
    return running


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="unknot",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"unknot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, example: str, *parents: argparse.ArgumentParser):
        return sub.add_parser(
            name, help=help, description=help, epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common, *parents],
        )  # fmt: skip

    run = command("run", "run a routine by id or path", "unknot run gentle-floor --plain",
                  _running())  # fmt: skip
    run.add_argument(
        "routine", metavar="ROUTINE", help="a routine id (see 'unknot list') or a file"
    )
    lst = command("list", "list routines, and broken files with their first error", "unknot list")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    val = command("validate", "check routine files; exit 1 on any error",
                  "unknot validate my-routine.yaml ~/more-routines/")  # fmt: skip
    val.add_argument("paths", nargs="+", metavar="PATH", help="routine files or folders")
    new = command("new", "write a commented template routine to your routines folder",
                  "unknot new my-stretches")  # fmt: skip
    new.add_argument("name", metavar="NAME", help="the new routine's id: lowercase letters, "
                     "digits and '-'")  # fmt: skip
    command("schema", "print the JSON Schema of the routine format",
            "unknot schema > routine.schema.json")  # fmt: skip
    for kind, word in (("ice", "cold"), ("heat", "heat")):
        therapy = command(kind, f"a {word} timer: on, remove-it alarm, skin rest, skin check",
                          f"unknot {kind} --on 20m --off 20m --cycles 2", _running())  # fmt: skip
        therapy.add_argument("--on", type=_duration, default=1200.0, metavar="TIME",
                             help="how long the pack stays on (default 20m; 30m at most)")  # fmt: skip
        therapy.add_argument("--off", type=_duration, default=1200.0, metavar="TIME",
                             help="skin rest between applications (default 20m; 20m at least)")  # fmt: skip
        therapy.add_argument("--cycles", type=int, default=1, metavar="N",
                             help="applications, 1-6 (default 1)")  # fmt: skip
    remind = command("remind", "reminders: move regularly, or a one-off",
                     'unknot remind --every 45m --routine desk-break\n'
                     '  unknot remind --in 25m "Reapply heat"\n'
                     "  unknot remind            (lists your reminders)", _running())  # fmt: skip
    when = remind.add_mutually_exclusive_group()
    when.add_argument("--every", type=_duration, metavar="TIME", help="repeat every TIME")
    when.add_argument("--in", dest="after", type=_duration, metavar="TIME", help="once, after TIME")
    remind.add_argument("--routine", metavar="ID", help="with --every: the routine to offer")
    remind.add_argument("text", nargs="?", metavar="TEXT", help="what to be reminded of")
    history = command("history", "past sessions and pain; --csv exports them",
                      "unknot history --days 14 --csv > sessions.csv")  # fmt: skip
    history.add_argument("--days", type=_days, default=30, metavar="N", help="how far back (30)")
    history.add_argument("--csv", action="store_true", help="comma-separated values")
    history.add_argument("--delete-all", action="store_true",
                         help="delete the whole history (asks first)")  # fmt: skip
    report = command("report", "a Markdown summary to take to your doctor",
                     "unknot report --days 30 -o back-pain.md")  # fmt: skip
    report.add_argument("--days", type=_days, default=30, metavar="N", help="how far back (30)")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not the screen")
    command("diary", "today's pain diary: the questions a doctor will ask", "unknot diary")
    command("signs", "print the warning signs by urgency, with what to do and the number to call",
            "unknot signs > warning-signs.txt")  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    config_path = Path(args.config).expanduser() if args.config else paths.config_file()
    config = load_config(config_path)
    for problem in config.problems:
        print(f"unknot: {problem}", file=sys.stderr)
    handler = {
        None: _cmd_library,
        "run": _cmd_run,
        "list": _cmd_list,
        "validate": _cmd_validate,
        "new": _cmd_new,
        "schema": _cmd_schema,
        "signs": _cmd_signs,
        "ice": _cmd_therapy,
        "heat": _cmd_therapy,
        "remind": _cmd_remind,
        "history": _cmd_history,
        "report": _cmd_report,
        "diary": _cmd_diary,
    }[args.command]
    try:
        return handler(args, config)
    except BrokenPipeError:
        return EXIT_OK


def library_for(args: argparse.Namespace) -> Library:
    folders = [("bundled", paths.bundled_routines()), ("user", paths.user_routines())]
    folders += [("extra", Path(d).expanduser()) for d in args.routines]
    return Library(folders)


def context_for(args: argparse.Namespace, config: Config) -> Context:
    return build_context(config, data_dir=args.data_dir, mute=args.mute)


def _cmd_library(args: argparse.Namespace, config: Config) -> int:
    from app.ui.app import UnknotApp

    UnknotApp(library=library_for(args), context=context_for(args, config)).run()
    return EXIT_OK


def _report(entry: Entry) -> None:
    for problem in entry.result.problems:
        print(problem, file=sys.stderr)


def _cmd_run(args: argparse.Namespace, config: Config) -> int:
    library = library_for(args)
    entry = library.find(args.routine)
    if entry is None:
        ids = ", ".join(sorted({e.id for e in library.scan() if not e.broken}))
        print(f"unknot: no routine '{args.routine}'. Routines: {ids}. "
              "Try 'unknot list'.", file=sys.stderr)  # fmt: skip
        return EXIT_PROBLEM
    if entry.routine is None:
        _report(entry)
        print(f"unknot: {entry.path} has errors; fix them and run it again "
              "('unknot validate' checks it).", file=sys.stderr)  # fmt: skip
        return EXIT_PROBLEM
    plan = build_plan(entry.routine, args.speed)
    context = context_for(args, config)
    if args.plain:
        from app.plain import PlainRunner

        return PlainRunner(context).run_plan(plan)
    from app.ui.app import UnknotApp

    UnknotApp(library=library, context=context, start_with=plan).run()
    return EXIT_OK


def _cmd_list(args: argparse.Namespace, config: Config) -> int:
    entries = library_for(args).scan()
    if args.json:
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
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not entries:
        print("No routines found. 'unknot new NAME' writes one to start from.")
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        if e.routine:
            tags = f"  [{', '.join(e.routine.tags)}]" if e.routine.tags else ""
            print(f"{e.id:<{width}}  {format_duration(e.seconds):>7}  {e.origin:<7}  "
                  f"{one_line(e.routine.name)}{tags}")  # fmt: skip
        else:
            print(f"{e.id:<{width}}  {'BROKEN':>7}  {e.origin:<7}  {e.first_error}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, config: Config) -> int:
    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = routine_files(path)
            if not found:
                print(f"{path}: no .yaml or .yml files here", file=sys.stderr)
            files += found
        elif path.exists():
            files.append(path)
        else:
            print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
            return EXIT_PROBLEM if len(args.paths) == 1 else _validate(files, failed=True)
    return _validate(files)


def _validate(files: list[Path], failed: bool = False) -> int:
    errors = warnings = 0
    for path in files:
        result = load_file(path)
        for problem in result.problems:
            print(problem)
        errors += len(result.errors)
        warnings += len(result.warnings)
        if result.ok and not result.problems:
            print(f"{path}: ok")
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)  # fmt: skip
    return EXIT_PROBLEM if errors or failed else EXIT_OK


def _cmd_schema(args: argparse.Namespace, config: Config) -> int:
    from app.core.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _cmd_new(args: argparse.Namespace, config: Config) -> int:
    from app.core.loader import ID_PATTERN, suggest_id
    from app.core.schema import schema_text
    from app.core.template import render_template

    name = args.name
    if name.endswith((".yaml", ".yml")):
        name = name.rsplit(".", 1)[0]
    if not ID_PATTERN.match(name):
        print(f"unknot new: '{name}' can't be a routine id; use lowercase letters, digits and "
              f"'-', like '{suggest_id(name)}'", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    folder = paths.user_routines()
    target = folder / f"{name}.yaml"
    if target.exists():
        print(f"unknot new: {target} already exists; nothing was changed. Pick another "
              "name, or edit that file.", file=sys.stderr)  # fmt: skip
        return EXIT_PROBLEM
    try:
        folder.mkdir(parents=True, exist_ok=True)
        title = name.replace("-", " ").capitalize()
        with target.open("x", encoding="utf-8") as handle:
            handle.write(render_template(name, title, str(target)))
        (folder / "routine.schema.json").write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        print(f"unknot new: can't write {target}: {exc.strerror}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"Wrote {target}")
    print(f"Edit it, then check it with: unknot validate {target}")
    return EXIT_OK


def _cmd_signs(args: argparse.Namespace, config: Config) -> int:
    from app.core.safety import LEVEL_HEADINGS, LEVELS, MEDICINE_NOTE, NOT_ADVICE, advice

    context = context_for(args, config)
    number = context.number
    where = f" (region {number.region})" if number.region else ""
    out = [
        "WARNING SIGNS FOR BACK PAIN",
        f"Emergency number: {number.spoken}{where}" + (f"; {number.note}" if number.note else ""),
        "Read from the top. Act on the first group that has something you have.",
    ]
    for level in LEVELS:
        words = advice(level, number)
        out += ["", LEVEL_HEADINGS[level], "What to do: " + " ".join(
            a for a in words.actions if not a.startswith("The routine"))]  # fmt: skip
        for sign in context.catalogue.at(level):
            out.append(textwrap.fill(sign.words, 78, initial_indent="  - ",
                                     subsequent_indent="    "))  # fmt: skip
            out.append(textwrap.fill(f"Why: {sign.why}", 78, initial_indent="    ",
                                     subsequent_indent="    "))  # fmt: skip
    out += ["", textwrap.fill(MEDICINE_NOTE, 78), NOT_ADVICE]
    print("\n".join(line if line.startswith(" ") else textwrap.fill(line, 78) for line in out))
    return EXIT_OK


def _cmd_therapy(args: argparse.Namespace, config: Config) -> int:
    from app.core.therapy import Therapy, TherapyError, TherapySpec
    from app.timers import TimerStore

    try:
        spec = TherapySpec(args.command, args.on, args.off, args.cycles, args.speed).check()
    except TherapyError as exc:
        print(f"unknot {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    context = context_for(args, config)
    store = TimerStore(context.data_dir)
    therapy = store.load_therapy(context.clock)
    for problem in store.problems:
        print(f"unknot: {problem}", file=sys.stderr)
    if therapy is None:
        if spec.long:
            print(f"unknot: {format_duration(spec.on)} is longer than the 20 minutes most "
                  "guidance advises; 20m is safer.", file=sys.stderr)  # fmt: skip
        therapy = Therapy(spec, context.clock)
    else:
        print(f"unknot: your {therapy.spec.words} timer from before is still running; "
              "going back to it.", file=sys.stderr)  # fmt: skip
    if args.plain:
        from app.plain import LineIO
        from app.plain_timers import PlainTherapy

        context.ring = plain_bell
        context.player.follow_therapy(therapy)
        context.recorder.therapy(therapy)
        try:
            PlainTherapy(context, therapy, LineIO(context.clock), store).run()
        except KeyboardInterrupt:
            print("unknot: the timer is saved; run the same command to go back to it.",
                  file=sys.stderr)  # fmt: skip
            return 130
        return EXIT_OK
    from app.ui.app import UnknotApp

    UnknotApp(library=library_for(args), context=context, therapy=therapy).run()
    return EXIT_OK


def _cmd_remind(args: argparse.Namespace, config: Config) -> int:
    from app.plain_timers import describe
    from app.timers import TimerStore

    context = context_for(args, config)
    store = TimerStore(context.data_dir)
    book = store.load_reminders()
    for problem in store.problems:
        print(f"unknot: {problem}", file=sys.stderr)
    now = context.clock.wall()
    if args.every is None and args.after is None:
        if args.text or args.routine:
            print("unknot remind: say when, with --every TIME or --in TIME", file=sys.stderr)
            return EXIT_USAGE
        if not book.reminders:
            print("No reminders. Add one: unknot remind --every 45m")
        for reminder in book.reminders:
            print(describe(reminder, now))
        return EXIT_OK
    if args.routine and args.every is None:
        print("unknot remind: --routine goes with --every", file=sys.stderr)
        return EXIT_USAGE
    if args.after is not None and not args.text:
        print('unknot remind: say what for, like: unknot remind --in 25m "Reapply heat"',
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if args.routine and library_for(args).find(args.routine) is None:
        print(f"unknot remind: no routine '{args.routine}'; 'unknot list' shows them",
              file=sys.stderr)  # fmt: skip
        return EXIT_PROBLEM
    if args.every is not None:
        added = book.add_every(args.every / args.speed, now, args.text or "Time to move",
                               args.routine)  # fmt: skip
    else:
        added = book.add_once(args.after / args.speed, now, args.text)
    store.save_reminders(book)
    if args.plain:
        from app.plain import LineIO
        from app.plain_timers import PlainReminders

        context.ring = plain_bell
        print(f"Added: {describe(added, now)}")
        try:
            return PlainReminders(context, book, store, LineIO(context.clock)).run()
        except KeyboardInterrupt:
            return 130
    from app.ui.app import UnknotApp

    UnknotApp(library=library_for(args), context=context, show_reminders=True).run()
    return EXIT_OK


def _history_store(args: argparse.Namespace, config: Config) -> tuple[Context, object]:
    context = context_for(args, config)
    store = context.store
    if store.problem:
        print(f"unknot: {store.problem}", file=sys.stderr)
    return context, store


def _cmd_history(args: argparse.Namespace, config: Config) -> int:
    from app.history import DAY, daily_pain, sessions_csv, stamp

    context, store = _history_store(args, config)
    if args.delete_all:
        print(f"This deletes every session, check-in and diary entry in {store.path}.")
        print("Type yes to delete it all: ", end="", flush=True)
        answer = sys.stdin.readline().strip().lower()
        if answer != "yes":
            print("Nothing was deleted.")
            return EXIT_OK
        store.delete_all()
        print("The history is empty now.")
        return EXIT_OK
    since = context.clock.wall() - args.days * DAY
    if args.csv:
        sys.stdout.write(sessions_csv(store, since))
        return EXIT_OK
    sessions = store.sessions(since)
    if not sessions:
        print(f"No sessions in the last {args.days} days. Run one: unknot run gentle-floor")
    for s in sessions:
        before = "-" if s.pain_before is None else s.pain_before
        after = "-" if s.pain_after is None else s.pain_after
        print(f"{stamp(s.started)}  {s.routine_name:<28}  {s.outcome or 'in progress':<12}  "
              f"pain {before} -> {after}  {s.segments_done}/{s.segments_total}")  # fmt: skip
    days = daily_pain(store, since)
    if days:
        print(f"Pain: {days[0].pain:.1f} on {days[0].day} -> {days[-1].pain:.1f} on "
              f"{days[-1].day} ({len(days)} days rated)")  # fmt: skip
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, config: Config) -> int:
    from app.history import report

    context, store = _history_store(args, config)
    text = report(store, context.clock.wall(), args.days, context.number)
    if args.output:
        try:
            Path(args.output).expanduser().write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"unknot report: can't write {args.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_PROBLEM
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


DIARY_QUESTIONS = (
    ("location", "Where do you feel the pain?"),
    ("feels", "How does it feel (dull, sharp, burning, aching...)?"),
    ("spasm_length", "If you had spasms today: how long did they last?"),
    ("spasm_often", "How often do they come?"),
)
DIARY_YES_NO = (
    ("stiffness", "Stiffness?"),
    ("tingling", "Tingling or numbness?"),
    ("weakness", "Weakness or clumsiness during spasms?"),
    ("bladder_bowel", "Any problems with your bladder or bowels?"),
)


def _cmd_diary(args: argparse.Namespace, config: Config) -> int:
    from app.core.safety import advice, stop_for
    from app.plain import stop_lines
    from app.store import DiaryEntry

    context, store = _history_store(args, config)

    def ask(question: str) -> str:
        print(question + " ", end="", flush=True)
        return sys.stdin.readline().strip()

    print("Today's pain diary. Press Enter to leave any answer empty.")
    raw = ask("Pain now, 0 to 10:")
    pain = int(raw) if raw.isdigit() and 0 <= int(raw) <= 10 else None
    texts = {key: ask(question) for key, question in DIARY_QUESTIONS}
    flags = {key: ask(question + " y/N").lower().startswith("y") for key, question in DIARY_YES_NO}
    medicines = ask("Medicines you took today, in your own words:")
    notes = ask("Anything else?")
    entry = DiaryEntry(at=context.clock.wall(), pain=pain, medicines=medicines, notes=notes,
                       **texts, **flags)  # fmt: skip
    store.diary(entry)
    print("Saved.")
    if entry.bladder_bowel:
        sign = context.catalogue.get("bladder-bowel")
        assert sign is not None
        stop = stop_for(sign)
        context.recorder.stop(stop)
        for line in stop_lines(stop, advice(stop.level, context.number, in_routine=False)):
            print(line)
    return EXIT_OK

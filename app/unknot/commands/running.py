"""Running things: a routine (`run`), the library as lines (`--plain`), and the ice and heat
timers.
"""

from __future__ import annotations

import click

from unknot.commands.base import (
    EXIT_OK,
    EXIT_PROBLEM,
    DurationParam,
    NumberParam,
    Options,
    _attend_running_timer,
    _held_stop,
    _no_routine,
    _plain_face,
    _problems,
    _run_app,
    _timer_running,
    command,
    complete_routine,
    context_for,
    echo,
    library_for,
    need_terminal,
    running_options,
)
from unknot.core.limits import (
    THERAPY_CYCLES_MOST,
    THERAPY_OFF_MIN,
    THERAPY_OFF_MOST,
    THERAPY_ON_LIMITS,
)


@command("run", "Run a routine by id or path.", "unknot run gentle-floor --plain")
@click.argument("routine", metavar="ROUTINE", shell_complete=complete_routine)
@running_options
def run_command(options: Options, routine: str, plain: bool, speed: float) -> int:
    from unknot.core.engine.plan import build_plan
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
    if visit.start_asked(plan) is not None:
        return _held_stop(face)
    return face.run(
        lambda: visit.session is None and not _timer_running(face) and visit.after_timer is None
    )


PLAIN_CHOICE = (
    "Type a routine's number or id, i for ice or w for heat (i 15 for 15 minutes; 20 unless "
    "you say), ! for the warning signs, or q to quit; then Enter:"
)


def plain_library(options: Options) -> int:
    """`unknot --plain`: the library as lines. A routine chosen by its number or id runs as
    `unknot run ID --plain` runs it; `i` or `w` starts a pack timer as `unknot ice` does."""
    from unknot.core.durations import format_duration
    from unknot.core.engine.plan import build_plan
    from unknot.core.engine.therapy import TherapyError, TherapySpec
    from unknot.core.text import one_line

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
            *THERAPY_ON_LIMITS,
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
            THERAPY_OFF_MIN,
            THERAPY_OFF_MOST,
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
        type=NumberParam(1, THERAPY_CYCLES_MOST, whole=True),
        default=1,
        show_default=True,
        metavar="N",
        help=f"Applications, 1-{THERAPY_CYCLES_MOST}.",
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
    from unknot.core.engine.therapy import TherapySpec

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
    visit = face.visit
    if visit.start_asked(spec) is not None:
        return _held_stop(face)
    return face.run(
        lambda: not _timer_running(face) and visit.prompt is None and visit.after_timer is None
    )


therapy_command("ice", "cold")
therapy_command("heat", "heat")

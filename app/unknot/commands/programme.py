"""A programme over weeks: list, start, stop, its reminders, and today."""

from __future__ import annotations

from typing import Any

import click

from unknot.commands.base import (
    EXIT_OK,
    EXIT_PROBLEM,
    Options,
    _folders,
    _history_context,
    _options,
    _runtime,
    cli,
    command,
    context_for,
    echo,
    global_options,
    library_for,
    offered,
)

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

    from unknot.core.format.programme import describe, last_day
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
    listed: set[str] = set()
    for planned in found.sessions:
        # A routine listed again is more sessions of it, not the same line twice.
        more = (
            " (a further session a day, on top of its first line)"
            if planned.routine in listed
            else ""
        )
        listed.add(planned.routine)
        name = one_line(names.get(planned.routine, planned.routine))
        echo(f"  {name}: {describe(planned)}{more}")
    if found.source:
        echo(f"Source: {one_line(found.source)}")
    echo("'unknot today' shows what is due; 'unknot programme remind 09:00,18:00' reminds you.")
    echo("Once a week unknot asks how your back lets you do three things you choose.")
    return EXIT_OK


@command("stop", "Stop following the programme.", "unknot programme stop", group=programme_group)
def programme_stop_command(options: Options) -> int:
    from unknot.core.engine.prompts import ReminderChange
    from unknot.core.text import counted
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
            runtime.visit.change_reminder(reminder, ReminderChange.REMOVE)
            removed += 1
    runtime.save()
    also = f", and removed its {counted(removed, 'reminder')}" if removed else ""
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

    from unknot.core.engine.prompts import ReminderChange
    from unknot.core.engine.reminders import describe
    from unknot.core.text import counted

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
                visit.change_reminder(reminder, ReminderChange.REMOVE)
            runtime.save()
            echo(f"Removed {counted(len(mine), 'programme reminder')}.")
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

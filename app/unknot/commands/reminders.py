"""Reminders and the status line, and `watch`, which tells them with the program closed."""

from __future__ import annotations

import sys

import click

from unknot.commands.base import (
    EXIT_OK,
    EXIT_PROBLEM,
    DurationParam,
    Options,
    _no_routine,
    _runtime,
    command,
    complete_routine,
    context_for,
    echo,
    library_for,
)
from unknot.services.status import DEFAULT as STATUS_DEFAULT


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
    from unknot.core.engine.reminders import describe

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


@command(
    "watch",
    "Tell due reminders and pack alarms with the program closed (for tmux or a service).",
    "unknot watch     # in a tmux window, or as a systemd user service (see the README)",
)
@click.option("--once", is_flag=True, help="Look once, tell what is due, and stop.")
def watch_command(options: Options, once: bool) -> int:
    from unknot.services.alerting import fan_out
    from unknot.services.watch import Told, Watcher, told_line

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

    def terminal(sequence: str) -> None:
        sys.stdout.write(sequence)
        sys.stdout.flush()

    def tell(told: Told) -> None:
        echo(told_line(told))
        fan_out(told.alert, config, notifier, terminal if tty else None)
        if voice is not None:
            voice.say(told.speech)

    watcher = Watcher(context, tell, library_for(options))
    try:
        if once:
            watcher.look_once()
        else:
            while True:
                context.clock.sleep(watcher.step())
    except KeyboardInterrupt:
        return 130
    finally:
        if voice is not None:
            voice.close()
        if notifier is not None:
            notifier.close()
    return EXIT_OK

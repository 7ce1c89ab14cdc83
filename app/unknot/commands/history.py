"""The history: the sessions, the report for a doctor, and the pain diary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from unknot.commands.base import (
    A_FILE,
    EXIT_OK,
    EXIT_PROBLEM,
    NumberParam,
    Options,
    _history_context,
    _runtime,
    command,
    echo,
    library_for,
)

# How far back the history and the report look.
DAYS = click.option(
    "--days",
    type=NumberParam(1, 3660, whole=True),
    default=30,
    show_default=True,
    metavar="N",
    help="How far back.",
)


@command(
    "history",
    "Past sessions, pain and warning signs; --csv exports the sessions.",
    "unknot history --days 14 --csv > sessions.csv",
)
@DAYS
@click.option("--csv", "as_csv", is_flag=True, help="Comma-separated values.")
@click.option("--delete-all", is_flag=True, help="Delete the whole history (asks first).")
def history_command(options: Options, days: int, as_csv: bool, delete_all: bool) -> int:
    from unknot.core.text import counted, one_line
    from unknot.store.report import DAY, daily_pain, sessions_csv, stamp, stop_words

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
            f"pain {before} -> {after}  parts {s.segments_done}/{s.segments_total}"
        )
    rated = daily_pain(store, since)
    if rated:
        # The averages say the trend; the ratings as given say how bad it got.
        echo(
            f"Pain, each day's average: {rated[0].pain:.1f} on {rated[0].day} -> "
            f"{rated[-1].pain:.1f} on {rated[-1].day}; lowest rating "
            f"{min(d.low for d in rated)}, highest {max(d.high for d in rated)} "
            f"({counted(len(rated), 'day')} rated)"
        )
    # The stops, and a day's stop lifted, in their order: inside a routine or not.
    stops = store.rows("safety", since)
    if stops:
        echo("Warning signs:")
        for stop in stops:
            echo(f"{stamp(stop['at'])}  {one_line(stop_words(stop))}")
    return EXIT_OK


@command(
    "report",
    "A Markdown summary to take to your doctor.",
    "unknot report --days 30 -o back-pain.md",
)
@DAYS
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


@command("diary", "Today's pain diary: the questions a doctor will ask.", "unknot diary")
def diary_command(options: Options) -> int:
    from unknot.core.engine.prompts import StopPrompt
    from unknot.core.numbers import typed_number
    from unknot.core.safety.diary import NOTHING_SAVED, OPENING, Diary
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

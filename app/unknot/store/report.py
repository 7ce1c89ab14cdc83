"""What the history says: trends, streaks, nudges, the CSV export, and the figures the report
for a doctor is made of (report_model.py puts them together)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from unknot.core.engine.adherence import LATER
from unknot.core.safety.signs import DIARY_SIGN, LEVEL_NAMES, Catalogue, load_catalogue
from unknot.core.text import counted, one_line
from unknot.core.words.charts import Chart, Series
from unknot.store.history import DiaryEntry, FunctionRow, SessionRow, Store
from unknot.store.today import Today

DAY = 86400.0


# --- what the history says ---------------------------------------------------------------


@dataclass(frozen=True)
class DayPain:
    day: dt.date
    pain: float  # the day's average
    low: int  # the day's lowest and highest ratings, as given
    high: int


def day_of(at: float) -> dt.date:
    return dt.datetime.fromtimestamp(at).date()


def daily_pain(store: Store, since: float) -> list[DayPain]:
    """Each day's average pain from sessions (before and after) and diary entries."""
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for row in store.sessions(since):
        for pain in (row.pain_before, row.pain_after):
            if pain is not None:
                by_day[day_of(row.started)].append(pain)
    for entry in store.diary_entries(since):
        if entry.pain is not None:
            by_day[day_of(entry.at)].append(entry.pain)
    for check in store.rows("checkins", since):
        if check["pain"] is not None:
            by_day[day_of(check["at"])].append(check["pain"])
    return [DayPain(day, statistics.mean(p), min(p), max(p)) for day, p in sorted(by_day.items())]


def trend_series(days: list[DayPain], today: dt.date, length: int = 30) -> list[float]:
    """One value a day for the last `length` days (a missing day repeats the one before)."""
    known = {d.day: d.pain for d in days}
    out, last = [], 0.0
    for back in range(length - 1, -1, -1):
        day = today - dt.timedelta(days=back)
        last = known.get(day, last)
        out.append(last)
    return out


def sessions_words(sessions: list[SessionRow]) -> str:
    """'2 sessions on 1 day': how many, and on how many days."""
    days = len({day_of(s.started) for s in sessions})
    return f"{counted(len(sessions), 'session')} on {counted(days, 'day')}"


def streak(sessions: list[SessionRow], today: dt.date) -> int:
    """Days in a row, up to today (or yesterday), with at least one session."""
    days = {day_of(s.started) for s in sessions}
    start = today if today in days else today - dt.timedelta(days=1)
    count = 0
    while start - dt.timedelta(days=count) in days:
        count += 1
    return count


NO_IMPROVEMENT = (
    "Your pain has not improved over about two weeks. That is a reason to see your doctor: "
    "book an appointment."
)
KEEPS_COMING_BACK = (
    "Spasms keep coming back. That is a reason to see your doctor: book an appointment."
)


def nudge(store: Store, now: float) -> str | None:
    """Doctor-level advice when the diary shows no improvement or spasms keep coming back."""
    since = now - 15 * DAY
    days = daily_pain(store, since)
    if len(days) >= 4 and (days[-1].day - days[0].day).days >= 10:
        first = statistics.mean(d.pain for d in days[:2])
        last = statistics.mean(d.pain for d in days[-2:])
        if last >= first and last >= 3:
            return NO_IMPROVEMENT
    spasm_days = {day_of(e.at) for e in store.diary_entries(since) if e.spasm_length.strip()}
    if len(spasm_days) >= 5:
        return KEEPS_COMING_BACK
    return None


# --- export and report -------------------------------------------------------------------


def stopping_answers(raw: str) -> list[str]:
    """The check-in answers (as the history keeps them) that meant stop: 'question: yes'."""
    try:
        answers = json.loads(raw)
    except ValueError:
        return []
    out = []
    for item in answers if isinstance(answers, list) else []:
        if isinstance(item, list) and len(item) == 3 and item[2]:
            out.append(f"{item[0]}: {'yes' if item[1] else 'no'}")
        elif isinstance(item, list) and len(item) == 2 and item[1]:  # kept before polarity
            out.append(f"{item[0]}: yes")
    return out


def stamp(at: float | None) -> str:
    return dt.datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M") if at else ""


def stop_words(row: dict[str, Any]) -> str:
    """A warning sign as the history keeps it: 'EMERGENCY — Chest pain...' (its urgency's
    name, then what was reported), for every place that lists them."""
    level = str(row["level"])
    return f"{LEVEL_NAMES.get(level, level)} — {row['reason']}"


# Characters that make Markdown do something; a backslash before any of them makes it a
# character again (CommonMark lets every ASCII punctuation mark be escaped).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#~!&])")
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def markdown_text(text: str) -> str:
    """Text from a file or an answer, made to be only text inside the report: one line, and
    nothing in it can start a heading, a list item, a table cell, a link or emphasis."""
    flat = markdown_cell(text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def markdown_cell(text: str) -> str:
    """Text made to be only text inside a table cell, where no line starts: one line, and
    nothing in it can end the cell, or start a link or emphasis."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))


# A spreadsheet runs a cell that starts like a formula (OWASP, CSV injection); a leading
# apostrophe makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def sessions_csv(store: Store, since: float) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "started",
            "ended",
            "routine_id",
            "routine",
            "outcome",
            "segments_done",
            "segments_total",
            "pain_before",
            "pain_after",
        ]
    )
    for s in store.sessions(since):
        row: list[str | int] = [
            stamp(s.started),
            stamp(s.ended),
            one_line(s.routine_id),
            one_line(s.routine_name),
            s.outcome or "in progress",
            s.segments_done,
            s.segments_total,
            "" if s.pain_before is None else s.pain_before,
            "" if s.pain_after is None else s.pain_after,
        ]
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def diary_sign(catalogue: Catalogue | None) -> tuple[str, str]:
    """The sign the diary asks about: its words (the label, never a broader one) and id."""
    sign = (catalogue or load_catalogue()).get(DIARY_SIGN)
    assert sign is not None, "the bundled catalogue always has it"
    return sign.words.rstrip("."), sign.id


def sign_times(diary: list[DiaryEntry], stops: list[dict[str, Any]], sign_id: str) -> list[float]:
    """When the diary's sign was reported: ticked in the diary, or reported as a warning sign
    anywhere else (a check-in, `!`, the day's check). One sign, one answer in the report."""
    ticked = [e.at for e in diary if e.bladder_bowel]
    return [*ticked, *(s["at"] for s in stops if s["sign_id"] == sign_id)]


def pain_change_words(rows: list[SessionRow]) -> str:
    """The average pain before and after: from the sessions rated both times where there are
    any, else from what was rated, so a rating given on one side only is never hidden."""
    pairs = [
        (r.pain_before, r.pain_after)
        for r in rows
        if r.pain_before is not None and r.pain_after is not None
    ]
    if pairs:
        befores: list[int] = [p[0] for p in pairs]
        afters: list[int] = [p[1] for p in pairs]
    else:
        befores = [r.pain_before for r in rows if r.pain_before is not None]
        afters = [r.pain_after for r in rows if r.pain_after is not None]
    if not befores and not afters:
        return "not rated"

    def mean(pains: list[int]) -> str:
        return f"{statistics.mean(pains):.1f}" if pains else "not rated"

    return f"{mean(befores)} → {mean(afters)}"


def what_helped(sessions: list[SessionRow]) -> str:
    changes: dict[str, list[int]] = defaultdict(list)
    for s in sessions:
        if s.pain_before is not None and s.pain_after is not None:
            changes[s.routine_name].append(s.pain_after - s.pain_before)
    if not changes:
        return "Not enough pain ratings before and after sessions to say."
    ranked = sorted(changes.items(), key=lambda kv: statistics.mean(kv[1]))
    name, deltas = ranked[0]
    average = statistics.mean(deltas)
    if average >= 0:
        return "No routine lowered the pain on average."
    return (
        f"{name}: pain went down by {-average:.1f} points on average over "
        f"{counted(len(deltas), 'session')}."
    )


# --- weeks, as charts ------------------------------------------------------------------------


def week_starts(since: float, now: float) -> list[dt.date]:
    """The Mondays of the weeks from `since` to `now`."""
    first, last = day_of(since), day_of(now)
    monday = first - dt.timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(monday)
        monday += dt.timedelta(days=7)
    return out


def _mean(values: list[int] | list[float]) -> float | None:
    return statistics.mean(values) if values else None


def function_scores(store: Store, since: float) -> list[tuple[float, float, list[FunctionRow]]]:
    """Each weekly function scale: (when, average 0-10, its activities)."""
    by_time: dict[float, list[FunctionRow]] = defaultdict(list)
    for row in store.function_rows(since):
        by_time[row.at].append(row)
    return [
        (at, statistics.mean(r.score for r in rows), rows) for at, rows in sorted(by_time.items())
    ]


def weekly_charts(store: Store, since: float, now: float, today: Today | None) -> list[Chart]:
    """Pain before and after sessions, the function scale, and (following a programme) the
    share of sessions done, a row per week."""
    mondays = week_starts(since, now)
    labels = tuple(f"w/c {m:%d %b}" for m in mondays)

    def week(at: float) -> int:
        return (day_of(at) - mondays[0]).days // 7

    before: list[list[int]] = [[] for _ in mondays]
    after: list[list[int]] = [[] for _ in mondays]
    for s in store.sessions(since):
        if 0 <= week(s.started) < len(mondays):
            if s.pain_before is not None:
                before[week(s.started)].append(s.pain_before)
            if s.pain_after is not None:
                after[week(s.started)].append(s.pain_after)
    function: list[list[float]] = [[] for _ in mondays]
    for at, average, _ in function_scores(store, since):
        if 0 <= week(at) < len(mondays):
            function[week(at)].append(average)
    charts = [
        Chart(
            "Pain, weekly average (0 none – 10 worst)",
            labels,
            (
                Series("before sessions", tuple(_mean(p) for p in before), 10),
                Series("after sessions", tuple(_mean(p) for p in after), 10),
            ),
        ),
        Chart(
            "What I can do (function scale, 0 can't – 10 as before)",
            labels,
            (Series("average of my activities", tuple(_mean(f) for f in function), 10),),
        ),
    ]
    adherence = today.adherence if today is not None else None
    if adherence is not None:
        shares: list[float | None] = []
        for monday in mondays:
            states = [
                s
                for d in range(7)
                for s in adherence.day(monday + dt.timedelta(days=d))
                if s.state != LATER
            ]
            shares.append(sum(s.counts for s in states) / len(states) if states else None)
        charts.append(
            Chart(
                "Programme sessions done",
                labels,
                (Series("done of those due", tuple(shares), 1.0, percent=True),),
            )
        )
    return _from_first_data(charts)


def _from_first_data(charts: list[Chart]) -> list[Chart]:
    """Leave out the first weeks, where no chart has anything yet (one row is always kept)."""
    rows = len(charts[0].labels)
    first = next(
        (
            row
            for row in range(rows)
            if any(s.values[row] is not None for c in charts for s in c.series)
        ),
        rows - 1,
    )
    return [
        Chart(
            c.title,
            c.labels[first:],
            tuple(replace(s, values=s.values[first:]) for s in c.series),
        )
        for c in charts
    ]


def calendar_days(
    store: Store, since: float, now: float, today: Today | None
) -> list[tuple[dt.date, str]]:
    """How each day went: against the programme followed, else only the days with a completed
    session."""
    if today is not None and today.adherence is not None:
        first, last = day_of(since), day_of(now)
        return [(d, s) for d, s in today.adherence.calendar() if first <= d <= last]
    done = {day_of(s.started) for s in store.sessions(since) if s.outcome == "completed"}
    first, last = day_of(since), day_of(now)
    return [
        (first + dt.timedelta(days=i), "done" if first + dt.timedelta(days=i) in done else "rest")
        for i in range((last - first).days + 1)
    ]

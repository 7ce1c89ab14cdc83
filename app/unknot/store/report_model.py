"""The report for a doctor as one model: its sections and what each says, in plain words.

The Markdown and the HTML page are both drawn from this, so neither can say something the
other leaves out. Every string here is text as it is (never markup): each renderer makes it
safe for its own format.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from unknot.core.durations import duration_words
from unknot.core.engine.session import Outcome
from unknot.core.safety.signs import Catalogue, EmergencyNumber, advice
from unknot.core.text import counted
from unknot.core.words.charts import Chart
from unknot.store.history import DiaryEntry, SessionRow, Store
from unknot.store.report import (
    DAY,
    calendar_days,
    daily_pain,
    diary_sign,
    function_scores,
    nudge,
    pain_change_words,
    sessions_words,
    sign_times,
    stamp,
    stop_words,
    weekly_charts,
    what_helped,
)
from unknot.store.today import Today


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False  # an aside, in smaller print where print can be smaller


@dataclass(frozen=True)
class Item:
    text: str
    label: str = ""  # said first, in bold


@dataclass(frozen=True)
class Items:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Weeks:
    """The weekly charts and the calendar of days kept."""

    charts: tuple[Chart, ...]
    days: tuple[tuple[dt.date, str], ...]


Block = Para | Items | Table | Weeks


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    title: str
    intro: str
    sections: tuple[Section, ...]
    footer: str


def build(
    store: Store,
    now: float,
    days: int,
    number: EmergencyNumber,
    today: Today | None = None,
    catalogue: Catalogue | None = None,
) -> Report:
    """What the report says about the last `days` days."""
    since = now - days * DAY
    sessions = store.sessions(since)
    diary = store.diary_entries(since)
    stops = store.rows("safety", since)
    sections = [
        _pain(store, since),
        _function(store, since),
        *_programme(today),
        Section(
            "Over the weeks",
            (
                Weeks(
                    tuple(weekly_charts(store, since, now, today)),
                    tuple(calendar_days(store, since, now, today)),
                ),
            ),
        ),
        _pain_like(diary, stops, catalogue),
        _medicines(diary),
        _stops(stops),
        _sessions(sessions),
        _therapy(store.rows("therapy", since)),
        Section("What seemed to help", (Para(what_helped(sessions)),)),
    ]
    nudged = nudge(store, now)
    if nudged:
        sections.append(Section("Note", (Para(nudged),)))
    return Report(
        "Back pain summary",
        f"From {stamp(since)[:10]} to {stamp(now)[:10]} ({counted(days, 'day')}). Written by "
        "unknot from what I recorded; it is not a diagnosis.",
        tuple(sections),
        f"In an emergency call {number.spoken}. "
        f"{advice('doctor', number, in_routine=False).headline}",
    )


def _none(title: str, words: str) -> Section:
    return Section(title, (Items((Item(words),)),))


def _pain(store: Store, since: float) -> Section:
    pains = daily_pain(store, since)
    if not pains:
        return _none("Pain", "No pain ratings recorded.")
    first, last = pains[0], pains[-1]
    return Section(
        "Pain",
        (
            Items(
                (
                    Item(
                        f"Pain (0–10) on {counted(len(pains), 'day')}: day's average "
                        f"{first.pain:.1f} on {first.day}"
                        + (f", {last.pain:.1f} on {last.day}" if last is not first else "")
                        # the ratings as given: a day's average would hide a high one
                        + f"; lowest rating {min(p.low for p in pains)}, highest "
                        f"{max(p.high for p in pains)}."
                    ),
                )
            ),
        ),
    )


def _function(store: Store, since: float) -> Section:
    """The weekly function scale: activities in my own words, each 0-10, and the change."""
    scores = function_scores(store, since)
    if not scores:
        return _none("What I can do", "No weekly function scale recorded.")
    blocks: list[Block] = [
        Para(
            "Each week I named activities my back makes hard and rated each from 0 (can't do "
            "it) to 10 (as well as before)."
        ),
        Items(
            tuple(
                Item(
                    f"{stamp(at)[:10]}: "
                    + "; ".join(f"{r.activity} {r.score}" for r in rows)
                    + f" (average {average:.1f})"
                )
                for at, average, rows in scores
            )
        ),
    ]
    if len(scores) > 1:
        change = scores[-1][1] - scores[0][1]
        blocks.append(Para(f"Change from the first to the last: {change:+.1f} points."))
    return Section("What I can do", tuple(blocks))


def _programme(today: Today | None) -> list[Section]:
    """The programme followed, and how well it was kept, week by week."""
    if today is None or today.programme is None or today.adherence is None:
        return []
    programme, adherence = today.programme, today.adherence
    source = f" Source: {programme.source.rstrip('.')}." if programme.source else ""
    rows = []
    for week in adherence.weeks():
        share = f" ({round(week.share * 100)}%)" if week.share is not None else ""
        rows.append(
            (
                str(week.week),
                week.first_day.isoformat(),
                f"{week.done}{share}",
                str(week.due),
                str(week.planned),
                str(week.ended_early),
            )
        )
    return [
        Section(
            "Exercise programme",
            (
                Para(
                    f"{programme.name}: {counted(programme.weeks, 'week')} from "
                    f"{today.following.started.isoformat()}.{source}"
                ),
                Para(
                    "A session counts as done when it was completed; one ended early (by "
                    "choice or by a safety stop) or finished with a step stopped for safety is "
                    "listed, not counted.",
                    note=True,
                ),
                Table(("week", "from", "done", "due", "planned", "ended early"), tuple(rows)),
                Para(
                    f"Streak: {counted(adherence.streak(), 'day')} in a row with every planned "
                    "session done."
                ),
            ),
        )
    ]


def _answers(entries: list[DiaryEntry], field: str) -> str:
    found = [
        f"{stamp(e.at)[:10]}: {getattr(e, field)}" for e in entries if getattr(e, field).strip()
    ]
    return "; ".join(found) if found else "not recorded"


def _yes_days(times: list[float]) -> str:
    days = sorted({stamp(at)[:10] for at in times})
    return f"yes, on {counted(len(days), 'day')}: {', '.join(days)}" if days else "not reported"


def _flagged(entries: list[DiaryEntry], field: str) -> list[float]:
    return [e.at for e in entries if getattr(e, field)]


def _pain_like(
    diary: list[DiaryEntry], stops: list[dict[str, Any]], catalogue: Catalogue | None
) -> Section:
    sign_words, sign_id = diary_sign(catalogue)
    return Section(
        "What the pain is like",
        (
            Items(
                (
                    Item(_answers(diary, "location"), "Where I feel it"),
                    Item(_answers(diary, "feels"), "How it feels"),
                    Item(_answers(diary, "spasm_length"), "How long spasms last"),
                    Item(_answers(diary, "spasm_often"), "How often spasms come"),
                    Item(_yes_days(_flagged(diary, "stiffness")), "Stiffness"),
                    Item(_yes_days(_flagged(diary, "tingling")), "Tingling or numbness"),
                    Item(
                        _yes_days(_flagged(diary, "weakness")),
                        "Weakness or clumsiness during spasms",
                    ),
                    Item(_yes_days(sign_times(diary, stops, sign_id)), sign_words),
                )
            ),
        ),
    )


def _medicines(diary: list[DiaryEntry]) -> Section:
    taken = [f"{stamp(e.at)[:10]}: {e.medicines}" for e in diary if e.medicines.strip()]
    if not taken:
        return _none("Medicines I took", "None recorded.")
    return Section("Medicines I took", (Items(tuple(Item(m) for m in taken)),))


def _stops(stops: list[dict[str, Any]]) -> Section:
    if not stops:
        return _none("Warning signs reported", "None.")
    return Section(
        "Warning signs reported",
        (Items(tuple(Item(f"{stamp(s['at'])}: {stop_words(s)}") for s in stops)),),
    )


def _sessions(sessions: list[SessionRow]) -> Section:
    if not sessions:
        return _none("Exercise sessions", "None recorded.")
    by_routine: dict[str, list[SessionRow]] = defaultdict(list)
    for s in sessions:
        by_routine[s.routine_name].append(s)
    rows = tuple(
        (
            name,
            str(len(rows)),
            str(sum(1 for r in rows if r.outcome == Outcome.COMPLETED.value)),
            pain_change_words(rows),
        )
        for name, rows in sorted(by_routine.items())
    )
    return Section(
        "Exercise sessions",
        (
            Para(f"{sessions_words(sessions)}."),
            Table(("routine", "sessions", "completed", "average pain before → after"), rows),
        ),
    )


def _therapy(uses: list[dict[str, Any]]) -> Section:
    items = []
    for kind, words in (("ice", "Cold"), ("heat", "Heat")):
        kept = [u for u in uses if u["kind"] == kind]
        if kept:
            time_on = statistics.mean(u["actual_on"] for u in kept)
            problems = sum(1 for u in kept if u["skin"] == "problem")
            items.append(
                Item(
                    f"{words}: {counted(len(kept), 'application')}, on for "
                    f"{duration_words(time_on)} on average"
                    + (f"; skin problems after {problems}" if problems else "")
                )
            )
    if not items:
        return _none("Cold and heat", "None recorded.")
    return Section("Cold and heat", (Items(tuple(items)),))

"""The report for a doctor as one printable page: the same facts as the Markdown report, with
its charts drawn as inline SVG. Nothing on the page is fetched (no script, no font, no image
from elsewhere), and every word that came from a file or an answer is escaped."""

from __future__ import annotations

import html
from collections import defaultdict

from unknot.core.charts import CALENDAR_KEY, calendar_svg, chart_svg
from unknot.core.safety import LEVEL_NAMES, Catalogue, EmergencyNumber, advice
from unknot.core.text import one_line
from unknot.store.history import SessionRow, Store
from unknot.store.report import (
    DAY,
    _change,
    calendar_days,
    daily_pain,
    function_scores,
    stamp,
    weekly_charts,
)
from unknot.store.today import Today

STYLE = """
body { font-family: sans-serif; max-width: 52em; margin: 1.5em auto; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: .2em .5em; }
figure { margin: .8em 0; page-break-inside: avoid; } svg text { font-size: 12px; }
.note { color: #444; font-size: .9em; }
@media print { body { margin: 0; } }
"""


def _e(text: object) -> str:
    return html.escape(one_line(str(text)), quote=True)


def report_html(
    store: Store,
    now: float,
    days: int,
    number: EmergencyNumber,
    today: Today | None = None,
    catalogue: Catalogue | None = None,
) -> str:
    since = now - days * DAY
    sessions = store.sessions(since)
    pains = daily_pain(store, since)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Back pain summary</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Back pain summary</h1>",
        f"<p>From {stamp(since)[:10]} to {stamp(now)[:10]} ({days} days). Written by unknot "
        "from what I recorded; it is not a diagnosis.</p>",
        "<h2>Pain</h2>",
    ]
    if pains:
        first, last = pains[0], pains[-1]
        out.append(
            f"<p>Pain (0–10) on {len(pains)} day(s): {first.pain:.1f} on {first.day}, "
            f"{last.pain:.1f} on {last.day}; lowest {min(p.pain for p in pains):.1f}, highest "
            f"{max(p.pain for p in pains):.1f}.</p>"
        )
    else:
        out.append("<p>No pain ratings recorded.</p>")
    out += _function(store, since)
    out += _programme(today)
    out.append("<h2>Over the weeks</h2>")
    for chart in weekly_charts(store, since, now, today):
        out.append(f"<figure>{chart_svg(chart)}</figure>")
    days_kept = calendar_days(store, since, now, today)
    if days_kept:
        out.append(f"<figure>{calendar_svg(days_kept)}<figcaption class=note>")
        out.append(f"{_e(_calendar_key())}</figcaption></figure>")
    out += _stops(store, since)
    out += _sessions(sessions)
    out += [
        "<hr>",
        f"<p>In an emergency call {_e(number.spoken)}. "
        f"{_e(advice('doctor', number, in_routine=False).headline)}</p>",
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def _calendar_key() -> str:
    return (
        CALENDAR_KEY.replace("●", "green:")
        .replace("◐", "yellow:")
        .replace("○", "red:")
        .replace("·", "grey:")
        .replace("◌", "blue:")
    )


def _function(store: Store, since: float) -> list[str]:
    scores = function_scores(store, since)
    out = ["<h2>What I can do</h2>"]
    if not scores:
        return [*out, "<p>No weekly function scale recorded.</p>"]
    out += [
        "<p>Each week I named activities my back makes hard and rated each from 0 (can't do "
        "it) to 10 (as well as before).</p>",
        "<table><tr><th>date</th><th>activities (0–10)</th><th>average</th></tr>",
    ]
    for at, average, rows in scores:
        rated = "; ".join(f"{_e(r.activity)} {r.score}" for r in rows)
        out.append(f"<tr><td>{stamp(at)[:10]}</td><td>{rated}</td><td>{average:.1f}</td></tr>")
    out.append("</table>")
    return out


def _programme(today: Today | None) -> list[str]:
    if today is None or today.programme is None or today.adherence is None:
        return []
    programme, adherence = today.programme, today.adherence
    out = [
        "<h2>Exercise programme</h2>",
        f"<p>{_e(programme.name)}: {programme.weeks} weeks from "
        f"{today.following.started.isoformat()}."
        + (f" Source: {_e(programme.source.rstrip('.'))}." if programme.source else "")
        + "</p>",
        "<p class=note>A session counts as done when it was completed; one ended early (by "
        "choice or by a safety stop) is listed, not counted.</p>",
        "<table><tr><th>week</th><th>from</th><th>done</th><th>due</th><th>planned</th>"
        "<th>ended early</th></tr>",
    ]
    for week in adherence.weeks():
        share = f" ({round(week.share * 100)}%)" if week.share is not None else ""
        out.append(
            f"<tr><td>{week.week}</td><td>{week.first_day.isoformat()}</td>"
            f"<td>{week.done}{share}</td><td>{week.due}</td><td>{week.planned}</td>"
            f"<td>{week.ended_early}</td></tr>"
        )
    out.append("</table>")
    out.append(f"<p>Streak: {adherence.streak()} day(s) in a row with every session done.</p>")
    return out


def _stops(store: Store, since: float) -> list[str]:
    out = ["<h2>Warning signs reported</h2>"]
    stops = store.rows("safety", since)
    if not stops:
        return [*out, "<p>None.</p>"]
    out.append("<ul>")
    for stop in stops:
        level = LEVEL_NAMES.get(stop["level"], str(stop["level"]))
        out.append(f"<li>{stamp(stop['at'])}: {_e(level)} — {_e(stop['reason'])}</li>")
    return [*out, "</ul>"]


def _sessions(sessions: list[SessionRow]) -> list[str]:
    out = ["<h2>Exercise sessions</h2>"]
    if not sessions:
        return [*out, "<p>None recorded.</p>"]
    by_routine: dict[str, list[SessionRow]] = defaultdict(list)
    for s in sessions:
        by_routine[s.routine_name].append(s)
    out.append(
        "<table><tr><th>routine</th><th>sessions</th><th>completed</th>"
        "<th>average pain before → after</th></tr>"
    )
    for name, rows in sorted(by_routine.items()):
        done = sum(1 for r in rows if r.outcome == "completed")
        out.append(
            f"<tr><td>{_e(name)}</td><td>{len(rows)}</td><td>{done}</td>"
            f"<td>{_e(_change(rows))}</td></tr>"
        )
    return [*out, "</table>"]

"""The report for a doctor as one printable page, drawn from the one report model with its
charts as inline SVG. Nothing on the page is fetched (no script, no font, no image from
elsewhere), and every word that came from a file or an answer is escaped."""

from __future__ import annotations

import html

from unknot.core.safety.signs import Catalogue, EmergencyNumber
from unknot.core.text import one_line
from unknot.core.words.charts import CALENDAR_KEY, calendar_svg, chart_svg
from unknot.store.history import Store
from unknot.store.report_model import Block, Items, Para, Table, build
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
    model = build(store, now, days, number, today, catalogue)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(model.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_e(model.title)}</h1>",
        f"<p>{_e(model.intro)}</p>",
    ]
    for section in model.sections:
        out.append(f"<h2>{_e(section.title)}</h2>")
        for block in section.blocks:
            out += _block(block)
    out += ["<hr>", f"<p>{_e(model.footer)}</p>", "</body></html>"]
    return "\n".join(out) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [f"<p{' class=note' if block.note else ''}>{_e(block.text)}</p>"]
    if isinstance(block, Items):
        return [
            "<ul>",
            *(
                "<li>"
                + (f"<strong>{_e(item.label)}:</strong> " if item.label else "")
                + f"{_e(item.text)}</li>"
                for item in block.items
            ),
            "</ul>",
        ]
    if isinstance(block, Table):
        return [
            "<table>",
            "<tr>" + "".join(f"<th>{_e(c)}</th>" for c in block.header) + "</tr>",
            *("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in block.rows),
            "</table>",
        ]
    out = [f"<figure>{chart_svg(chart)}</figure>" for chart in block.charts]
    if block.days:
        out.append(f"<figure>{calendar_svg(list(block.days))}<figcaption class=note>")
        out.append(f"{_e(_calendar_key())}</figcaption></figure>")
    return out


def _calendar_key() -> str:
    return (
        CALENDAR_KEY.replace("●", "green:")
        .replace("◐", "yellow:")
        .replace("○", "red:")
        .replace("·", "grey:")
        .replace("◌", "blue:")
    )

"""The report for a doctor in Markdown, drawn from the one report model: every word that is
not the report's own shape is escaped, so nothing in it can start a heading, a row or a link."""

from __future__ import annotations

from unknot.core.safety.signs import Catalogue, EmergencyNumber
from unknot.core.words.charts import CALENDAR_KEY, calendar_lines, chart_lines
from unknot.store.history import Store
from unknot.store.report import markdown_cell, markdown_text
from unknot.store.report_model import Block, Items, Para, Table, build
from unknot.store.today import Today


def report(
    store: Store,
    now: float,
    days: int,
    number: EmergencyNumber,
    today: Today | None = None,
    catalogue: Catalogue | None = None,
) -> str:
    """A Markdown summary that answers what a doctor will ask."""
    model = build(store, now, days, number, today, catalogue)
    lines = [f"# {markdown_text(model.title)}", "", markdown_text(model.intro)]
    for section in model.sections:
        lines += ["", f"## {markdown_text(section.title)}"]
        for block in section.blocks:
            lines += ["", *_block(block)]
    lines += ["", "---", "", markdown_text(model.footer)]
    return "\n".join(lines) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [markdown_text(block.text)]
    if isinstance(block, Items):
        return [
            "- "
            + (f"**{markdown_text(item.label)}:** " if item.label else "")
            + markdown_text(item.text)
            for item in block.items
        ]
    if isinstance(block, Table):
        return [
            _row(block.header),
            "| " + " | ".join("---" for _ in block.header) + " |",
            *(_row(row) for row in block.rows),
        ]
    lines = ["```text"]
    for chart in block.charts:
        lines += [*chart_lines(chart), ""]
    return [*lines, "Days kept", *calendar_lines(list(block.days)), CALENDAR_KEY, "```"]


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

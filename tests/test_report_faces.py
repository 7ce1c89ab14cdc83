"""The report for a doctor, in Markdown and as a page: one model, so every section and every
word of one is in the other (the charts apart: text in one, drawings in the other)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from tests.conftest import BUNDLED
from tests.test_programme_ui import NOW, a_programme_kept
from unknot.core.safety.signs import emergency_number, load_catalogue, stop_for
from unknot.store.history import DiaryEntry, Store
from unknot.store.library import Library
from unknot.store.report import sessions_words
from unknot.store.report_html import report_html
from unknot.store.report_markdown import report
from unknot.store.today import today_for

CHARTS = "Over the weeks"


class Sections(HTMLParser):
    """The page's words under each h2, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self._heading: list[str] | None = None
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._heading = []
        elif tag == "hr":
            self._current = []  # the footer is no section
        self._current.append(" ")

    def handle_endtag(self, tag):
        if tag == "h2" and self._heading is not None:
            self._current = self.sections.setdefault("".join(self._heading).strip(), [])
            self._heading = None
        self._current.append(" ")

    def handle_data(self, data):
        (self._heading if self._heading is not None else self._current).append(data)


def markdown_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for i, token in enumerate(tokens):
        if token.type == "hr":
            current = []
        elif token.type == "heading_open" and token.tag == "h2":
            current = sections.setdefault(tokens[i + 1].content, [])
        elif token.type == "inline" and tokens[i - 1].type != "heading_open":
            current += [" ", *(child.content for child in token.children or ())]
        elif token.type == "fence":
            current.append(token.content)
    return sections


def words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def a_full_history(data_dir):
    """A programme kept, with the diary, a stop, a pack and a routine finished after a stop:
    something in every section."""
    a_programme_kept(data_dir)
    store = Store(data_dir)
    at = NOW - 7200
    store.diary(
        DiaryEntry(
            at=at,
            pain=5,
            location="low back",
            feels="aching",
            spasm_length="2 min",
            spasm_often="daily",
            stiffness=True,
            medicines="my own tablets",
        )
    )
    sign = load_catalogue().get("saddle-numbness")
    store.safety(None, at, sign.id, sign.level, stop_for(sign).reason)
    store.therapy(None, at, "ice", 1, 1200, 600, 0)
    row = store.start_session("gentle-floor", "Gentle floor release", "f", at, 9, 6)
    store.end_session(row, at + 600, "finished, with a stop")
    return store


def test_every_section_and_every_word_of_the_report_is_on_the_page(tmp_path):
    store = a_full_history(tmp_path)
    today = today_for(tmp_path, Library([("bundled", BUNDLED)]), store, NOW)
    number = emergency_number(None, "GB")
    markdown = markdown_sections(report(store, NOW, 30, number, today))
    page = Sections()
    page.feed(report_html(store, NOW, 30, number, today))
    assert list(page.sections) == list(markdown)
    assert {
        "Pain",
        "What I can do",
        "Exercise programme",
        CHARTS,
        "What the pain is like",
        "Medicines I took",
        "Warning signs reported",
        "Exercise sessions",
        "Cold and heat",
        "What seemed to help",
    } <= set(markdown)
    for title, parts in markdown.items():
        if title != CHARTS:
            assert words(page.sections[title]) == words(parts), title
    said = words(markdown["Cold and heat"]) + words(markdown["Medicines I took"])
    assert "Cold: 1 application, on for 10 min on average" in said
    assert "my own tablets" in said


def test_the_report_counts_in_words_that_agree_with_the_number(tmp_path):
    store = Store(tmp_path)
    at = dt.datetime(2026, 11, 2, 9).timestamp()
    for minutes in (0, 60):
        row = store.start_session("floor", "Floor", "f", at + minutes * 60, 3, 5)
        store.set_pain(row, "after", 4)
        store.end_session(row, at + minutes * 60 + 300, "completed")
    text = report(store, at + 7200, 1, emergency_number(None, "GB"))
    assert "2 sessions on 1 day." in text
    assert "(1 day)." in text
    assert "Pain (0–10) on 1 day:" in text
    assert "over 2 sessions." in text
    assert "(s)" not in text


def test_the_history_counts_sessions_and_days_in_words_that_agree(tmp_path):
    store = Store(tmp_path)
    at = dt.datetime(2026, 11, 2, 9).timestamp()
    for minutes in (0, 60):
        store.start_session("floor", "Floor", "f", at + minutes * 60, 3)
    assert sessions_words(store.sessions()) == "2 sessions on 1 day"
    assert sessions_words(store.sessions()[:1]) == "1 session on 1 day"

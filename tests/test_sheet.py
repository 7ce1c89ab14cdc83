"""`unknot sheet`: one self-contained HTML page, parsed as HTML: a figure per step, nothing
fetched, every piece of routine text escaped, written readable by its owner only."""

import os
import stat
from html.parser import HTMLParser

import pytest

from tests.conftest import BUNDLED, routine_from, run_cli
from unknot.core.safety.signs import emergency_number, load_catalogue
from unknot.core.words.sheet import dose, sheet_html
from unknot.store.library import load_file


class Page(HTMLParser):
    """What a browser would see: tags with their attributes, the text, and SVGs per step."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.steps: list[int] = []  # SVGs inside each step, in order
        self.css = ""
        self._in_step = False
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "li" and attributes.get("class") == "step":
            self.steps.append(0)
            self._in_step = True
        elif tag == "svg" and self._in_step:
            self.steps[-1] += 1
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "li":
            self._in_step = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css += data
        else:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


NUMBER = emergency_number(None, "GB")
EMERGENCY = load_catalogue().at("emergency")


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_bundled_routine_has_one_figure_per_step(path):
    routine = load_file(path).routine
    page = Page(sheet_html(routine, NUMBER, EMERGENCY))
    assert page.steps == [1] * len(routine.steps)
    assert routine.name in page.words
    for sign in routine.stop_if:
        assert " ".join(sign.split()) in page.words


def test_the_page_fetches_nothing():
    routine = load_file(BUNDLED / "morning-mobility.yaml").routine
    text = sheet_html(routine, NUMBER, EMERGENCY)
    page = Page(text)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    for _, attributes in page.tags:
        assert not {"src", "href", "xlink:href", "srcset", "action"} & set(attributes)
    assert "url(" not in page.css and "@import" not in page.css
    assert "http:" not in text and "https:" not in text and "//" not in page.css


def test_the_emergency_number_and_what_to_do_are_on_the_page():
    routine = load_file(BUNDLED / "gentle-floor.yaml").routine
    page = Page(sheet_html(routine, NUMBER, EMERGENCY))
    assert "Call 999 now." in page.words and "112 also works" in page.words
    assert "Don't drive yourself." in page.words
    assert all(" ".join(s.words.split()) in page.words for s in EMERGENCY)
    unknown = Page(sheet_html(routine, emergency_number(None, None), EMERGENCY))
    assert "Call your local emergency number (112 in much of the world) now." in unknown.words


def test_print_css_keeps_each_step_on_one_page():
    routine = load_file(BUNDLED / "desk-break.yaml").routine
    css = Page(sheet_html(routine, NUMBER)).css
    assert "@page" in css and "@media print" in css
    assert "break-inside: avoid" in css


HOSTILE = """\
version: 1
name: "<script>alert('name')</script> & co"
description: "</style><script>alert(1)</script>"
source: '"><img src=x onerror=alert(2)>'
stop_if: ["<b>bold</b> pain"]
steps:
  - stretch: "<svg onload=alert(3)>"
    how: "a < b & c > d\\n<iframe src=//evil>"
    hold: 5s
    figure: [hook-lying, knee-hug]
  - note: "\\e[31m<a href=x>link</a>"
    figure: standing
"""


def test_hostile_text_is_shown_as_text_and_never_becomes_markup():
    routine = routine_from(HOSTILE, "hostile")
    page = Page(sheet_html(routine, NUMBER))
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "iframe" not in tags and "a" not in tags
    assert all(not k.startswith("on") for _, attributes in page.tags for k in attributes)
    assert page.steps == [1, 1]  # the only SVGs are the figures
    words = page.words
    assert "<script>alert('name')</script> & co" in words
    assert '"><img src=x onerror=alert(2)>' in words
    assert "a < b & c > d" in words and "<svg onload=alert(3)>" in words
    assert "<a href=x>link</a>" in words and "\x1b" not in words  # control codes removed
    assert "</style><script>alert(1)</script>" in words


def test_dose_says_hold_reps_sides_and_rests_that_happen():
    routine = routine_from(
        "version: 1\nname: x\nsteps:\n"
        "  - stretch: a\n    hold: 20s\n    reps: 3\n    sides: both\n    rest: 5s\n"
        "  - exercise: b\n    reps: 8\n    pace: 4s\n    rest: 5s\n"
        "  - breathe: c\n    for: 1m\n    in: 4s\n    hold: 2s\n    out: 6s\n"
    )
    stretch, exercise, breathe = routine.steps
    assert dose(stretch) == "hold 20s · 3 times · each side · rest 5s between"
    assert dose(exercise) == "8 reps · 4s each"  # no sides: its rest never happens
    assert dose(breathe) == "1m: in 4s, hold 2s, out 6s"


def test_the_command_writes_a_private_file_and_prints_without_o(tmp_path):
    out = tmp_path / "sheet.html"
    out.write_text("old")
    out.chmod(0o644)
    config = tmp_path / "config.yaml"
    config.write_text("emergency_number: '000'\n")
    result = run_cli("sheet", "gentle-floor", "-o", str(out), env={"UNKNOT_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    page = Page(out.read_text())
    assert page.steps == [1] * 7 and "Call 000 now." in page.words
    printed = run_cli("sheet", "desk-break", env={"UNKNOT_CONFIG": str(config)})
    assert printed.returncode == 0 and Page(printed.stdout).steps == [1] * 8


def test_the_command_refuses_a_missing_or_broken_routine(tmp_path):
    assert run_cli("sheet", "no-such-routine").returncode == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nname: b\nsteps:\n  - note: x\n    figure: nope\n")
    result = run_cli("sheet", str(broken))
    assert result.returncode == 1
    assert f"{broken}:5:13: error: figure: no pose 'nope'" in result.stderr

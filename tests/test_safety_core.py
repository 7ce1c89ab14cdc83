"""The warning-sign catalogue, the emergency number, the advice and the stop rules."""

import re

import pytest

from tests.conftest import ROOT, routine_from
from unknot.core.safety.signs import (
    LEVELS,
    UNKNOWN_NUMBER,
    CatalogueError,
    advice,
    emergency_number,
    load_catalogue,
    pain_needs_stop,
    region_from_locale,
)

CATALOGUE = load_catalogue()


def signs_matching(*patterns: str) -> list:
    return [
        s for s in CATALOGUE.signs if all(re.search(p, s.words, re.IGNORECASE) for p in patterns)
    ]


def test_every_level_has_signs_and_every_sign_is_complete():
    for level in LEVELS:
        assert CATALOGUE.at(level), level
    assert len({s.id for s in CATALOGUE.signs}) == len(CATALOGUE.signs)
    for sign in CATALOGUE.signs:
        assert sign.words.strip() and sign.why.strip()


@pytest.mark.parametrize(
    "patterns",
    [
        (r"urine", r"stool"),  # bladder or bowel control
        (r"weakness", r"an arm, a leg"),  # weakness in arms or legs
        (r"numbness", r"weakness", r"one side"),  # numbness or weakness on one side
        (r"balance", r"coordination"),
        (r"loss of feeling", r"(arm|leg)"),  # loss of feeling in a limb
        (r"chest pain",),
        (r"genitals|buttocks|inner thighs",),  # saddle area
        (r"both legs",),
    ],
)
def test_the_seed_texts_warning_signs_are_emergencies(patterns):
    found = signs_matching(*patterns)
    assert found, patterns
    assert all(s.level == "emergency" for s in found), found


@pytest.mark.parametrize(
    ("patterns", "level"),
    [
        ((r"fever",), "urgent"),
        ((r"cancer",), "urgent"),
        ((r"foot that drags",), "urgent"),
        ((r"not improving",), "doctor"),
        ((r"below your knee",), "doctor"),
        ((r"dizzy",), "stop-exercise"),
        ((r"sharp",), "stop-exercise"),
    ],
)
def test_other_signs_are_at_their_levels(patterns, level):
    found = signs_matching(*patterns)
    assert found and {s.level for s in found} == {level}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- id: a\n  level: emergency\n  words: w\n",  # no why
        "- id: a\n  level: panic\n  words: w\n  why: y\n",
        "- {id: a, level: emergency, words: w, why: y, extra: 1}\n",
        "- {id: a, level: emergency, words: w, why: y}\n",  # levels missing
        "not: a list\n",
        "- [unclosed\n",
    ],
)
def test_a_broken_catalogue_is_refused(tmp_path, text):
    path = tmp_path / "signs.yaml"
    path.write_text(text)
    with pytest.raises(CatalogueError):
        load_catalogue(path)


def test_routines_add_signs_and_cannot_remove_built_in_ones():
    routine = routine_from(
        "version: 1\nname: R\nstop_if: [Hip clicks]\nsteps:\n  - rest: 5s\n    stop_if: [Ow]\n"
    )
    signs = CATALOGUE.with_routine(routine, routine.steps[0])
    assert signs[: len(CATALOGUE.signs)] == list(CATALOGUE.signs)
    extra = signs[len(CATALOGUE.signs) :]
    assert [(s.words, s.level, s.origin) for s in extra] == [
        ("Hip clicks", "stop-exercise", "routine"),
        ("Ow", "stop-exercise", "step"),
    ]


@pytest.mark.parametrize(
    ("env", "region"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "DE"),
        ({"LC_MESSAGES": "fr_CA"}, "CA"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "en"}, None),
        ({}, None),
    ],
)
def test_region_from_locale(env, region):
    assert region_from_locale(env) == region


@pytest.mark.parametrize(
    ("region", "number"),
    [
        ("US", "911"),
        ("CA", "911"),
        ("GB", "999"),
        ("UK", "999"),
        ("DE", "112"),
        ("FR", "112"),
        ("AU", "000"),
        ("NZ", "111"),
        ("IN", "112"),
    ],
)
def test_numbers_by_region(region, number):
    assert emergency_number(None, region).number == number


def test_unknown_region_says_the_local_number():
    number = emergency_number(None, "ZZ")
    assert number.number is None
    assert (
        number.spoken == UNKNOWN_NUMBER == "your local emergency number (112 in much of the world)"
    )


def test_config_overrides_the_region():
    assert emergency_number("000", "GB").number == "000"
    assert emergency_number("911", None).spoken == "911"


def test_uk_mentions_112_and_the_urgent_line():
    number = emergency_number(None, "GB")
    assert number.note == "112 also works"
    assert "111" in advice("urgent", number).actions[2] + advice("urgent", number).actions[3]
    assert "111" not in " ".join(advice("urgent", emergency_number(None, "US")).actions)


def test_advice_puts_the_action_first():
    number = emergency_number(None, "US")
    emergency = advice("emergency", number, therapy_on=True)
    assert emergency.actions[0] == "Call 911 now."
    assert "Take off any ice or heat pack now." in emergency.actions
    assert "Don't drive yourself." in emergency.actions
    assert advice("urgent", number).actions[0] == "Stop now."
    assert advice("doctor", number).actions[0] == "Stop this routine."
    assert advice("stop-exercise", number).actions[0] == "Stop this exercise now."
    assert "ice" not in " ".join(advice("doctor", number).actions)


@pytest.mark.parametrize(
    ("pain", "start", "stop"),
    [
        (8, None, True),
        (10, 9, True),
        (7, None, False),
        (5, 2, True),
        (4, 2, False),
        (7, 5, False),
        (0, None, False),
    ],
)
def test_pain_rule(pain, start, stop):
    assert pain_needs_stop(pain, start) is stop


MEDICINES = [
    "carisoprodol",
    "soma",
    "cyclobenzaprine",
    "flexeril",
    "tizanidine",
    "zanaflex",
    "baclofen",
    "methocarbamol",
    "robaxin",
    "metaxalone",
    "skelaxin",
    "orphenadrine",
    "diazepam",
    "valium",
    "ibuprofen",
    "advil",
    "nurofen",
    "naproxen",
    "aleve",
    "aspirin",
    "paracetamol",
    "acetaminophen",
    "tylenol",
    "codeine",
    "tramadol",
    "oxycodone",
    "gabapentin",
    "pregabalin",
    "diclofenac",
    "voltaren",
    "chlorzoxazone",
    "dantrolene",
    "mg",
    "milligram",
]


def test_no_medicine_or_dose_is_named_anywhere():
    files = [
        *ROOT.joinpath("app").rglob("*.py"),
        *ROOT.joinpath("app").rglob("*.yaml"),
        *ROOT.joinpath("app").rglob("*.tcss"),
        *ROOT.joinpath("routines").glob("*.yaml"),
        ROOT / "README.md",
    ]
    assert len(files) > 20
    pattern = re.compile(r"\b(" + "|".join(MEDICINES) + r")\b", re.IGNORECASE)
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group()}")
    assert found == []


def test_the_scan_would_find_a_medicine(tmp_path):
    pattern = re.compile(r"\b(" + "|".join(MEDICINES) + r")\b", re.IGNORECASE)
    assert pattern.search("take 350 mg of Carisoprodol")
    assert not pattern.search("Ask a pharmacist or doctor before taking any medicine.")

"""Warning signs, their urgency, the emergency number, and what to tell the person to do.

The catalogue ships as data (`warning_signs.yaml`). It is checked when it is loaded: a broken
catalogue is a bug for the tests to catch, never something a user should meet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from unknot.core.format.routine import Routine, Step
from unknot.core.safety.daystop import LIFTED
from unknot.core.text import one_line

LEVELS = ("emergency", "urgent", "doctor", "stop-exercise")  # most urgent first
CATALOGUE_PATH = Path(__file__).with_name("warning_signs.yaml")

LEVEL_NAMES = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT — TODAY",
    "doctor": "SEE YOUR DOCTOR",
    "stop-exercise": "STOP THIS EXERCISE",
    LIFTED: "STOP LIFTED",  # in the history: the day's stop, after "I have been seen"
}
LEVEL_HEADINGS = {
    "emergency": "▲▲▲ EMERGENCY — call now",
    "urgent": "▲▲ URGENT — get medical advice today",
    "doctor": "▲ DOCTOR — book an appointment",
    "stop-exercise": "■ STOP THE EXERCISE",
}
# Shapes as well as colour and words, so the level shows on any terminal.
LEVEL_SYMBOLS = {"emergency": "▲▲▲", "urgent": "▲▲", "doctor": "▲", "stop-exercise": "■"}

# The diary asks about exactly this sign, in the catalogue's own words (never a broad "bladder
# or bowel problems", which would send a person with constipation to an emergency department).
DIARY_SIGN = "bladder-bowel"

PAIN_STOP_AT = 8
PAIN_RISE_STOP = 3

MEDICINE_NOTE = (
    "Ask a pharmacist or doctor before taking any medicine. Some medicines for spasms cause "
    "drowsiness: don't drive or use machinery after taking them."
)
NOT_ADVICE = "unknot is not medical advice and does not replace a doctor or physiotherapist."
# What the day's stop and a high pain rating before a routine say, beside the stops' advice.
HELD_WORDS = (
    "Until midnight unknot starts no routine and no new cold or heat pack, and holds "
    "reminders back."
)
LIFT_WORDS = (
    "Have you been seen by a doctor or nurse about this, or did you report it by mistake? "
    "Routines and cold or heat packs will be allowed again today, and this goes in your "
    "history."
)

HIGH_PAIN_WORDS = (
    f"Pain of {PAIN_STOP_AT} or more is a lot. Gentle movement can still help, but go slowly. "
    f"The routine stops if your pain reaches {PAIN_STOP_AT} at a check-in, or rises "
    f"{PAIN_RISE_STOP} points above where it started. If the pain is new, severe, or came "
    "with a fall or an accident, don't exercise: press ! for what to do."
)


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Sign:
    id: str
    words: str
    level: str
    why: str = ""
    also: str | None = None  # a second level to suggest, e.g. the doctor after stopping
    origin: str = "built-in"  # built-in, routine or step
    act: str = ""  # the sign's own first thing to do, after stopping ("Sit or lie down...")


@dataclass(frozen=True)
class Catalogue:
    signs: tuple[Sign, ...]

    def at(self, level: str) -> list[Sign]:
        return [s for s in self.signs if s.level == level]

    def get(self, sign_id: str) -> Sign | None:
        return next((s for s in self.signs if s.id == sign_id), None)

    def with_routine(self, routine: Routine | None, step: Step | None = None) -> list[Sign]:
        """Built-in signs, then the routine's and the step's own, at stop-exercise level."""
        extra: list[Sign] = []
        if routine is not None:
            extra += [
                Sign(f"routine-{i + 1}", w, "stop-exercise", origin="routine")
                for i, w in enumerate(routine.stop_if)
            ]
        if step is not None:
            extra += [
                Sign(f"step-{i + 1}", w, "stop-exercise", origin="step")
                for i, w in enumerate(step.stop_if)
            ]
        return [*self.signs, *extra]


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    # YAML is imported here, not above: the timers import this module for `Stop`, and
    # `unknot status` (run on every shell prompt) should not pay for a YAML parser.
    import yaml

    from unknot.core.format.yamlsafe import SafeLoader

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"can't read the warning signs: {exc}") from exc
    if not isinstance(data, list) or not data:
        raise CatalogueError("the warning signs file should be a non-empty list")
    signs = []
    seen: set[str] = set()
    for item in data:
        if not isinstance(item, dict) or set(item) - {"id", "level", "words", "why", "also", "act"}:
            raise CatalogueError(f"a warning sign has unexpected keys: {item!r}")
        sign = Sign(**{k: str(v) for k, v in item.items()})
        if sign.level not in LEVELS or (sign.also and sign.also not in LEVELS):
            raise CatalogueError(f"warning sign {sign.id}: unknown level")
        if not sign.id or sign.id in seen or not sign.words.strip() or not sign.why.strip():
            raise CatalogueError(f"warning sign {sign.id!r}: missing or repeated field")
        seen.add(sign.id)
        signs.append(sign)
    missing = [level for level in LEVELS if not any(s.level == level for s in signs)]
    if missing:
        raise CatalogueError(f"no warning signs at level {', '.join(missing)}")
    return Catalogue(tuple(signs))


def most_urgent(levels: Iterable[str]) -> str | None:
    found = set(levels)
    return next((level for level in LEVELS if level in found), None)


def pain_needs_stop(pain: int, start: int | None) -> bool:
    """Pain 8 or more, or 3 or more above the session's starting pain."""
    return pain >= PAIN_STOP_AT or (start is not None and pain - start >= PAIN_RISE_STOP)


# --- the emergency number ---------------------------------------------------------------

_EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
    "IS",
    "LI",
    "NO",
    "CH",
]
NUMBERS: dict[str, tuple[str, str]] = {
    # region: (number, what else to say)
    "US": ("911", ""),
    "CA": ("911", ""),
    "GB": ("999", "112 also works"),
    "AU": ("000", ""),
    "NZ": ("111", ""),
    "IN": ("112", ""),
    **{code: ("112", "") for code in _EU},
}
URGENT_LINES = {"GB": "NHS 111 (call or go online)"}
UNKNOWN_NUMBER = "your local emergency number (112 in much of the world)"


@dataclass(frozen=True)
class EmergencyNumber:
    number: str | None  # None when the region is unknown and nothing was configured
    region: str | None = None
    note: str = ""
    urgent_line: str | None = None

    @property
    def spoken(self) -> str:
        """What to call, ready to put after 'Call ': '999' or 'your local emergency number…'."""
        return self.number or UNKNOWN_NUMBER


def region_from_locale(env: Mapping[str, str]) -> str | None:
    """The region of the first locale variable set, e.g. 'en_GB.UTF-8' -> 'GB'."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            head = value.split(".")[0].split("@")[0]
            if "_" in head:
                return head.split("_", 1)[1].upper()
            return None
    return None


def emergency_number(configured: str | None = None, region: str | None = None) -> EmergencyNumber:
    # Both come from a settings file: shown on the stop screen, they must be only text.
    configured = one_line(configured) if configured else None
    region = one_line(region).upper() if region else None
    if region == "UK":
        region = "GB"
    if configured:
        return EmergencyNumber(configured, region, "", URGENT_LINES.get(region or ""))
    if region in NUMBERS:
        number, note = NUMBERS[region]
        return EmergencyNumber(number, region, note, URGENT_LINES.get(region))
    return EmergencyNumber(None, region)


# --- what to do ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Advice:
    level: str
    headline: str
    actions: tuple[str, ...]

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def symbol(self) -> str:
        return LEVEL_SYMBOLS[self.level]


def advice(
    level: str,
    number: EmergencyNumber,
    therapy_on: bool = False,
    also: str | None = None,
    in_routine: bool = True,
    act: tuple[str, ...] = (),
) -> Advice:
    """The action first, one action per line, in plain words. `act`: a stop's own first
    things to do (first aid, sitting down), said right after stopping."""
    call = f"Call {number.spoken} now."
    pack = ("Take off any ice or heat pack now.",) if therapy_on else ()
    ended = ("The routine has ended.",) if in_routine else ()
    if level == "emergency":
        extra = (f"({number.note}.)",) if number.note else ()
        return Advice(level, call, (call, *extra, "Don't drive yourself.", *pack, *ended))
    if level == "urgent":
        where = "Call an urgent care service, an out-of-hours line, or your doctor today."
        line = (f"In your area: {number.urgent_line}.",) if number.urgent_line else ()
        return Advice(
            level,
            "Stop. Get medical advice today.",
            (
                "Stop now.",
                *pack,
                where,
                *line,
                f"If it gets much worse, call {number.spoken}.",
                *ended,
            ),
        )
    # With no routine running (a pack timer on its own, the library) there is no routine or
    # exercise to stop: the words say what is left to do.
    if level == "doctor":
        book = "Book an appointment with your doctor."
        if not in_routine:
            return Advice(level, book, (*pack, *act, book))
        return Advice(
            level,
            f"Stop this routine. {book}",
            ("Stop this routine.", *pack, *act, book, *ended),
        )
    doctor = ("If it happens again, book an appointment with your doctor.",) if also else ()
    stop = "Stop this exercise now." if in_routine else "Stop what you are doing now."
    return Advice(
        level,
        stop,
        (
            stop,
            *act,
            *pack,
            "Rest. Don't push through it.",
            *doctor,
            *(("Skip this step, or end the routine.",) if in_routine else ()),
        ),
    )


@dataclass(frozen=True)
class Stop:
    """A safety stop: why it happened and what level it is."""

    level: str
    reason: str  # the sign's words, or the pain rule
    sign_id: str | None = None
    also: str | None = None
    act: tuple[str, ...] = ()  # its own first things to do, said right after stopping


def stop_for(sign: Sign) -> Stop:
    return Stop(sign.level, sign.words, sign.id, sign.also, (sign.act,) if sign.act else ())


def pain_stop(pain: int, start: int | None) -> Stop:
    if pain >= PAIN_STOP_AT:
        reason = f"Pain {pain} out of 10 is too much to go on."
    else:
        reason = f"Pain rose from {start} to {pain} out of 10 during the session."
    return Stop("stop-exercise", reason, "pain", also="doctor")

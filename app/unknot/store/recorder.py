"""What happens, as it happens, into the history: the visit's records become rows.

The visit announces each fact once (and none for a preview); this turns each into one write.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import NoReturn

from unknot.core.engine.plan import Plan
from unknot.core.engine.prompts import (
    AnyRecord,
    CheckedIn,
    DailyCheckDone,
    FunctionRated,
    FunctionSkipped,
    Happening,
    LostTimerRead,
    NoticeSeen,
    PackRemoved,
    PainAfter,
    Progress,
    Record,
    ReminderFired,
    SessionEnded,
    SessionStarted,
    SkinChecked,
    StopLifted,
    StopReported,
)
from unknot.core.engine.session import Outcome
from unknot.core.safety.daystop import LIFTED
from unknot.store.history import Store


def fingerprint(path: str | None, name: str) -> str:
    """Which version of a routine was run: a hash of its file (or its name if there is none)."""
    data = name.encode()
    if path:
        with contextlib.suppress(OSError):
            data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


class Recorder:
    """Feeds the visit's records into the store; both faces use it, so both record alike."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._sessions: dict[int, tuple[int, Plan]] = {}  # visit's number -> (row id, plan)
        self._therapy_rows: dict[int, int] = {}  # cycle -> row of the last application

    def session_row(self, number: int | None) -> int | None:
        """The history row of the visit's session `number`."""
        found = self._sessions.get(number) if number is not None else None
        return found[0] if found else None

    def heard(self, happening: Happening) -> None:
        if isinstance(happening, Record):
            self.keep(happening)

    def keep(self, record: AnyRecord) -> None:
        """One write per kind of fact; a kind left out here is a type error (see `_unkept`)."""
        match record:
            case SessionStarted():
                self._session_started(record)
            case Progress():
                row = self.session_row(record.session)
                if row is not None:
                    self.store.progress(row, record.reached)
            case CheckedIn():
                check = record.check
                answers = [[a.question, a.yes, a.stops] for a in check.answers]
                row = self.session_row(record.session)
                self.store.check_in(row, record.at, check.pain, answers, check.note)
            case StopReported():
                stop = record.stop
                row = self.session_row(record.session)
                self.store.safety(row, record.at, stop.sign_id, stop.level, stop.reason)
            case StopLifted():
                # Beside the stops, so the report shows both in the order they happened.
                stop = record.stop
                reason = f"seen by a doctor or nurse, or reported by mistake: {stop.reason}"
                self.store.safety(None, record.at, stop.sign_id, LIFTED, reason)
            case SessionEnded():
                self._session_ended(record)
            case PainAfter():
                row = self.session_row(record.session)
                if row is not None:
                    self.store.set_pain(row, "after", record.pain)
            case PackRemoved():
                spec, row = record.spec, self.session_row(record.session)
                self._therapy_rows[record.cycle] = self.store.therapy(
                    row, record.at, spec.kind, record.cycle, spec.on, record.time_on, record.overdue
                )
            case SkinChecked():
                self._skin_checked(record)
            case ReminderFired():
                self.store.reminder_fired(record.at, record.reminder.text, record.overdue)
            case FunctionRated():
                self.store.function_rating(record.at, record.rating.ratings)
            case DailyCheckDone() | NoticeSeen() | FunctionSkipped() | LostTimerRead():
                pass  # not history: the runtime keeps these with what it remembers
            case _:
                _unkept(record)

    def _session_started(self, record: SessionStarted) -> None:
        plan, routine = record.plan, record.plan.routine
        assert record.session is not None
        row = self.store.start_session(
            routine.id,
            routine.name,
            fingerprint(routine.path, routine.name),
            record.at,
            len(plan.segments),
            record.pain,
        )
        self._sessions[record.session] = (row, plan)

    def _session_ended(self, record: SessionEnded) -> None:
        found = self._sessions.get(record.session) if record.session is not None else None
        if found is None:
            return
        row, plan = found
        if record.outcome is Outcome.COMPLETED:
            self.store.progress(row, len(plan.segments))
        self.store.end_session(row, record.at, record.kept)

    def _skin_checked(self, record: SkinChecked) -> None:
        row = self._therapy_rows.get(record.cycle)
        if row is None:  # removed before a restart
            row = self.store.unchecked_therapy(record.cycle)
        if row is not None:
            self.store.therapy_skin(row, "normal" if record.normal else "problem")


def _unkept(record: NoReturn) -> NoReturn:
    """Reached by no record kind: mypy says which one `keep` leaves out."""
    raise AssertionError(f"no history for {record!r}")

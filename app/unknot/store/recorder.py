"""What happens, as it happens, into the history: the visit's records become rows.

The visit announces each fact once (and none for a preview); this turns each into one write.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from unknot.core.checkin import CheckIn
from unknot.core.daystop import LIFTED
from unknot.core.plan import Plan
from unknot.core.prompts import Happening, Record
from unknot.core.psfs import FunctionRating
from unknot.core.reminders import Reminder
from unknot.core.safety import Stop
from unknot.core.session import Outcome
from unknot.core.therapy import TherapySpec
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
            handler = getattr(self, "_" + happening.name.replace("-", "_"), None)
            if handler is not None:
                handler(happening)

    def _session_started(self, record: Record) -> None:
        plan, pain = record.value
        assert isinstance(plan, Plan) and record.session is not None
        routine = plan.routine
        row = self.store.start_session(
            routine.id,
            routine.name,
            fingerprint(routine.path, routine.name),
            record.at,
            len(plan.segments),
            pain,
        )
        self._sessions[record.session] = (row, plan)

    def _progress(self, record: Record) -> None:
        row = self.session_row(record.session)
        if row is not None:
            self.store.progress(row, int(record.value))

    def _check_in(self, record: Record) -> None:
        check: CheckIn = record.value
        answers = [[a.question, a.yes, a.stops] for a in check.answers]
        self.store.check_in(
            self.session_row(record.session), record.at, check.pain, answers, check.note
        )

    def _stop(self, record: Record) -> None:
        stop: Stop = record.value
        row = self.session_row(record.session)
        self.store.safety(row, record.at, stop.sign_id, stop.level, stop.reason)

    def _stop_lifted(self, record: Record) -> None:
        # Beside the stops, so the report shows both in the order they happened.
        stop: Stop = record.value
        reason = f"seen by a doctor or nurse, or reported by mistake: {stop.reason}"
        self.store.safety(None, record.at, stop.sign_id, LIFTED, reason)

    def _session_ended(self, record: Record) -> None:
        outcome, _reason, kept = record.value
        found = self._sessions.get(record.session) if record.session is not None else None
        if found is None:
            return
        row, plan = found
        if outcome is Outcome.COMPLETED:
            self.store.progress(row, len(plan.segments))
        self.store.end_session(row, record.at, kept)

    def _pain_after(self, record: Record) -> None:
        row = self.session_row(record.session)
        if row is not None:
            self.store.set_pain(row, "after", int(record.value))

    def _pack_removed(self, record: Record) -> None:
        spec, cycle, overdue, time_on = record.value
        assert isinstance(spec, TherapySpec)
        self._therapy_rows[cycle] = self.store.therapy(
            self.session_row(record.session), record.at, spec.kind, cycle, spec.on, time_on, overdue
        )

    def _skin_checked(self, record: Record) -> None:
        cycle, normal = record.value
        row = self._therapy_rows.get(cycle)
        if row is None:  # removed before a restart
            row = self.store.unchecked_therapy(cycle)
        if row is not None:
            self.store.therapy_skin(row, "normal" if normal else "problem")

    def _reminder_fired(self, record: Record) -> None:
        reminder, overdue = record.value
        assert isinstance(reminder, Reminder)
        self.store.reminder_fired(record.at, reminder.text, overdue)

    def _function_rated(self, record: Record) -> None:
        rated = record.value
        assert isinstance(rated, FunctionRating)
        self.store.function_rating(record.at, rated.ratings)

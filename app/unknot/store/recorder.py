"""What happens, as it happens, into the history: the engines' events become rows."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from unknot.core.clock import Clock
from unknot.core.reminders import Reminder
from unknot.core.safety import Stop
from unknot.core.session import CheckIn, Event, Session
from unknot.core.therapy import Therapy, TherapyEvent
from unknot.store.history import Store


def fingerprint(path: str | None, name: str) -> str:
    """Which version of a routine was run: a hash of its file (or its name if there is none)."""
    data = name.encode()
    if path:
        with contextlib.suppress(OSError):
            data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


class Recorder:
    """Feeds the engines' events into the store; both faces use it, so both record alike."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def session(self, session: Session, pain_before: int | None = None) -> int:
        routine = session.plan.routine
        session_id = self.store.start_session(
            routine.id,
            routine.name,
            fingerprint(routine.path, routine.name),
            self.clock.wall(),
            len(session.plan.segments),
            pain_before,
        )

        def heard(event: Event) -> None:
            now = self.clock.wall()
            if event.name == "segment":
                self.store.progress(session_id, len(set(session.visited)))
            elif event.name == "checkin":
                check: CheckIn = event.value
                self.store.check_in(session_id, now, check.pain, list(check.answers), check.note)
            elif event.name == "safety":
                stop: Stop = event.value
                self.store.safety(session_id, now, stop.sign_id, stop.level, stop.reason)
            elif event.name == "finished":
                if event.value.value == "completed":
                    self.store.progress(session_id, len(session.plan.segments))
                self.store.end_session(session_id, now, event.value.value)

        session.subscribe(heard)
        return session_id

    def therapy(self, therapy: Therapy, session_id: int | None = None) -> None:
        rows: dict[int, int] = {}

        def heard(event: TherapyEvent) -> None:
            if event.name == "removed":
                rows[event.cycle] = self.store.therapy(
                    session_id,
                    event.at,
                    therapy.spec.kind,
                    event.cycle,
                    therapy.spec.on,
                    event.overdue * therapy.spec.speed,
                )
            elif event.name in ("skin-ok", "skin-problem") and event.cycle in rows:
                skin = "normal" if event.name == "skin-ok" else "problem"
                self.store.therapy_skin(rows[event.cycle], skin)

        therapy.subscribe(heard)

    def stop(self, stop: Stop) -> None:
        """A stop outside a session (from the library or the start-of-day check)."""
        self.store.safety(None, self.clock.wall(), stop.sign_id, stop.level, stop.reason)

    def reminder(self, reminder: Reminder, overdue: float) -> None:
        self.store.reminder_fired(self.clock.wall(), reminder.text, overdue)

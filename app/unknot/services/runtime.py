"""The visit and what surrounds it: its saved state, the history, the cues and the alerts.

Both faces build one of these and do three things with it: render `visit.prompt` and
`visit.view`, send the person's answers to the visit, and call `settle()` after every answer
and every wake-up. Everything else happens here, the same for both faces. The order is the
safety order: a pack's alarm is sounded and shown before anything is written to disk, and a
failed save is said once and tried again, never allowed to stop an alarm.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from unknot.core.engine.cues import cue_for, override
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import (
    AnyRecord,
    DailyCheckDone,
    FunctionRated,
    FunctionSkipped,
    Happening,
    LostTimerRead,
    NoticeSeen,
    OfferedRoutine,
    Record,
    Saved,
    StopSignal,
)
from unknot.core.engine.session import Event
from unknot.core.engine.therapy import Therapy
from unknot.core.engine.visit import Visit
from unknot.core.format.routine import Routine
from unknot.core.words.alerts import alert_for
from unknot.core.words.speech import speech_for
from unknot.services.alerting import fan_out
from unknot.services.context import Context, log_file
from unknot.store.library import Library
from unknot.store.locks import ProcessLock
from unknot.store.paths import DataDirError
from unknot.store.programmes import FollowedProgramme
from unknot.store.statefile import SaveFailed
from unknot.store.timers import TimerStore

if TYPE_CHECKING:
    from unknot.sound.notify import Notifier
    from unknot.sound.voice import Voice
    from unknot.store.today import Today

log = logging.getLogger("unknot.runtime")
NUDGE_TITLE = "Worth a doctor's visit"
FACE_LOCK = "face.lock"  # held by a copy with a face open (see services/watch.py)
Write = Callable[[str], None]


class VisitRuntime:
    def __init__(
        self,
        context: Context,
        library: Library,
        write: Write | None = None,
        *,
        desktop_later: bool = False,
    ) -> None:
        self.context = context
        self.library = library
        log_file(context.data_dir)  # notes from the stores go there, never raw to the terminal
        self.write = write  # where bell and notification sequences go (a terminal), if anywhere
        self.timers = TimerStore(context.data_dir)
        remembered = context.remembered
        therapy = self.timers.load_therapy(context.clock)
        self.timer_elsewhere: str | None = None
        if not self.timers.claim():
            # Another running copy owns the pack timer: this one shows it nowhere and
            # changes nothing, so the two never overwrite each other.
            pid = self.timers.owner_pid()
            if therapy is not None:
                therapy.update()  # only to word it: nothing listens, nothing is saved
                self.timer_elsewhere = (
                    f"Another copy of unknot (pid {pid}) is running a {therapy.spec.words} "
                    f"timer ({therapy.describe_by_clock()}): go back to that one. This one "
                    "changes nothing."
                )
            else:
                # No pack saved: that copy is merely open, and no pack is on.
                self.timer_elsewhere = (
                    f"Another copy of unknot (pid {pid}) is open, with no pack timer running: "
                    "start any cold or heat pack there. This one runs routines but starts no "
                    "pack timer."
                )
            if therapy is not None and therapy.owner_behind():
                # That copy has missed the pack's alarm: going back to it would not help.
                self.timer_elsewhere = (
                    f"Take the {therapy.spec.words} off now. Another copy of unknot (pid {pid}) "
                    "holds its timer but has stopped sounding its alarm (stopped with Ctrl+Z, "
                    f"or not responding). This one changes nothing: end that one (kill {pid}) "
                    "and start again to take the timer over."
                )
            therapy = None
        lost = self.timers.lost
        # A saved timer nobody could read: the visit says it until a person has read it.
        self.lost_timer = None if lost is None else f"{lost[0].upper()}{lost[1:]}."
        # the day's stop file as read here: a later change is another copy's stop
        self._stop_seen = self.timers.stop_file.version()
        skin_off, skin_problem = remembered.skin()
        saved = Saved(
            therapy.to_state() if therapy is not None else None,
            skin_off,
            self.timers.load_reminders().to_state(),
            self.timers.load_day_stop(context.clock.wall()),
            lost_timer=self.lost_timer,
            skin_problem=skin_problem,
        )
        # For the face to show once; a timer nobody could read is the visit's own message.
        self.problems: list[str] = [
            p for p in self.timers.problems if lost is None or p != self.timers.therapy_file.problem
        ]
        # The weekly function scale is asked of those who follow a programme.
        self.followed = FollowedProgramme(context.data_dir)
        following = self.followed.current()
        if self.followed.problem:
            self.problems.append(self.followed.problem)
        function_asked = remembered.function_asked()
        if remembered.problem:  # read by now: when the skin rested, the checks, the notice
            self.problems.append(remembered.problem)
        self.visit = Visit(
            context.clock,
            context.catalogue,
            context.number,
            saved=saved,
            notice_due=remembered.notice_due(),
            daily_check_done=remembered.daily_check_day(),
            check_every_session=context.config.check == "every session",
            timer_elsewhere=self.timer_elsewhere,
            ask_function=following is not None,
            function_from=(
                None
                if following is None
                else dt.datetime.combine(following.started, dt.time()).timestamp()
            ),
            function_asked=function_asked,
            function_activities=remembered.function_activities(),
        )
        self._deferred: list[Callable[[], None]] = []
        self.voice: Voice | None = None
        if context.voice:
            from unknot.sound.voice import Voice

            self.voice = Voice(muted=context.mute)
        self.notifier: Notifier | None = None
        if write is not None:
            self.attach(write, desktop_later=desktop_later)
        self._failed: set[str] = set()
        self.visit.subscribe(self._heard)

    # -- what the visit announces ----------------------------------------------------------

    def _heard(self, happening: Happening) -> None:
        # The cue, the words and the alert first: nothing below may delay or stop them.
        self._cue(happening)
        if self.voice is not None:
            self.voice.say(speech_for(happening, self.visit))
        self._alert(happening)
        if isinstance(happening, Record):
            self._keep(happening)
        elif isinstance(happening, OfferedRoutine):
            routine_id = happening.routine_id
            self._deferred.append(lambda: self._start_by_id(routine_id))

    def _cue(self, happening: Happening) -> None:
        cue = cue_for(happening)
        if cue is None:
            return
        player = self.context.player
        if isinstance(happening, StopSignal):
            player.stop()
        routine = self._routine()
        step = (
            happening.segment.step if isinstance(happening, Event) and happening.segment else None
        )
        folder = Path(routine.path).parent if routine is not None and routine.path else None
        player.play(cue, override(cue, step, routine), folder)

    def _routine(self) -> Routine | None:
        visit = self.visit
        session = visit.session or visit.finished
        return session.plan.routine if session is not None else None

    def _alert(self, happening: Happening) -> None:
        """The bell and notifications: the desktop's where there is a desktop, else the
        terminal's own (OSC 777/9), never both (a terminal may turn OSC into one too)."""
        alert = alert_for(happening, self.visit)
        if alert is not None:
            fan_out(alert, self.context.config, self.notifier, self.write)

    def _keep(self, record: AnyRecord) -> None:
        remembered = self.context.remembered
        try:
            if isinstance(record, DailyCheckDone):
                remembered.daily_check_done(record.day)
            elif isinstance(record, NoticeSeen):
                remembered.notice_seen()
            elif isinstance(record, LostTimerRead):
                self.timers.acknowledge_lost()
            elif isinstance(record, FunctionSkipped):
                remembered.function_answered(record.at, None)
            else:
                if isinstance(record, FunctionRated):
                    remembered.function_answered(record.at, record.rating.activities)
                self.context.recorder.keep(record)
                problem = self.context.store.problem
                if problem:
                    self._failed_once("history-problem", problem, "The history")
        except Exception as exc:  # the history can fail; the visit goes on
            self._failed_once("history", f"The history could not be written ({exc}).")

    # -- after every answer and every wake-up -----------------------------------------------

    def settle(self) -> None:
        """Bring the visit up to now, do what was left for after an answer, and keep what
        changed."""
        visit = self.visit
        # Reminders another copy or the command line saved since: due ones fire here too.
        self.timers.refresh_reminders(visit.reminders)
        self._stop_from_elsewhere()
        self._follow_programme()
        visit.update()
        while self._deferred:
            self._deferred.pop(0)()
            visit.update()
        self.save()

    def _stop_from_elsewhere(self) -> None:
        """A stop reported in another copy of the program holds here from the next wake-up:
        the file is read again whenever it changed (one stat when it did not)."""
        version = self.timers.stop_file.version()
        if version == self._stop_seen:
            return
        self._stop_seen = version
        found = self.timers.load_day_stop(self.context.clock.wall())
        problem = self.timers.stop_file.problem
        if problem:
            self._failed_once("stop-file", problem, "The day's stop")
        if found is not None:
            self.visit.stop_reported_elsewhere(found)

    def _follow_programme(self) -> None:
        visit = self.visit
        if visit.reminders.follow_programmes(self.context.clock.wall(), self.next_session):
            visit.dirty.add("reminders")

    def next_session(self, programme: str) -> str | None:
        """The session a reminder following `programme` offers now, if any is left today."""
        from unknot.store.today import next_session

        return next_session(self.today(), programme)

    def today(self) -> Today | None:
        """The programme followed, against the history (read now, on this thread)."""
        from unknot.store.today import today_for  # with the history: not needed to start

        context = self.context
        return today_for(context.data_dir, self.library, context.store, context.clock.wall())

    def save(self) -> None:
        visit = self.visit
        dirty = set(visit.dirty)
        if not dirty:
            return
        try:
            if "stop" in dirty:  # first: a pack timer another copy owns can't keep it back
                self.timers.save_day_stop(visit.held)
            if "therapy" in dirty:
                self._save_therapy(visit.therapy)
            if "reminders" in dirty:
                self.timers.save_reminders(visit.reminders)
            if "skin" in dirty:
                self.context.remembered.remember_skin_off(visit.skin_off)
                self.context.remembered.remember_skin_problem(visit.skin_problem)
        except (OSError, SaveFailed) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            self._failed_once(
                "save",
                f"unknot could not save its timers ({why}). They keep running here, and it "
                "tries again; keep unknot open until the pack is off.",
            )
            return
        visit.dirty.clear()
        self._failed.discard("save")

    def timer_saved(self) -> bool:
        """Did the pack timer's last save work (or was there nothing to keep)? A failed save
        leaves it for the next try."""
        return "therapy" not in self.visit.dirty

    def _save_therapy(self, therapy: Therapy | None) -> None:
        if therapy is not None and therapy.spec.speed != 1:
            return  # a preview is never a saved timer
        if therapy is not None:
            self.timers.save_therapy(therapy)  # kept while it runs, deleted once it is done
        elif self.timer_elsewhere is None:
            self.timers.clear_therapy()

    def _failed_once(self, what: str, text: str, title: str = "Something went wrong") -> None:
        log.warning("%s", text)
        if what not in self._failed:
            self._failed.add(what)
            self.visit.tell(title, text)

    # -- starting things by id --------------------------------------------------------------

    def _start_by_id(self, routine_id: str) -> None:
        self.start_routine_id(routine_id)

    def attach(self, write: Write, *, desktop_later: bool = False) -> None:
        """A face with a terminal: bell and notification sequences go to `write`, and desktop
        notifications are looked for (in the background) if the settings allow them; with
        `desktop_later`, only when the face calls `look_for_desktop` (once it is drawn)."""
        self.write = write
        # Open: `unknot watch` keeps quiet while a face tells things itself.
        try:
            ProcessLock(self.context.data_dir / FACE_LOCK).claim()
        except DataDirError as exc:  # only `watch` needs it: say so, and go on
            self.visit.tell(
                "No face lock",
                f"{exc}. Until then 'unknot watch' may also tell what unknot tells here.",
            )
        if not desktop_later:
            self.look_for_desktop()

    def nudge(self) -> None:
        """Once in a while, when the history shows no improvement: see the doctor. Every face
        asks for this once it is up; the visit says it aside."""
        from unknot.store.report import nudge  # reads the history: not needed to start

        remembered, now = self.context.remembered, self.context.clock.wall()
        if not remembered.nudge_due(now):
            return
        words = nudge(self.context.store, now)
        if words:
            remembered.nudged(now)
            self.visit.advise(NUDGE_TITLE, words)

    def look_for_desktop(self) -> None:
        """Start looking for a desktop to notify, in the background, if the settings allow."""
        if self.context.config.desktop_notify and self.notifier is None:
            from unknot.sound.notify import Notifier

            self.notifier = Notifier(True)
            self.notifier.check()

    def toggle_mute(self) -> bool:
        """Sound and voice off, or back on. Returns whether they are off now."""
        muted = self.context.player.toggle_mute()
        if self.voice is not None:
            self.voice.muted = muted
        return muted

    def close(self) -> None:
        """At the end: let the last cue and words be heard, and put the pieces away. Once:
        a second call finds nothing left to do."""
        self.context.player.finish()
        if self.voice is not None:
            self.voice.close()
            self.voice = None
        if self.notifier is not None:
            self.notifier.close()
            self.notifier = None

    def start_routine_id(self, routine_id: str, speed: float = 1.0) -> str | None:
        entry = self.library.find(routine_id)
        if entry is None or entry.routine is None:
            why = f"There is no routine '{routine_id}' to start."
            self.visit.tell("Can't start", why)
            return why
        return self.visit.start_routine(build_plan(self.as_followed(entry.routine), speed))

    def as_followed(self, routine: Routine) -> Routine:
        """A routine of the programme followed is done as this week of it has it: longer
        holds, more reps, the programme's own warning signs."""
        if self.followed.current() is None:
            return routine
        today = self.today()
        found = today.routine(routine.id) if today is not None else None
        return found or routine

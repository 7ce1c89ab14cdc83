"""--plain faces for cold/heat timers and reminders: stamped lines, answers from stdin.

At the end of input each question is answered as given (and the answer printed), so a
scripted run completes.
"""

from __future__ import annotations

import os

from unknot.core.durations import format_clock, format_duration
from unknot.core.reminders import Reminder, ReminderBook
from unknot.core.safety import advice
from unknot.core.therapy import Phase, Therapy, TherapyEvent, skin_stop
from unknot.plain.lines import LineIO, stop_lines
from unknot.services.context import Context
from unknot.sound.attention import attention
from unknot.store.statefile import SaveFailed
from unknot.store.timers import TimerStore

ON_WORDS = {
    "ice": "a thin towel between the pack and your skin; never ice straight on the skin",
    "heat": "a thin towel between the pack and your skin; medium heat at most; don't fall asleep",
}
SKIN_QUESTION = (
    "Look at your skin. Is it normal? y = normal; n = white, grey or waxy, numb, blistered, "
    "or very red and painful"
)


class PlainTherapy:
    def __init__(
        self,
        context: Context,
        therapy: Therapy,
        io: LineIO,
        store: TimerStore | None = None,
        in_routine: bool = False,
    ) -> None:
        self.context = context
        self.in_routine = in_routine
        self.therapy = therapy
        self.io = io
        self.store = store
        self._unsaved: str | None = None  # the save failure said last, said once
        therapy.subscribe(self._on_event)

    def say(self, text: str) -> None:
        self.io.say(text, self.therapy.elapsed())

    def _save(self) -> None:
        """Keep the timer on disk; a failed save is said once and tried again next time, and
        the timer runs on from memory."""
        if self.store is None:
            return
        try:
            self.store.save_therapy(self.therapy)
        except SaveFailed as exc:
            if str(exc) != self._unsaved:
                self._unsaved = str(exc)
                self.say(f"note: {exc}; the timer keeps running here")
        else:
            self._unsaved = None

    def _alert(self, title: str, body: str) -> None:
        config = self.context.config
        self.io.signal(
            attention(title, body, config.bell, config.desktop_notify, bool(os.environ.get("TMUX")))
        )

    def _on_event(self, event: TherapyEvent) -> None:
        self._say(event)
        self._save()  # after it is said: an alarm never waits on the disk

    def _say(self, event: TherapyEvent) -> None:
        t = self.therapy
        spec = t.spec
        of = f"{event.cycle}/{spec.cycles}"
        if event.name == "started":
            self.say(f"{spec.kind} {of}: ON for {format_duration(spec.on)} — {ON_WORDS[spec.kind]}")
        elif event.name == "warning":
            self.say("one minute left: get ready to take it off")
            self._alert("unknot", f"One minute left on the {spec.words}")
        elif event.name == "remove":
            late = f" (overdue by {format_clock(event.overdue)})" if event.overdue >= 1 else ""
            self.say(f"REMOVE IT NOW: take the {spec.words} off{late}")
            self._alert("unknot: remove it now", f"Take the {spec.words} off now{late}")
        elif event.name == "alarm":
            self.say(f"REMOVE IT NOW: overdue by {format_clock(event.overdue)}")
            self._alert("unknot: remove it now", f"Overdue by {format_clock(event.overdue)}")
        elif event.name == "removed":
            self.say(
                f"off: skin rest for {format_duration(spec.off)}; let the skin return to normal"
            )
        elif event.name == "rest-over":
            self.say("skin rest over")
            self._alert("unknot", "Skin rest over: look at your skin")
        elif event.name == "skin-problem" and not self.in_routine:
            stop = skin_stop()
            self.context.recorder.stop(stop)
            for line in stop_lines(stop, advice(stop.level, self.context.number, in_routine=False)):
                self.say(line)
        elif event.name == "done":
            self.say(f"done: {spec.kind}, {spec.cycles} application(s)")
        elif event.name == "clock-jumped":
            way = "forward" if event.jump > 0 else "back"
            self.say(
                f"the computer's clock was set {way} by {format_clock(round(abs(event.jump)))}; "
                "the timer keeps to the time that really passed"
            )

    def run(self) -> str:
        """Until done; returns the final phase: done, stopped."""
        t = self.therapy
        if not self.in_routine:
            self.say(f"sound: {self.context.player.description}")
        if t.phase is Phase.READY:
            t.start()
        else:
            self.say(f"resuming {t.spec.kind}: cycle {t.cycle}/{t.spec.cycles}, {phase_words(t)}")
            t.update()
        while t.active:
            if t.phase is Phase.REMOVE:
                self._ask_removed()
            elif t.phase is Phase.SKIN_CHECK:
                answer = self._ask(
                    SKIN_QUESTION + " y/n", "y", "taken as normal: look at your skin yourself"
                )
                t.skin_checked(not answer.lower().startswith("n"))
            elif t.phase is Phase.NEXT:
                answer = self._ask(
                    f"You may reapply. Enter starts application "
                    f"{t.cycle + 1}/{t.spec.cycles}; f finishes",
                    "",
                    "taken as reapplied",
                )
                if answer.lower().startswith("f"):
                    t.stop()
                else:
                    t.next_cycle()
            else:
                self._wait()
            t.update()
            self._save()
        return t.phase.value

    def _wait(self) -> None:
        deadline = self.therapy.next_deadline()
        if self.io.eof or self.io.pending:
            self.io.wait_until(deadline)
            return
        line = self.io.read_line(deadline)
        if line is None:
            return
        if line.lower() == "q":
            self.therapy.stop()
            self.say("stopped")
        else:
            self.io.keep(line)  # an answer typed ahead: keep it for the next question

    def _ask_removed(self) -> None:
        self.say("type o and Enter when it is off")
        while self.therapy.phase is Phase.REMOVE:
            if self.io.eof:
                self.say("(end of input: taken as removed)")
                self.therapy.removed()
                return
            line = self.io.read_line(self.therapy.next_deadline())
            if line is not None and line.lower() in ("o", "off", ""):
                self.therapy.removed()
                return
            self.therapy.update()

    def _ask(self, prompt: str, default: str, words: str) -> str:
        self.say(prompt)
        line = self.io.read_line()
        if line is None:
            self.say(f"(end of input: {words})")
            return default
        return line


def phase_words(t: Therapy) -> str:
    left = t.remaining()
    if left is not None:
        return f"{t.phase.value}, {format_clock(left)} left"
    if t.phase is Phase.REMOVE:
        return f"REMOVE IT NOW, overdue by {format_clock(t.overdue())}"
    return t.phase.value


class PlainReminders:
    """Waits for reminders and says them; runs until every one-off is done (or forever with a
    repeating one, until q or Ctrl+C)."""

    def __init__(self, context: Context, book: ReminderBook, store: TimerStore, io: LineIO) -> None:
        self.context, self.book, self.store, self.io = context, book, store, io
        self.began = context.clock.wall()

    def say(self, text: str) -> None:
        self.io.say(text, self.context.clock.wall() - self.began)

    def run(self) -> int:
        clock = self.context.clock
        for reminder in self.book.reminders:
            self.say(f"reminder: {describe(reminder, clock.wall())}")
        while self.book.reminders:
            now = clock.wall()
            for reminder in self.book.due(now):
                self.fire(reminder, now)
            if self.book.changed:
                try:
                    self.store.save_reminders(self.book)
                except SaveFailed as exc:
                    self.say(f"note: {exc}; your reminders go on here")
                    self.book.changed = False
            next_due = self.book.next_due()
            if next_due is None:
                break
            deadline = clock.now() + (next_due - clock.wall())
            line = self.io.read_line(deadline)
            if self.io.eof:
                self.io.wait_until(deadline)
            elif line is not None and line.lower() == "q":
                self.say("stopped waiting; your reminders are kept")
                return 0
        return 0

    def fire(self, reminder: Reminder, now: float) -> None:
        late = now - reminder.due
        when = f" (overdue by {format_clock(late)})" if late >= 60 else ""
        self.say(f"REMINDER: {reminder.text}{when}")
        self.context.player.play("reminder")
        self.context.recorder.reminder(reminder, late)
        config = self.context.config
        self.io.signal(
            attention(
                "unknot",
                reminder.text,
                config.bell,
                config.desktop_notify,
                bool(os.environ.get("TMUX")),
            )
        )
        if reminder.routine:
            self.say(f"  when you're ready: unknot run {reminder.routine}")
        self.book.done(reminder, now)
        if reminder.every is not None:
            self.say(f"  next in {format_duration(reminder.every)}")


def describe(reminder: Reminder, now: float) -> str:
    left = format_clock(max(0.0, reminder.due - now))
    if reminder.paused:
        left = "paused"
    repeat = f"every {format_duration(reminder.every)}" if reminder.every else "once"
    return f"{reminder.text} — {repeat}, next in {left}"

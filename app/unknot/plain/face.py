"""The line face: the visit as one stamped line per event, answers read from stdin.

For screen readers, logs and scripts. It says what the visit announces and asks what the visit
asks; the only thing it decides is how to ask on a line (`plain/askers.py`: a check-in's
questions one at a time). At the end of input it asks the visit what no answer means
(`Visit.unanswered`): in a preview every answer's default, said as such; in a real visit no
answer that is a fact about the person (the day's check, a check-in, "the pack is off"): the
visit says what it can't know, and the face ends or keeps alarming as it says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from unknot.core.durations import format_clock, format_duration
from unknot.core.engine.plan import Kind
from unknot.core.engine.prompts import (
    Advised,
    CheckedIn,
    Happening,
    Leave,
    MessagePrompt,
    NoAnswer,
    NoticePrompt,
    Prompt,
    Refused,
    ReminderSignal,
    Told,
    Wait,
)
from unknot.core.engine.session import Event, EventName, Outcome, ending
from unknot.core.engine.therapy import TherapyEvent, TherapyEventName
from unknot.core.engine.visit import ENDING_LEVELS, Visit
from unknot.core.safety.signs import NOT_ADVICE, advice
from unknot.core.safety.skin import CARE, REST, TOWEL
from unknot.core.text import clean, counted, one_line
from unknot.core.words.title import visit_title
from unknot.plain.askers import AGAIN, NOTICE, WAITING, Asking, asker
from unknot.plain.lines import LineIO
from unknot.services.runtime import VisitRuntime
from unknot.sound.attention import TerminalTitle

KEYS_HELP = (
    "Type then Enter: Enter continues, n next, b back, p pause/resume, r restart step, "
    "q quit, ! warning signs."
)
ON_WORDS = {kind: f"{TOWEL}; {care}" for kind, care in CARE.items()}
COMMANDS = ("c", "continue", "n", "b", "r", "p", "pause", "q")
RECHECK = 1.0  # every wait re-reads the clock at least this often: a suspend can't delay
EXIT_OK, EXIT_PROBLEM, EXIT_INTERRUPTED = 0, 1, 130


class PlainFace:
    def __init__(self, runtime: VisitRuntime, io: LineIO) -> None:
        self.runtime = runtime
        self.visit: Visit = runtime.visit
        self.io = io
        self.clock = runtime.context.clock
        self.began = self.clock.now()
        self.exit_code = EXIT_OK
        self._asked: tuple[str, int] | None = None  # the prompt last said
        self._asked_at = 0.0
        self._asking = Asking(self.clock.now(), self.say)  # the prompt asked, as answered so far
        self._quit = False
        self._last_said = False  # what to do after an ending stop, said at the end
        self.visit.subscribe(self._heard)
        self.title = TerminalTitle(io.signal)  # a terminal's title; nothing in a log
        notice = next((p for p in self.visit.prompts() if isinstance(p, NoticePrompt)), None)
        if notice is None:
            self.say(NOT_ADVICE)
        else:  # the first run: the notice, on the same line, and so it is seen
            self.say(f"{NOT_ADVICE} {NOTICE}")
            self.visit.answer(notice, None)
        for message in self.visit.prompts():
            if isinstance(message, MessagePrompt):  # came before this face could hear it
                self.say(f"{message.title}: {message.text}")
        self.say(f"sound: {self.runtime.context.player.description}")
        voice = self.runtime.voice
        if voice is not None:
            self.say(voice.notice() or voice.description)
        self.runtime.nudge()
        therapy = self.visit.therapy
        if therapy is not None and therapy.active:
            # A timer that was running when the program stopped: back to it, saying where.
            therapy.update()
            self.say(
                f"resuming {therapy.spec.kind}: cycle {therapy.cycle}/{therapy.spec.cycles}, "
                f"{therapy.describe()}"
            )

    # -- lines out --------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.io.say(text, self._stamp())

    def _stamp(self) -> float:
        session = self.visit.session or self.visit.finished
        if session is not None:
            return session.elapsed()
        return self.clock.now() - self.began

    def _heard(self, happening: Happening) -> None:
        if isinstance(happening, Event):
            self._session_line(happening)
        elif isinstance(happening, TherapyEvent):
            self._therapy_line(happening)
        elif isinstance(happening, Refused):
            self.say(f"not now: {happening.why}")
        elif isinstance(happening, NoAnswer):
            self.say(happening.words)
        elif isinstance(happening, Told | Advised):
            self.say(f"{happening.title}: {happening.text}")
        elif isinstance(happening, ReminderSignal):
            overdue = happening.overdue
            late = f" (overdue by {format_clock(overdue)})" if overdue >= 60 else ""
            self.say(f"REMINDER: {one_line(happening.reminder.text)}{late}")
        elif isinstance(happening, CheckedIn):
            check = happening.check
            shown = "skipped" if check.pain is None else f"{check.pain}/10"
            stops = [f"{one_line(a.question)} ({'yes' if a.yes else 'no'})" for a in check.stopping]
            self.say(f"check-in: pain {shown}" + (f"; stop: {'; '.join(stops)}" if stops else ""))

    def _session_line(self, event: Event) -> None:
        session = self.visit.session or self.visit.finished
        if session is None:
            return
        plan = session.plan
        seg = event.segment
        at = event.elapsed
        if event.name is EventName.STARTED:
            routine = plan.routine
            total = format_duration(plan.total * plan.speed)
            self.io.say(f"start {one_line(routine.name)}: {len(routine.steps)} steps, {total}", at)
            if plan.preview:
                self.io.say(f"PREVIEW: every duration divided by {plan.speed:g}", at)
            self.io.say(KEYS_HELP, at)
        elif event.name is EventName.SEGMENT and seg is not None:
            where = f"step {seg.step_index + 1}/{plan.step_count}"
            if plan.routine.rounds > 1:
                where += f" round {seg.round}/{plan.routine.rounds}"
            self.io.say(f"{where} {one_line(seg.describe())}", at)
            if seg.how and plan.first_of_step(seg.index) == seg.index:
                for line in clean(seg.how).splitlines():
                    if line.strip():
                        self.io.say(f"  {line.strip()}", at)
            if seg.kind in (Kind.NOTE, Kind.SET):
                self.io.say(
                    "press Enter to go on"
                    if seg.kind is Kind.NOTE
                    else "press Enter when the set is done",
                    at,
                )
        elif event.name is EventName.BEAT:
            self.io.say(_beat_words(event), at)
        elif event.name in (EventName.PAUSED, EventName.RESUMED):
            self.io.say(event.name.value, at)
        elif event.name is EventName.FINISHED:
            if event.value is Outcome.COMPLETED:
                self.io.say(f"done: {one_line(plan.routine.name)} {ending(session).outcome}", at)
            else:
                self.io.say(f"stopped: {event.value.value}", at)

    def _therapy_line(self, event: TherapyEvent) -> None:
        therapy = self.visit.therapy
        if therapy is None:
            return
        spec = therapy.spec
        of = f"{event.cycle}/{spec.cycles}"
        if event.name is TherapyEventName.STARTED:
            preview = f" (PREVIEW ×{spec.speed:g})" if spec.speed != 1 else ""
            self.say(
                f"{spec.kind} {of}: ON for {format_duration(spec.on)} — {ON_WORDS[spec.kind]}"
                + preview
            )
        elif event.name is TherapyEventName.NEXT_CYCLE:
            self.say(
                f"{spec.kind} {of}: ON again for {format_duration(spec.on)} — {ON_WORDS[spec.kind]}"
            )
        elif event.name is TherapyEventName.WARNING:
            self.say("one minute left: get ready to take it off")
        elif event.name is TherapyEventName.REMOVE:
            late = event.overdue * spec.speed
            when = f" (overdue by {format_clock(late)})" if late >= 1 else ""
            self.say(f"REMOVE IT NOW: take the {spec.words} off{when}")
        elif event.name is TherapyEventName.ALARM:
            self.say(f"REMOVE IT NOW: overdue by {format_clock(event.overdue * spec.speed)}")
        elif event.name is TherapyEventName.REMOVED:
            self.say(f"off: skin rest for {format_duration(spec.off)}; {REST}")
        elif event.name is TherapyEventName.REST_OVER:
            self.say("skin rest over")
        elif event.name is TherapyEventName.DONE:
            self.say(f"done: {spec.kind}, {counted(event.cycle, 'application')}")
        elif event.name is TherapyEventName.STOPPED:
            self.say(f"stopped: the {spec.words} timer")

    # -- running ----------------------------------------------------------------------------

    def run(self, finished: Callable[[], bool]) -> int:
        """Until `finished()` says so (and nothing is asked), then the exit code."""
        visit = self.visit
        try:
            while True:
                self.runtime.settle()
                self.title.show(visit_title(visit))
                prompt = visit.prompt
                how = asker(prompt) if prompt is not None else None
                if prompt is not None and how is not None and how.seen:
                    # A line can't wait on a dialog: said when it came, and so seen.
                    visit.answer(prompt, None)
                    continue
                self._ask(prompt)
                if self._quit and (how is None or how.can_quit):
                    break
                if prompt is None and finished():
                    break
                if how is not None and how.fresh and self.io.pending:
                    # Typed before anything was wrong: no answer to the warning signs or a stop.
                    self.io.pending.clear()
                if self.io.pending and prompt is not None:  # typed ahead for this question
                    self._typed(self.io.pending.pop(0).strip(), prompt)
                elif self.io.eof:
                    if not self._at_end(prompt):
                        break
                else:
                    # What is typed is read at once, even while earlier lines wait for their
                    # question: a `!` never waits behind them. The rest follows them in order.
                    line = self.io.read_line(self._deadline())
                    if line is None:
                        pass
                    elif self.io.pending and prompt is None and line.strip() != "!":
                        self.io.keep(line)
                    else:
                        self._typed(line.strip(), prompt)
        except KeyboardInterrupt:
            return self._interrupted()
        finally:
            self.title.restore()
        self._last_words()
        self.runtime.close()
        return self.exit_code

    def _last_words(self) -> None:
        """After an emergency or urgent stop the face ends with what to do, once, so that is
        the line left on the screen rather than the stop's key."""
        ending = [s for s in self.visit.stops if s.level in ENDING_LEVELS]
        if not ending or self._last_said:
            return
        self._last_said = True
        words = advice(ending[-1].level, self.visit.number, in_routine=False)
        self.say(f"What to do now: {' '.join(words.actions)}")

    def _deadline(self) -> float:
        now = self.clock.now()
        deadline = self.visit.next_deadline()
        soonest = now + RECHECK
        return soonest if deadline is None else min(deadline, soonest)

    def _interrupted(self) -> int:
        visit = self.visit
        if visit.session is not None:
            visit.session.finish(Outcome.ENDED_EARLY, "interrupted")
        self.runtime.settle()
        words = visit.leaving_words(saved=self.runtime.timer_saved())
        if words is not None:
            self.say(words)
        return EXIT_INTERRUPTED

    # -- prompts ----------------------------------------------------------------------------

    def _ask(self, prompt: Prompt[Any] | None, again: bool = False) -> None:
        """Say the prompt in front, once (or again after an answer that didn't fit)."""
        key = prompt.key if prompt is not None else None
        if key == self._asked and not again:
            return
        if key != self._asked:
            self._asking = Asking(self.clock.now(), self.say)
        self._asked = key
        self._asked_at = self.clock.now()
        if prompt is None:
            return
        self._asking.now = self.clock.now()
        lines = asker(prompt).lines(prompt, self._asking)
        for line in lines[-1:] if again else lines:  # asked again: the question alone
            self.say(line)

    # -- answers ----------------------------------------------------------------------------

    def _typed(self, line: str, prompt: Prompt[Any] | None) -> None:
        word = line.lower()
        if word == "!":
            self.visit.open_signs()
            return
        if prompt is None:
            if word in COMMANDS or (not word and self._waiting_for_enter()):
                self._command(word)
            elif self.io.interactive:
                # A person at a terminal answers a question once it is asked: this is none.
                self.say(f"unknown key {word!r}. {KEYS_HELP}")
            else:
                self.io.keep(line)  # typed ahead: the answer to a question still to come
            return
        how = asker(prompt)
        if word == "q" and how.can_quit:
            self._quit = True  # stop waiting: it stays due, and is said next time
            self.say("stopped waiting; your reminders are kept")
            return
        if word == "q" and how.ends_routine:
            self.visit.quit_routine()
            return
        self._asking.line = line
        self._asking.now = self.clock.now()
        value = how.value(prompt, word, self._asking)
        if value is AGAIN:
            self._ask_again(prompt, empty=not word)
            return
        if value is WAITING:
            return
        why = self.visit.answer(prompt, value)
        if why is not None:
            self.say(why)
            self._ask_again(prompt, empty=False)

    def _ask_again(self, prompt: Prompt[Any], empty: bool) -> None:
        """Ask once more; never faster than a person types, however fast empty lines come."""
        if empty:
            wait = self._asked_at + 1.0 - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
        self._ask(prompt, again=True)

    def _waiting_for_enter(self) -> bool:
        session = self.visit.session
        return session is not None and session.running and not session.segment.timed

    def _command(self, word: str) -> None:
        visit = self.visit
        if word in ("", "c", "continue"):
            visit.go_on()
        elif word == "n":
            visit.next()
        elif word == "b":
            visit.previous()
        elif word == "r":
            visit.restart_step()
        elif word in ("p", "pause"):
            visit.pause()
        elif word == "q":
            if visit.session is not None:
                visit.quit_routine()
            elif visit.therapy is not None and visit.therapy.active:
                visit.stop_timer()
            else:
                self._quit = True
        else:
            self.say(f"unknown key {word!r}. {KEYS_HELP}")

    # -- the end of input ---------------------------------------------------------------------

    def _at_end(self, prompt: Prompt[Any] | None) -> bool:
        """Nothing new can be read now (the input ended, or what was typed waits for a
        question to come). What that means is the visit's. Returns False when the face must
        stop here."""
        visit = self.visit
        if self.io.pending or (prompt is None and not self.io.eof):
            self.io.wait_until(self._deadline())
            return True
        if prompt is not None:
            partial = asker(prompt).partial
            given = partial(self._asking) if partial is not None else None
            if given is not None:  # some lines of it came before the end
                visit.answer(prompt, given)
                return True
        then = visit.unanswered(prompt)
        if then.problem:
            self.exit_code = EXIT_PROBLEM
        if isinstance(then, Wait):
            self.io.wait_until(then.until if then.until is not None else self._deadline())
        return not isinstance(then, Leave)


def _beat_words(event: Event) -> str:
    if event.beat == "countdown":
        return str(event.value)
    if event.beat == "rep":
        reps = event.segment.reps if event.segment else 0
        return f"rep {event.value}/{reps}"
    if event.beat == "warning":
        return "one minute left: get ready to take it off"
    return event.beat.replace("-", " ")

"""The --plain runner: the same engine, one flushed line per event, prompts read from stdin.

For screen readers, logs and scripts. At the end of input every prompt is answered with its
default, and the answer is printed, so a scripted run always finishes.
"""

from __future__ import annotations

from typing import TextIO

from unknot.core.durations import format_duration
from unknot.core.numbers import typed_number
from unknot.core.plan import Kind, Plan
from unknot.core.routine import Question
from unknot.core.safety import LEVEL_HEADINGS, NOT_ADVICE, Sign, Stop, advice, stop_for
from unknot.core.session import CheckIn, Event, Outcome, Session, State
from unknot.core.text import clean, one_line
from unknot.plain.lines import LineIO, stop_lines
from unknot.services.context import Context, plain_bell

KEYS_HELP = (
    "Type then Enter: Enter continues, n next, b back, p pause/resume, r restart step, "
    "q quit, ! warning signs."
)


class PlainRunner:
    def __init__(
        self, context: Context, out: TextIO | None = None, inp: TextIO | None = None
    ) -> None:
        self.context = context
        self.io = LineIO(context.clock, out, inp)
        self.session: Session | None = None
        self.session_id: int | None = None
        self._prompted = -1

    @property
    def eof(self) -> bool:
        return self.io.eof

    # -- output --

    def say(self, text: str, at: float | None = None) -> None:
        if at is None:
            at = self.session.elapsed() if self.session else 0.0
        self.io.say(text, at)

    def _on_event(self, event: Event) -> None:
        assert self.session is not None
        plan = self.session.plan
        seg = event.segment
        if event.name == "started":
            routine = plan.routine
            self.say(
                f"start {one_line(routine.name)}: {len(routine.steps)} steps, "
                f"{format_duration(plan.total * plan.speed)}",
                event.elapsed,
            )
            if plan.speed != 1:
                self.say(f"PREVIEW: every duration divided by {plan.speed:g}", event.elapsed)
        elif event.name == "segment" and seg is not None:
            where = f"step {seg.step_index + 1}/{plan.step_count}"
            if plan.routine.rounds > 1:
                where += f" round {seg.round}/{plan.routine.rounds}"
            self.say(f"{where} {one_line(seg.describe())}", event.elapsed)
            if seg.how and plan.first_of_step(seg.index) == seg.index:
                for line in clean(seg.how).splitlines():
                    if line.strip():
                        self.say(f"  {line.strip()}", event.elapsed)
        elif event.name == "beat":
            self.say(_beat_words(event), event.elapsed)
        elif event.name in ("paused", "resumed"):
            self.say(event.name, event.elapsed)
        elif event.name == "finished":
            outcome = event.value
            if outcome is Outcome.COMPLETED:
                self.say(f"done: {one_line(plan.routine.name)} completed", event.elapsed)
            else:
                self.say(f"stopped: {outcome.value}", event.elapsed)

    # -- input --

    def read_line(self, deadline: float | None = None) -> str | None:
        return self.io.read_line(deadline)

    def ask(self, prompt: str, default: str, default_words: str) -> str:
        """Ask and wait for an answer; at the end of input take `default`, and say so."""
        self.say(prompt)
        line = self.read_line()
        if line is None:
            self.say(f"(end of input: {default_words})")
            return default
        return line

    # -- running --

    def run_plan(self, plan: Plan) -> int:
        self.say(NOT_ADVICE, 0.0)
        self.context.ring = plain_bell
        player = self.context.player
        self.say(f"sound: {player.description}", 0.0)
        try:
            history = self.context.store
            if history.problem:
                self.say(history.problem, 0.0)
            if not self.daily_check(plan):
                return 0
            pain = self.ask_pain("Before you start: pain now, 0 to 10 (Enter skips):")
            self.session = session = Session(plan, self.context.clock)
            session.start_pain = pain
            # The timed lines are said first (a database write must not make them late);
            # a check-in is said only after it is recorded (see check_in).
            session.subscribe(self._on_event)
            self.session_id = self.context.recorder.session(session, pain)
            player.follow_session(session)
            self.say(KEYS_HELP, 0.0)
            session.start()
            while not session.finished:
                self._step()
            if session.outcome is not Outcome.SAFETY_STOP:
                after = self.ask_pain("After the routine: pain now, 0 to 10 (Enter skips):")
                if after is not None:
                    history.set_pain(self.session_id, "after", after)
            player.finish()
        except KeyboardInterrupt:
            if self.session is not None:
                self.session.finish(Outcome.ENDED_EARLY, "interrupted")
            return 130
        return 0

    def daily_check(self, plan: Plan) -> bool:
        """The start-of-day check. False when it led to a stop."""
        remembered = self.context.remembered
        today = self.context.today()
        if not remembered.daily_check_due(today):
            return True
        signs = [s for s in self.context.catalogue.signs if s.level in ("emergency", "urgent")]
        self.say("Before you start today: do you have any of these?")
        self._list_signs(signs)
        while True:
            answer = self.ask(
                "Type its number, or c if none of these apply:", "c", "taken as none of these"
            )
            if answer.lower() in ("c", ""):
                if answer == "" and not self.eof:
                    continue
                remembered.daily_check_done(today)
                return True
            sign = _pick(signs, answer)
            if sign is not None:
                self.show_stop(stop_for(sign))
                return False
            self.say("That is not one of the numbers.")

    def _list_signs(self, signs: list[Sign]) -> None:
        level = None
        for number, sign in enumerate(signs, 1):
            if sign.level != level:
                level = sign.level
                self.say(LEVEL_HEADINGS[level])
            origin = f" (this {sign.origin})" if sign.origin != "built-in" else ""
            self.say(f"  {number:2d}. {one_line(sign.words)}{origin}")

    def _step(self) -> None:
        session = self.session
        assert session is not None
        seg = session.segment
        if session.running and seg.kind is Kind.APPLY:
            self.therapy_step()
            return
        if session.running and not seg.timed and self._prompted != len(session.visited):
            self._prompted = len(session.visited)
            if seg.kind is Kind.CHECK:
                self.check_in()
                return
            self.say(_prompt(seg.kind))
        if self.eof:
            if session.running and not seg.timed:
                self.say("(end of input: continuing)")
                session.next()
                return
            if session.state is State.PAUSED:
                session.resume()
            self.io.wait_until(session.next_deadline())
        else:
            line = self.read_line(session.next_deadline())
            if line is not None:
                self._command(line.lower())
        session.update()

    def _command(self, word: str) -> None:
        session = self.session
        assert session is not None
        if word in ("", "c", "continue"):
            if session.segment.kind is Kind.CHECK:
                self.check_in()
            elif not session.segment.timed:
                session.next()
        elif word == "n":
            session.next()
        elif word == "b":
            session.previous()
        elif word == "r":
            session.restart_step()
        elif word in ("p", "pause"):
            session.toggle_pause()
        elif word == "q":
            session.finish(Outcome.ENDED_EARLY, "quit")
        elif word == "!":
            self.warning_signs()
        else:
            self.say(f"unknown key {word!r}. {KEYS_HELP}")

    def warning_signs(self) -> None:
        session = self.session
        assert session is not None
        was_running = session.running
        session.pause()
        signs = self.context.catalogue.with_routine(session.plan.routine, session.segment.step)
        self.say("Warning signs:")
        self._list_signs(signs)
        answer = self.ask(
            "Type the number of the one you have, or Enter to go back:", "", "going back"
        )
        sign = _pick(signs, answer)
        if sign is not None:
            self.show_stop(stop_for(sign))
        elif was_running:
            session.resume()

    def therapy_step(self) -> None:
        """A routine's ice: or heat: step runs as its own timer while the routine waits."""
        from unknot.core.routine import Therapy as TherapyStep
        from unknot.core.therapy import Therapy, skin_stop, spec_from_step
        from unknot.plain.timers import PlainTherapy
        from unknot.store.timers import TimerStore

        session = self.session
        assert session is not None
        session.pause()
        step = session.segment.step
        assert isinstance(step, TherapyStep)
        therapy = Therapy(spec_from_step(step, session.plan.speed), self.context.clock)
        store = TimerStore(self.context.data_dir)
        self.context.player.follow_therapy(therapy, session.plan.routine)
        self.context.recorder.therapy(therapy, self.session_id)
        result = PlainTherapy(self.context, therapy, self.io, store, in_routine=True).run()
        if therapy.skin_problem:
            self.show_stop(skin_stop())
            return
        session.skip_step()
        if result == "done":
            session.resume()

    def ask_pain(self, prompt: str) -> int | None:
        while True:
            raw = self.ask(prompt, "", "no pain rating")
            if not raw:
                return None
            pain = typed_number(raw, 0, 10)
            if pain is not None:
                return pain
            self.say("Pain is a number from 0 to 10.")

    def check_in(self) -> None:
        session = self.session
        assert session is not None
        step = session.segment.step
        self.say(f"CHECK-IN: {one_line(step.title)}")
        pain = self.ask_pain("Pain now, 0 to 10 (Enter skips):")
        signs = [*session.plan.routine.stop_if, *step.stop_if]
        questions = [*map(Question, signs), *getattr(step, "ask", ())]
        answers = []
        for q in questions:
            if q.stops_on:
                raw = self.ask(f"{one_line(q.text)}? y/N", "n", "no")
            else:
                raw = self.ask(f"{one_line(q.text)}? Y/n (n = stop)", "y", "yes")
            answers.append(q.answered(raw.lower().startswith("y") if raw else not q.stops_on))
        check = CheckIn(pain, tuple(answers))
        stop = session.check_in(check)
        shown = "skipped" if pain is None else f"{pain}/10"
        yes = [q for q, a in check.answers if a]
        self.say(f"check-in: pain {shown}" + (f"; yes to: {'; '.join(yes)}" if yes else ""))
        if stop is not None:
            self.show_stop(stop)
        else:
            session.next()

    def show_stop(self, stop: Stop) -> None:
        session = self.session
        therapy_on = bool(session and session.therapy_on)
        if session is not None and stop not in session.stops:
            session.safety_stop(stop)  # its event sounds the safety cue
        else:
            self.context.player.stop()
            self.context.player.play("safety")
            self.context.recorder.stop(stop)
        words = advice(stop.level, self.context.number, therapy_on, stop.also, session is not None)
        for line in stop_lines(stop, words):
            self.say(line)
        if session is None or session.finished:
            return
        while True:
            answer = self.ask(
                "Type s to skip this step, or e to end the routine:", "e", "ending the routine"
            )
            if answer.lower() == "s":
                session.skip_step()
                self.say("skipped: the routine is paused; type p to go on")
                return
            if answer.lower() == "e":
                session.finish(Outcome.SAFETY_STOP, stop.reason)
                return


def _pick(signs: list[Sign], answer: str) -> Sign | None:
    number = typed_number(answer, 1, len(signs))
    if number is not None:
        return signs[number - 1]
    return None


def _prompt(kind: Kind) -> str:
    return {
        Kind.SET: "press Enter when the set is done",
        Kind.REMOVE: "REMOVE IT NOW: take the pack off, then press Enter",
        Kind.SKIN_CHECK: "look at your skin, then press Enter",
    }.get(kind, "press Enter to continue")


def _beat_words(event: Event) -> str:
    if event.beat == "countdown":
        return str(event.value)
    if event.beat == "rep":
        reps = event.segment.reps if event.segment else 0
        return f"rep {event.value}/{reps}"
    if event.beat == "warning":
        return "one minute left: get ready to take it off"
    return event.beat.replace("-", " ")

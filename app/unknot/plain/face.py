"""The line face: the visit as one stamped line per event, answers read from stdin.

For screen readers, logs and scripts. It says what the visit announces and asks what the visit
asks; the only thing it decides is how to ask on a line (a check-in's questions one at a time).
At the end of input a preview takes every answer's default and says so; a real visit takes no
answer that is a fact about the person (the day's check, a check-in, "the pack is off"): it
says what it can't know, and ends or keeps alarming.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from unknot.core.checkin import CheckIn, answer
from unknot.core.durations import format_clock, format_duration
from unknot.core.numbers import typed_number
from unknot.core.plan import Kind
from unknot.core.prompts import (
    CheckInPrompt,
    ConfirmPrompt,
    DailyCheckPrompt,
    FunctionPrompt,
    Happening,
    HighPainPrompt,
    MessagePrompt,
    NoticePrompt,
    PainPrompt,
    Prompt,
    ReapplyPrompt,
    Record,
    ReminderPrompt,
    RemovePackPrompt,
    Signal,
    SignsPrompt,
    SkinCheckPrompt,
    SkinRestPrompt,
    StopPrompt,
)
from unknot.core.psfs import MOST_ACTIVITIES, rating
from unknot.core.safety import LEVEL_HEADINGS, NOT_ADVICE, Sign, advice
from unknot.core.session import Event, Outcome, ending
from unknot.core.text import clean, one_line
from unknot.core.therapy import TherapyEvent
from unknot.core.title import visit_title
from unknot.core.visit import ENDING_LEVELS, Visit
from unknot.plain.lines import LineIO, stop_lines
from unknot.services.runtime import VisitRuntime
from unknot.sound.attention import TerminalTitle

KEYS_HELP = (
    "Type then Enter: Enter continues, n next, b back, p pause/resume, r restart step, "
    "q quit, ! warning signs."
)
PAIN_WORDS = "Pain is a number from 0 to 10."
NOTICE = (
    "Move slowly and only as far as is comfortable. Type ! and Enter at any time if you have "
    "a warning sign."
)
SKIN_QUESTION = (
    "Look at your skin. Is it normal? y = normal; n = white, grey or waxy, numb, blistered, "
    "or very red and painful"
)
ON_WORDS = {
    "ice": "a thin towel between the pack and your skin; never ice straight on the skin",
    "heat": "a thin towel between the pack and your skin; medium heat at most; don't fall asleep",
}
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
        self._checkin: list[object] = []  # a check-in's answers so far: pain, then each question
        self._activities: list[tuple[str, int | None]] = []  # the function scale's lines so far
        self._said_at_end: set[str] = set()
        self._quit = False
        self._line = ""  # the line being answered, as typed (activities keep their case)
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
        elif isinstance(happening, Signal):
            if happening.name == "refused":
                self.say(f"not now: {happening.value}")
            elif happening.name == "told":
                title, text = happening.value
                self.say(f"{title}: {text}")
            elif happening.name == "reminder":
                reminder, overdue = happening.value
                late = f" (overdue by {format_clock(overdue)})" if overdue >= 60 else ""
                self.say(f"REMINDER: {one_line(reminder.text)}{late}")
        elif isinstance(happening, Record) and happening.name == "check-in":
            check: CheckIn = happening.value
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
        if event.name == "started":
            routine = plan.routine
            total = format_duration(plan.total * plan.speed)
            self.io.say(f"start {one_line(routine.name)}: {len(routine.steps)} steps, {total}", at)
            if plan.preview:
                self.io.say(f"PREVIEW: every duration divided by {plan.speed:g}", at)
            self.io.say(KEYS_HELP, at)
        elif event.name == "segment" and seg is not None:
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
        elif event.name == "beat":
            self.io.say(_beat_words(event), at)
        elif event.name in ("paused", "resumed"):
            self.io.say(event.name, at)
        elif event.name == "finished":
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
        if event.name == "started":
            preview = f" (PREVIEW ×{spec.speed:g})" if spec.speed != 1 else ""
            self.say(
                f"{spec.kind} {of}: ON for {format_duration(spec.on)} — {ON_WORDS[spec.kind]}"
                + preview
            )
        elif event.name == "next-cycle":
            self.say(
                f"{spec.kind} {of}: ON again for {format_duration(spec.on)} — {ON_WORDS[spec.kind]}"
            )
        elif event.name == "warning":
            self.say("one minute left: get ready to take it off")
        elif event.name == "remove":
            late = event.overdue * spec.speed
            when = f" (overdue by {format_clock(late)})" if late >= 1 else ""
            self.say(f"REMOVE IT NOW: take the {spec.words} off{when}")
        elif event.name == "alarm":
            self.say(f"REMOVE IT NOW: overdue by {format_clock(event.overdue * spec.speed)}")
        elif event.name == "removed":
            self.say(
                f"off: skin rest for {format_duration(spec.off)}; let the skin return to normal"
            )
        elif event.name == "rest-over":
            self.say("skin rest over")
        elif event.name == "done":
            self.say(f"done: {spec.kind}, {event.cycle} application(s)")
        elif event.name == "stopped":
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
                if isinstance(prompt, NoticePrompt | MessagePrompt):
                    # A line can't wait on a dialog: said when it came, and so seen.
                    visit.answer(prompt, None)
                    continue
                self._ask(prompt)
                if self._quit and (prompt is None or isinstance(prompt, ReminderPrompt)):
                    break
                if prompt is None and finished():
                    break
                if isinstance(prompt, SignsPrompt | StopPrompt) and self.io.pending:
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
        if not ending or "last words" in self._said_at_end:
            return
        self._said_at_end.add("last words")
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

    def _ask(self, prompt: Prompt | None, again: bool = False) -> None:
        """Say the prompt in front, once (or again after an answer that didn't fit)."""
        key = prompt.key if prompt is not None else None
        if key == self._asked and not again:
            return
        if key != self._asked:
            self._checkin = []
            self._activities = []
        self._asked = key
        self._asked_at = self.clock.now()
        if prompt is None:
            return
        lines = self._prompt_lines(prompt)
        for line in lines[-1:] if again else lines:  # asked again: the question alone
            self.say(line)

    def _prompt_lines(self, prompt: Prompt) -> list[str]:
        if isinstance(prompt, StopPrompt):
            keys = "s to skip this step, or e to end the routine" if prompt.can_skip else "e"
            if prompt.can_lift:
                return [
                    *stop_lines(prompt.stop, prompt.advice),
                    "Type e when you have read this, or c if you have been seen by a doctor "
                    "or nurse about it or reported it by mistake:",
                ]
            if not prompt.can_skip and not prompt.in_routine:
                return [*stop_lines(prompt.stop, prompt.advice), "Type e when you have read this:"]
            return [*stop_lines(prompt.stop, prompt.advice), f"Type {keys}:"]
        if isinstance(prompt, SignsPrompt):
            return [
                "Warning signs:",
                *_sign_lines(list(prompt.signs)),
                "Type the number of the one you have, or Enter to go back:",
            ]
        if isinstance(prompt, DailyCheckPrompt):
            return [
                "Before you start today: do you have any of these?",
                *_sign_lines(list(prompt.signs)),
                "Type its number, or c if none of these apply:",
            ]
        if isinstance(prompt, RemovePackPrompt):
            return [f"REMOVE IT NOW: take the {prompt.words} off, then type o and Enter"]
        if isinstance(prompt, SkinCheckPrompt):
            return [SKIN_QUESTION + " y/n"]
        if isinstance(prompt, ConfirmPrompt):
            return [f"{prompt.question} y/n"]
        if isinstance(prompt, MessagePrompt):
            return [f"{prompt.title}: {prompt.text}"]
        if isinstance(prompt, NoticePrompt):
            return [NOTICE]
        if isinstance(prompt, PainPrompt):
            return [f"{prompt.question} 0 to 10 (Enter skips):"]
        if isinstance(prompt, HighPainPrompt):
            return [prompt.text, "Go on gently anyway? y/n"]
        if isinstance(prompt, CheckInPrompt):
            return self._checkin_lines(prompt)
        if isinstance(prompt, SkinRestPrompt):
            left = prompt.ready_at - self.clock.now()
            what = "skip this step" if prompt.in_routine else "cancel"
            if left > 0:
                return [
                    f"Let your skin rest {format_clock(left)} more before the {prompt.words} "
                    f"goes on. Type c to {what}, or wait."
                ]
            return [
                f"Your skin has rested. Put the {prompt.words} on (a towel between), then "
                f"press Enter; c to {what}"
            ]
        if isinstance(prompt, ReapplyPrompt):
            return [
                f"You may reapply. Enter starts application {prompt.next_cycle}/"
                f"{prompt.cycles}; f finishes"
            ]
        if isinstance(prompt, FunctionPrompt):
            return _function_lines(prompt, len(self._activities))
        assert isinstance(prompt, ReminderPrompt)
        keys = "d done"
        if prompt.reminder.routine:
            keys += f", r start {prompt.reminder.routine}"
        return [f"{keys}, 1/2/3 snooze 5/10/15 minutes, k skip"]

    def _checkin_lines(self, prompt: CheckInPrompt) -> list[str]:
        step = len(self._checkin)
        lines = [f"CHECK-IN: {one_line(prompt.title)}"] if step == 0 else []
        if step == 0:
            return [*lines, "Pain now, 0 to 10 (Enter skips):"]
        text, stops_on = prompt.questions[step - 1]
        asked = one_line(text) if text.rstrip().endswith("?") else f"{one_line(text)}?"
        return [f"{asked} y/n ({'y' if stops_on else 'n'} = stop)"]

    # -- answers ----------------------------------------------------------------------------

    def _typed(self, line: str, prompt: Prompt | None) -> None:
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
        if word == "q" and isinstance(prompt, ReminderPrompt):
            self._quit = True  # stop waiting: the reminder stays due, and is said next time
            self.say("stopped waiting; your reminders are kept")
            return
        self._line = line
        value = self._value(prompt, word)
        if value is _AGAIN:
            if isinstance(prompt, PainPrompt | CheckInPrompt) and word and not self._checkin:
                self.say(PAIN_WORDS)
            self._ask_again(prompt, empty=not word)
            return
        if value is _WAITING:
            return
        why = self.visit.answer(prompt, value)
        if why is not None:
            self.say(why)
            self._ask_again(prompt, empty=False)

    def _ask_again(self, prompt: Prompt, empty: bool) -> None:
        """Ask once more; never faster than a person types, however fast empty lines come."""
        if empty:
            wait = self._asked_at + 1.0 - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
        self._ask(prompt, again=True)

    def _value(self, prompt: Prompt, word: str) -> object:
        """The typed word as the answer `prompt` takes, or _AGAIN when it isn't one."""
        if isinstance(prompt, StopPrompt):
            if (
                word == "e"
                or (word == "s" and prompt.can_skip)
                or (word == "c" and prompt.can_lift)
            ):
                return {"e": "end", "s": "skip", "c": "lift"}[word]
            return _AGAIN
        if isinstance(prompt, SignsPrompt):
            return None if not word else _pick(list(prompt.signs), word)
        if isinstance(prompt, DailyCheckPrompt):
            return None if word == "c" else _pick(list(prompt.signs), word)
        if isinstance(prompt, RemovePackPrompt):
            return None if word in ("o", "off") else _AGAIN
        if isinstance(prompt, SkinCheckPrompt | ConfirmPrompt | HighPainPrompt):
            return _yes_no(word)
        if isinstance(prompt, MessagePrompt | NoticePrompt):
            return None
        if isinstance(prompt, PainPrompt):
            return _pain(word)
        if isinstance(prompt, CheckInPrompt):
            return self._checkin_answer(prompt, word)
        if isinstance(prompt, SkinRestPrompt):
            return "cancel" if word == "c" else ("apply" if not word else _AGAIN)
        if isinstance(prompt, ReapplyPrompt):
            return False if word == "f" else (True if not word else _AGAIN)
        if isinstance(prompt, FunctionPrompt):
            return self._function_answer(prompt, self._line)
        assert isinstance(prompt, ReminderPrompt)
        snooze = {"1": 5, "2": 10, "3": 15}
        if word in snooze:
            return ("snooze", snooze[word])
        return {"d": "done", "r": "routine", "k": "skip"}.get(word, _AGAIN)

    def _checkin_answer(self, prompt: CheckInPrompt, word: str) -> object:
        if not self._checkin:
            pain = _pain(word)
            if pain is _AGAIN:
                return _AGAIN
            self._checkin.append(pain)
        else:
            yes = _yes_no(word)
            if yes is _AGAIN:
                return _AGAIN
            self._checkin.append(yes)
        done = len(self._checkin) - 1
        if done < len(prompt.questions):
            for line in self._checkin_lines(prompt):
                self.say(line)
            return _WAITING
        pain, *answers = self._checkin
        built = tuple(answer(q, bool(a)) for q, a in zip(prompt.questions, answers, strict=True))
        return CheckIn(pain if isinstance(pain, int) else None, built)

    def _function_answer(self, prompt: FunctionPrompt, line: str) -> object:
        """One activity a line, its rating last ("walking to the shop 4"); a rating alone
        rates last week's activity in that place. Empty: done (or not now, before any)."""
        word = line.strip()
        if not self._activities and word.lower() in ("s", "skip"):
            return "skip"
        if not word:
            return rating(self._activities) if self._activities else None
        match = _ACTIVITY.fullmatch(word)
        place = len(self._activities)
        if match is None:
            self.say("End the line with its rating, 0 to 10, like: walking to the shop 4")
            return _WAITING
        activity = match[1] or (prompt.activities[place] if place < len(prompt.activities) else "")
        score = typed_number(match[2], 0, 10)
        if not activity or score is None:
            self.say("Name the activity, then its rating from 0 to 10.")
            return _WAITING
        self._activities.append((activity, score))
        if len(self._activities) == MOST_ACTIVITIES:
            return rating(self._activities)
        for text in _function_lines(prompt, len(self._activities)):
            self.say(text)
        return _WAITING

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

    def _at_end(self, prompt: Prompt | None) -> bool:
        """Nothing new can be read now (the input ended, or what was typed waits for a
        question to come). Returns False when the face must stop here."""
        visit = self.visit
        if self.io.pending or (prompt is None and not self.io.eof):
            self.io.wait_until(self._deadline())
            return True
        if prompt is None:
            session = visit.session
            waiting = session is not None and session.running and not session.segment.timed
            if waiting and session is not None and session.segment.kind in (Kind.NOTE, Kind.SET):
                self.say("(end of input: continuing)")
                visit.go_on()
                return True
            self.io.wait_until(self._deadline())
            return True
        if isinstance(prompt, NoticePrompt | MessagePrompt):
            visit.answer(prompt, None)  # said already; nothing to answer
            return True
        if visit.preview:
            return self._default(prompt)
        return self._real_default(prompt)

    def _default(self, prompt: Prompt) -> bool:
        """A preview: every answer's default, said as such."""
        value: object = None
        if isinstance(prompt, StopPrompt):
            if not prompt.armed(self.clock.now()):
                self.io.wait_until(prompt.armed_at)
                return True
            value = "end"
        elif isinstance(prompt, CheckInPrompt):
            value = CheckIn(None, tuple(answer(q, not q[1]) for q in prompt.questions))
        elif isinstance(prompt, SkinCheckPrompt):
            value = True
        elif isinstance(prompt, ConfirmPrompt | ReapplyPrompt | HighPainPrompt):
            value = False
        elif isinstance(prompt, SkinRestPrompt):
            value = "cancel"
        elif isinstance(prompt, ReminderPrompt):
            value = "done"
        self.say(f"(end of input, preview: {_shown(value)})")
        self.visit.answer(prompt, value)
        return True

    def _real_default(self, prompt: Prompt) -> bool:
        """A real visit: take no answer that is a fact about the person."""
        visit = self.visit
        if isinstance(prompt, SignsPrompt):
            visit.answer(prompt, None)
        elif isinstance(prompt, PainPrompt):
            self.say("(end of input: no pain rating)")
            visit.answer(prompt, None)
        elif isinstance(prompt, DailyCheckPrompt):
            self.say(
                "(end of input: the start-of-day check was not answered, so the routine "
                "does not start)"
            )
            visit.answer(prompt, "cancel")
            self.exit_code = EXIT_PROBLEM
        elif isinstance(prompt, HighPainPrompt):
            self.say("(end of input: not starting)")
            visit.answer(prompt, False)
        elif isinstance(prompt, CheckInPrompt):
            self.say("(end of input: the check-in can't be answered, so the routine ends here)")
            visit.quit_routine()
            front = visit.prompt
            if isinstance(front, ConfirmPrompt):
                visit.answer(front, True)
            self.exit_code = EXIT_PROBLEM
        elif isinstance(prompt, StopPrompt):
            if not prompt.armed(self.clock.now()):
                self.io.wait_until(prompt.armed_at)
            else:
                visit.answer(prompt, "end")
        elif isinstance(prompt, RemovePackPrompt):
            if "remove" not in self._said_at_end:
                self._said_at_end.add("remove")
                self.say(
                    "(end of input: nothing can tell unknot the pack is off, so the alarm "
                    "goes on; Ctrl+C leaves the timer saved)"
                )
            self.io.wait_until(self._deadline())
        elif isinstance(prompt, SkinCheckPrompt):
            self.say(
                "(end of input: the skin check is still to answer; run the same command "
                "to answer it)"
            )
            self.exit_code = EXIT_PROBLEM
            return False
        elif isinstance(prompt, ConfirmPrompt | ReapplyPrompt):
            self.say(
                f"(end of input: {'finishing' if isinstance(prompt, ReapplyPrompt) else 'no'})"
            )
            visit.answer(prompt, False)
        elif isinstance(prompt, SkinRestPrompt):
            self.say("(end of input: not applying)")
            visit.answer(prompt, "cancel")
        elif isinstance(prompt, ReminderPrompt):
            visit.answer(prompt, "done")
        elif isinstance(prompt, FunctionPrompt):
            if self._activities:
                visit.answer(prompt, rating(self._activities))
            else:
                self.say("(end of input: the weekly questions wait for next time)")
                visit.answer(prompt, None)
        return True


_ACTIVITY = re.compile(r"(.*?)\s*[:=]?\s*([0-9]{1,2})")


def _function_lines(prompt: FunctionPrompt, given: int) -> list[str]:
    last = prompt.activities
    if given == 0:
        lines = [f"THIS WEEK: {prompt.question}"]
        if last:
            named = "; ".join(f"{n}. {one_line(a)}" for n, a in enumerate(last, 1))
            lines.append(f"Last time: {named}. A number alone rates that one again.")
        return [*lines, "Activity 1 and its rating (s skips this week, Enter asks later):"]
    return [f"Activity {given + 1} and its rating (Enter if that is all):"]


class _Marker:
    pass


_AGAIN = _Marker()  # that line is no answer to this question: ask again
_WAITING = _Marker()  # part of an answer: more lines to come


def _pick(signs: list[Sign], word: str) -> object:
    number = typed_number(word, 1, len(signs))
    return _AGAIN if number is None else signs[number - 1]


def _yes_no(word: str) -> object:
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    return _AGAIN


def _pain(word: str) -> object:
    if not word:
        return None
    pain = typed_number(word, 0, 10)
    return _AGAIN if pain is None else pain


def _shown(value: object) -> str:
    if isinstance(value, CheckIn):
        return "nothing to report"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "skipped" if value is None else str(value)


def _sign_lines(signs: list[Sign]) -> list[str]:
    out: list[str] = []
    level = None
    for number, sign in enumerate(signs, 1):
        if sign.level != level:
            level = sign.level
            out.append(LEVEL_HEADINGS[level])
        origin = f" (this {sign.origin})" if sign.origin != "built-in" else ""
        out.append(f"  {number:2d}. {one_line(sign.words)}{origin}")
    return out


def _beat_words(event: Event) -> str:
    if event.beat == "countdown":
        return str(event.value)
    if event.beat == "rep":
        reps = event.segment.reps if event.segment else 0
        return f"rep {event.value}/{reps}"
    if event.beat == "warning":
        return "one minute left: get ready to take it off"
    return event.beat.replace("-", " ")

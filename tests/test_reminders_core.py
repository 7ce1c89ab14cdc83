from unknot.core.clock import FakeClock
from unknot.core.engine.reminders import Missed, ReminderBook, merged
from unknot.core.engine.therapy import OWNER_GRACE


def test_every_reminder_comes_round_again_after_it_is_done():
    book = ReminderBook()
    r = book.add_every(45 * 60, now=0.0, routine="desk-break")
    assert book.due(2699) == []
    assert book.due(2700) == [r]
    book.done(r, now=2750)
    (again,) = book.reminders
    assert again.due == 2750 + 2700
    assert again.routine == "desk-break"


def test_one_off_goes_once_done():
    book = ReminderBook()
    r = book.add_once(25 * 60, now=0.0, text="Reapply heat")
    book.done(r, now=1500)
    assert book.reminders == []


def test_snooze_pause_resume_skip_remove():
    book = ReminderBook()
    r = book.add_every(600, now=0.0)
    book.snooze(r, 10, now=600)
    assert book.get(r.id).due == 1200
    book.pause(book.get(r.id), now=900)
    assert book.get(r.id).paused and book.due(10_000) == []
    assert book.next_due() is None
    book.resume(book.get(r.id), now=5000)
    assert book.get(r.id).due == 5300
    book.skip(book.get(r.id), now=5300)
    assert book.get(r.id).due == 5900
    book.remove(book.get(r.id))
    assert book.reminders == []


def test_state_round_trip_keeps_ids_unique():
    book = ReminderBook()
    book.add_every(60, 0.0, "a")
    book.add_once(60, 0.0, "b")
    again = ReminderBook.from_state(book.to_state())
    assert again.reminders == book.reminders
    new = again.add_once(5, 0.0, "c")
    assert new.id not in {r.id for r in book.reminders}


def test_two_copies_of_the_book_merge_keeping_what_each_did():
    base = ReminderBook()
    move = base.add_every(45 * 60, now=0.0)
    heat = base.add_once(25 * 60, now=0.0, text="Reapply heat")
    water = base.add_once(60 * 60, now=0.0, text="Drink water")
    here = ReminderBook(list(base.reminders))
    there = ReminderBook(list(base.reminders))
    here.done(move, now=2700)  # fired here: comes round again
    here.done(heat, now=1500)  # a one-off, gone once done
    mine_new = here.add_once(10 * 60, now=0.0, text="Stand up")
    there.remove(water)  # deleted on the command line
    theirs_new = there.add_once(5 * 60, now=0.0, text="Call the physio")
    assert mine_new.id == theirs_new.id  # both took the next number
    out = merged(base.reminders, here.reminders, there.reminders)
    assert [r.text for r in out] == ["Time to move", "Call the physio", "Stand up"]
    assert out[0].due == 2700 + 2700  # this copy's change
    assert len({r.id for r in out}) == 3  # the one added here renumbered


def test_a_book_takes_a_merge_and_numbers_on_from_it():
    book = ReminderBook()
    book.add_once(60, now=0.0, text="a")
    book.changed = False
    elsewhere = ReminderBook(list(book.reminders))
    elsewhere.add_once(60, now=0.0, text="b")
    book.take(merged(book.reminders, book.reminders, elsewhere.reminders))
    assert [r.text for r in book.reminders] == ["a", "b"] and not book.changed
    assert book.add_once(60, now=0.0, text="c").id == 3


def test_a_merged_book_never_hands_out_an_id_it_gave_before():
    book = ReminderBook()
    book.add_once(60, now=0.0, text="a")
    gone = book.add_once(60, now=0.0, text="b")
    base = list(book.reminders)
    book.remove(gone)
    book.take(merged(base, book.reminders, base))
    elsewhere = [r for r in base if r.id != gone.id]  # removed there too, meanwhile
    new = book.add_once(60, now=0.0, text="c")
    assert new.id != gone.id
    assert [r.text for r in merged(base, book.reminders, elsewhere)] == ["a", "c"]


def test_a_time_taken_in_hand_is_that_time_only_and_is_kept():
    """An open copy takes a due reminder in hand; its next time (after the answer, a snooze,
    a resume) is a new one that no copy has taken yet."""
    book = ReminderBook()
    move = book.add_every(600, now=0.0)
    later = book.add_once(3600, now=0.0, text="Reapply heat")
    assert not book.take_in_hand(599)  # nothing due yet
    book.changed = False
    assert book.take_in_hand(600) and book.changed
    assert book.get(move.id).in_hand and not book.get(later.id).in_hand
    assert not book.take_in_hand(650)  # taken already: nothing new, nothing to save
    again = ReminderBook.from_state(book.to_state())
    assert again.get(move.id).in_hand  # what a watcher reads back from the file
    book.snooze(book.get(move.id), 5, now=700)
    assert not book.get(move.id).in_hand
    book.take_in_hand(1000)
    book.done(book.get(move.id), now=1000)
    assert not book.get(move.id).in_hand and book.get(move.id).due == 1600
    book.take_in_hand(1600)
    book.pause(book.get(move.id), now=1700)
    book.resume(book.get(move.id), now=2000)
    assert not book.get(move.id).in_hand and book.due(2000)


def test_a_reminder_no_open_copy_takes_is_missed_after_the_grace_and_one_taken_never():
    clock = FakeClock()
    book = ReminderBook()
    stand = book.add_every(60, clock.wall(), "Stand up")
    water = book.add_every(60, clock.wall(), "Drink some water")
    missed = Missed(clock)
    assert missed.missed(book) == [] and missed.next_look() is None
    clock.advance(60)
    book.take_in_hand(clock.wall())  # the open copy takes both in hand as they fall due
    clock.advance(OWNER_GRACE * 10)
    assert missed.missed(book) == [] and missed.next_look() is None
    book.done(book.get(stand.id), clock.wall())  # answered: comes round again
    clock.advance(60)  # and falls due with no copy taking it (stopped with Ctrl+Z)
    assert missed.missed(book) == []
    assert missed.next_look() == OWNER_GRACE
    clock.advance(OWNER_GRACE - 0.1)
    assert missed.missed(book) == []
    clock.advance(0.1)
    assert [r.text for r in missed.missed(book)] == ["Stand up"]
    assert book.get(water.id).in_hand  # shown there, unanswered: that copy's, however long


def test_after_a_clock_set_forward_an_open_copy_has_its_moment_first():
    """The grace counts from when the watcher saw it due, on the boot clock: a wall clock set
    an hour forward makes a reminder an hour overdue at once, and a running copy takes it in
    hand within a second."""
    clock = FakeClock()
    book = ReminderBook()
    book.add_every(1800, clock.wall())
    missed = Missed(clock)
    clock.jump_wall(3600)
    assert missed.missed(book) == [] and missed.next_look() == OWNER_GRACE
    clock.jump_wall(-3600)  # set back again: not due, and nothing left to look for
    assert missed.missed(book) == [] and missed.next_look() is None
    clock.jump_wall(3600)
    clock.advance(1)
    book.take_in_hand(clock.wall())
    clock.advance(OWNER_GRACE)
    assert missed.missed(book) == []
    clock.jump_wall(3600)  # no copy running this time: told once the grace has passed
    book.done(book.reminders[0], clock.wall() - 1800)  # its next time is due now
    assert missed.missed(book) == []
    clock.advance(OWNER_GRACE)
    assert len(missed.missed(book)) == 1

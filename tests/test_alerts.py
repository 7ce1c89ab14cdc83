"""The words of desktop alerts, from the engines' events on a fake clock."""

from unknot.core.clock import FakeClock
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.core.words.alerts import PACK_TAG, Alert, reminder_alert, therapy_alert


def test_a_pack_warns_then_alarms_with_how_late_it_is_then_asks_for_the_skin():
    clock = FakeClock()
    spec = TherapySpec("heat", on=600, off=1200)
    therapy = Therapy(spec, clock)
    alerts = []
    therapy.subscribe(lambda e: alerts.append(therapy_alert(e, spec)))
    therapy.start()
    clock.advance(540)
    therapy.update()
    clock.advance(60)
    therapy.update()
    clock.advance(130)
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    assert alerts == [
        None,  # started: the person is there, putting it on
        Alert("One minute left", "Get ready to take the heat pack off.", tag=PACK_TAG),
        Alert("Remove it now", "Take the heat pack off now.", "critical", PACK_TAG),
        Alert(
            "Remove it now", "Take the heat pack off now. Overdue by 2:10.", "critical", PACK_TAG
        ),
        None,  # removed
        Alert("Skin rest over", "Look at your skin before you put a pack on again.", tag=PACK_TAG),
    ]


def test_a_reminder_says_its_words_and_how_late_it_is():
    book = ReminderBook()
    reminder = book.add_once(60, 0.0, "Reapply heat\x07")
    assert reminder_alert(reminder) == Alert(
        "Reminder", "Reapply heat", tag=f"reminder-{reminder.id}"
    )
    assert reminder_alert(reminder, late=125).body == "Reapply heat (due 2:05 ago)"
    assert reminder_alert(reminder, late=59).body == "Reapply heat"

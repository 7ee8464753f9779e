"""Progress figures."""

from datetime import date, datetime

from commsdesk.domain import Conversation
from commsdesk.progress.stats import conversations_per_week, people_reached, techniques_used

TODAY = date(2026, 11, 25)  # a Wednesday


def talk(day: date, contact: int = 1, techniques=(), rating=None) -> Conversation:
    return Conversation(contact, datetime.combine(day, datetime.min.time()),
                        techniques=list(techniques), self_rating=rating)


def test_weeks_with_zeros():
    talks = [talk(date(2026, 11, 24)), talk(date(2026, 11, 23)), talk(date(2026, 11, 10)),
             talk(date(2025, 1, 1))]
    weeks = conversations_per_week(talks, TODAY, weeks=4)
    assert weeks == [(date(2026, 11, 2), 0), (date(2026, 11, 9), 1), (date(2026, 11, 16), 0),
                     (date(2026, 11, 23), 2)]


def test_people_reached_and_techniques():
    talks = [talk(date(2026, 11, 20), 1, ["technique-repair"], 4),
             talk(date(2026, 11, 21), 2, ["technique-repair", "technique-one-point"], 2),
             talk(date(2026, 10, 1), 3, ["technique-one-point"])]
    assert people_reached(talks, date(2026, 11, 1)) == 2
    uses = techniques_used(talks)
    assert [(u.technique, u.times, u.average_rating) for u in uses] == [
        ("technique-one-point", 2, 2.0), ("technique-repair", 2, 3.0)]

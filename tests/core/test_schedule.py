"""The schedule rule tables of core/schedule.py (J-1, J-2, J-3) agree with each other, with
core/resources.py and with the seed."""

import datetime
import itertools

import pytest

from anbk.core.resources import LEVEL_RESOURCES
from anbk.core.rules import Level
from anbk.core.schedule import (
    ASSESSMENT_DAYS,
    DEFAULT_CALENDAR_2021,
    LEVEL_WAVES,
    SESSION_TIMES,
    TEST_DAYS,
    CalendarKind,
    Section,
    calendar_days,
    session_time,
)

MON, THU, FRI, SUN = 0, 3, 4, 6


@pytest.mark.parametrize("level", list(Level))
def test_each_session_is_as_long_as_its_test_day(level):  # rules J-2, J-3
    for day, times in zip(TEST_DAYS[level], SESSION_TIMES[level], strict=True):
        assert {t.minutes for t in times} == {day.minutes}


@pytest.mark.parametrize("level", list(Level))
def test_a_level_has_as_many_session_times_as_sessions_a_day(level):  # rules J-3, J-4, S-3
    for times in SESSION_TIMES[level]:
        assert len(times) == LEVEL_RESOURCES[level].max_sessions_per_day
        assert all(a.end <= b.start for a, b in itertools.pairwise(times))


def test_the_2021_minutes_and_times_are_the_pos_ones():  # rules J-2, J-3
    assert TEST_DAYS[Level.SD][0].sections == (
        (Section.PRACTICE, 60), (Section.LITERACY, 75), (Section.CHARACTER_SURVEY, 20))
    assert TEST_DAYS[Level.SMK][1].sections == (
        (Section.PRACTICE, 10), (Section.NUMERACY, 90), (Section.ENVIRONMENT_SURVEY, 30))
    assert session_time(Level.SMA, 1, 2).label() == "10.40–12.50"
    assert session_time(Level.SD, 2, 2).label() == "13.00–15.00"
    assert session_time(Level.SD, 1, 1).label() == "08.00–10.35"


@pytest.mark.parametrize("level", list(Level))
def test_every_level_and_wave_has_one_assessment_of_four_days_monday_to_thursday(level):
    # rule J-1
    for wave in LEVEL_WAVES[level]:
        rows = [r for r in DEFAULT_CALENDAR_2021
                if r.level == level and r.wave == wave and r.kind == CalendarKind.ASSESSMENT]
        assert len(rows) == 1
        days = rows[0].days
        assert len(days) == ASSESSMENT_DAYS
        assert [d.weekday() for d in days] == [0, 1, 2, 3]


def test_the_assessment_weeks_are_those_of_pos_bab_xi_angka_3():  # rule J-1
    starts = {(r.level, r.wave): r.start for r in DEFAULT_CALENDAR_2021
              if r.kind == CalendarKind.ASSESSMENT}
    assert starts == {
        (Level.SMK, 0): datetime.date(2021, 9, 20), (Level.SMA, 0): datetime.date(2021, 9, 27),
        (Level.SMP, 0): datetime.date(2021, 10, 4), (Level.SD, 1): datetime.date(2021, 11, 8),
        (Level.SD, 2): datetime.date(2021, 11, 15)}


def test_each_activity_is_preceded_by_its_sync_window_friday_to_sunday():  # rule J-1
    follows = {CalendarKind.SIMULATION: CalendarKind.SYNC_SIMULATION,
               CalendarKind.REHEARSAL: CalendarKind.SYNC_REHEARSAL,
               CalendarKind.ASSESSMENT: CalendarKind.SYNC_ASSESSMENT}
    for row in DEFAULT_CALENDAR_2021:
        if row.kind not in follows:
            assert row.days[-1].weekday() == SUN
            continue
        syncs = [s for s in DEFAULT_CALENDAR_2021 if s.level == row.level
                 and s.wave == row.wave and s.kind == follows[row.kind]
                 and s.end == row.start - datetime.timedelta(1)]
        assert len(syncs) == 1, row


def test_the_sd_simulation_skips_the_holiday():  # rule J-1, decision 0016
    simulation = next(r for r in DEFAULT_CALENDAR_2021
                      if r.level == Level.SD and r.kind == CalendarKind.SIMULATION)
    assert [d.day for d in simulation.days] == [18, 19, 21, 22]


def test_calendar_days_counts_both_ends_and_drops_excluded_ones():
    start, end = datetime.date(2021, 8, 30), datetime.date(2021, 9, 2)
    assert len(calendar_days(start, end)) == 4
    assert calendar_days(start, end, [datetime.date(2021, 8, 31)])[1] == datetime.date(2021, 9, 1)
    assert calendar_days(end, start) == ()

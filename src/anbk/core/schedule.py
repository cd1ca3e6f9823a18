"""Schedule rules of POS BAB IV and XI (J-1 … J-3): the national calendar, test days with
their sections and minutes, and the 2021 session times.

The calendar below is only the default the centre starts from (it is loaded into
scheduling.CalendarEntry, where the centre edits it); sections, minutes and session times
are read from here by scheduling, documents and delivery. docs/decisions/0016 records how
the garbled calendar table of the seed was read.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from anbk.core.resources import LEVEL_RESOURCES
from anbk.core.rules import Level

# J-1: the assessment runs four days, Monday to Thursday; each participant sits two of them
# (day 1 and day 2, consecutive assessment days). The four days so form two day pairs.
ASSESSMENT_DAYS = 4
DAYS_PER_PARTICIPANT = 2
DAY_PAIRS = ASSESSMENT_DAYS // DAYS_PER_PARTICIPANT

# A wave number of 0 means "the whole level": only SD-level runs in waves (gelombang).
NO_WAVE = 0
LEVEL_WAVES: dict[Level, tuple[int, ...]] = {
    Level.SD: (1, 2),
    Level.SMP: (NO_WAVE,),
    Level.SMA: (NO_WAVE,),
    Level.SMK: (NO_WAVE,),
}


class CalendarKind(StrEnum):
    """What happens in a calendar window (J-1)."""

    SYNC_SIMULATION = "sync_simulation"
    SIMULATION = "simulation"
    SYNC_REHEARSAL = "sync_rehearsal"
    REHEARSAL = "rehearsal"
    SYNC_ASSESSMENT = "sync_assessment"
    ASSESSMENT = "assessment"


@dataclass(frozen=True)
class CalendarDefault:
    level: Level
    wave: int
    kind: CalendarKind
    title: str
    start: datetime.date
    end: datetime.date
    excluded: tuple[datetime.date, ...] = ()

    @property
    def days(self) -> tuple[datetime.date, ...]:
        return calendar_days(self.start, self.end, self.excluded)


def calendar_days(start: datetime.date, end: datetime.date,
                  excluded=()) -> tuple[datetime.date, ...]:
    """Every date of a window, start and end included, without the excluded ones."""
    skip = set(excluded)
    count = (end - start).days + 1
    return tuple(d for d in (start + datetime.timedelta(n) for n in range(count))
                 if d not in skip)


def _d(month: int, day: int) -> datetime.date:
    return datetime.date(2021, month, day)


_UPPER = (Level.SMP, Level.SMA, Level.SMK)


def _default_calendar_2021() -> tuple[CalendarDefault, ...]:
    """POS AN 2021, BAB XI angka 2 ("Tanggal Penting") and angka 3 (the assessment weeks);
    rows read as docs/decisions/0016 explains."""
    K = CalendarKind
    rows: list[CalendarDefault] = []
    # Rows 1–5: the August simulation in two waves for SMP/SMA/SMK level; the centre
    # assigns a school to one of them (the seed does not say how), so both are listed.
    for level in _UPPER:
        rows += [
            CalendarDefault(level, NO_WAVE, K.SYNC_SIMULATION,
                            "Sinkronisasi Simulasi AN Gelombang I", _d(8, 20), _d(8, 22)),
            CalendarDefault(level, NO_WAVE, K.SIMULATION, "Simulasi AN Gelombang I",
                            _d(8, 23), _d(8, 26)),
            CalendarDefault(level, NO_WAVE, K.SYNC_SIMULATION,
                            "Sinkronisasi Simulasi AN Gelombang II", _d(8, 27), _d(8, 29)),
            CalendarDefault(level, NO_WAVE, K.SIMULATION, "Simulasi AN Gelombang II",
                            _d(8, 30), _d(9, 2)),
        ]
    # Rows 6–9: dress rehearsals; SMA and SMK level share theirs.
    for level in (Level.SMA, Level.SMK):
        rows += [
            CalendarDefault(level, NO_WAVE, K.SYNC_REHEARSAL, "Sinkronisasi Gladi Bersih AN",
                            _d(9, 3), _d(9, 5)),
            CalendarDefault(level, NO_WAVE, K.REHEARSAL, "Gladi Bersih AN", _d(9, 6), _d(9, 9)),
        ]
    rows += [
        CalendarDefault(Level.SMP, NO_WAVE, K.SYNC_REHEARSAL, "Sinkronisasi Gladi Bersih AN",
                        _d(9, 10), _d(9, 12)),
        CalendarDefault(Level.SMP, NO_WAVE, K.REHEARSAL, "Gladi Bersih AN", _d(9, 13),
                        _d(9, 16)),
    ]
    # Rows 10–15: the assessment weeks, SMK first, then SMA, then SMP (angka 3 agrees).
    for level, sync_start, start in ((Level.SMK, _d(9, 17), _d(9, 20)),
                                     (Level.SMA, _d(9, 24), _d(9, 27)),
                                     (Level.SMP, _d(10, 1), _d(10, 4))):
        rows += [
            CalendarDefault(level, NO_WAVE, K.SYNC_ASSESSMENT, "Sinkronisasi AN", sync_start,
                            sync_start + datetime.timedelta(2)),
            CalendarDefault(level, NO_WAVE, K.ASSESSMENT, "Pelaksanaan AN", start,
                            start + datetime.timedelta(3)),
        ]
    # Rows 16–25: SD level. Its simulation skips Wednesday 20 October (a public holiday,
    # Maulid Nabi), so it runs Mon, Tue, Thu, Fri; the rest comes in two waves.
    for wave in LEVEL_WAVES[Level.SD]:
        rows += [
            CalendarDefault(Level.SD, wave, K.SYNC_SIMULATION, "Sinkronisasi Simulasi AN",
                            _d(10, 15), _d(10, 17)),
            CalendarDefault(Level.SD, wave, K.SIMULATION, "Simulasi AN", _d(10, 18),
                            _d(10, 22), excluded=(_d(10, 20),)),
        ]
    rows += [
        CalendarDefault(Level.SD, 1, K.SYNC_REHEARSAL, "Sinkronisasi Gladi Bersih AN",
                        _d(10, 23), _d(10, 24)),
        CalendarDefault(Level.SD, 1, K.REHEARSAL, "Gladi Bersih AN", _d(10, 25), _d(10, 28)),
        CalendarDefault(Level.SD, 2, K.SYNC_REHEARSAL, "Sinkronisasi Gladi Bersih AN",
                        _d(10, 29), _d(10, 31)),
        CalendarDefault(Level.SD, 2, K.REHEARSAL, "Gladi Bersih AN", _d(11, 1), _d(11, 4)),
        CalendarDefault(Level.SD, 1, K.SYNC_ASSESSMENT, "Sinkronisasi AN", _d(11, 5),
                        _d(11, 7)),
        CalendarDefault(Level.SD, 1, K.ASSESSMENT, "Pelaksanaan AN", _d(11, 8), _d(11, 11)),
        CalendarDefault(Level.SD, 2, K.SYNC_ASSESSMENT, "Sinkronisasi AN", _d(11, 12),
                        _d(11, 14)),
        CalendarDefault(Level.SD, 2, K.ASSESSMENT, "Pelaksanaan AN", _d(11, 15), _d(11, 18)),
    ]
    return tuple(rows)


DEFAULT_CALENDAR_2021: tuple[CalendarDefault, ...] = _default_calendar_2021()


class Section(StrEnum):
    """What a participant does in a session (J-2)."""

    PRACTICE = "practice"
    LITERACY = "literacy"
    NUMERACY = "numeracy"
    CHARACTER_SURVEY = "character_survey"
    ENVIRONMENT_SURVEY = "environment_survey"


SECTION_LABELS: dict[Section, str] = {
    Section.PRACTICE: "Latihan",
    Section.LITERACY: "Literasi Membaca",
    Section.NUMERACY: "Numerasi",
    Section.CHARACTER_SURVEY: "Survei Karakter",
    Section.ENVIRONMENT_SURVEY: "Survei Lingkungan Belajar",
}


@dataclass(frozen=True)
class TestDay:
    """J-2: the sections of one test day in order, with their minutes."""

    sections: tuple[tuple[Section, int], ...]

    @property
    def minutes(self) -> int:
        return sum(minutes for _section, minutes in self.sections)


_SD_DAYS = (
    TestDay(((Section.PRACTICE, 60), (Section.LITERACY, 75), (Section.CHARACTER_SURVEY, 20))),
    TestDay(((Section.PRACTICE, 25), (Section.NUMERACY, 75), (Section.ENVIRONMENT_SURVEY, 20))),
)
_UPPER_DAYS = (
    TestDay(((Section.PRACTICE, 10), (Section.LITERACY, 90), (Section.CHARACTER_SURVEY, 30))),
    TestDay(((Section.PRACTICE, 10), (Section.NUMERACY, 90), (Section.ENVIRONMENT_SURVEY, 30))),
)
# J-2: day 1 and day 2 of each level (index 0 is day 1).
TEST_DAYS: dict[Level, tuple[TestDay, ...]] = {
    Level.SD: _SD_DAYS,
    Level.SMP: _UPPER_DAYS,
    Level.SMA: _UPPER_DAYS,
    Level.SMK: _UPPER_DAYS,
}


@dataclass(frozen=True)
class SessionTime:
    start: datetime.time
    end: datetime.time

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def label(self) -> str:
        return f"{self.start:%H.%M}–{self.end:%H.%M}"


def _t(text: str) -> datetime.time:
    hour, minute = text.split(".")
    return datetime.time(int(hour), int(minute))


def _times(*pairs: str) -> tuple[SessionTime, ...]:
    return tuple(SessionTime(_t(pair.split("-")[0]), _t(pair.split("-")[1])) for pair in pairs)


_UPPER_TIMES = _times("07.30-09.40", "10.40-12.50", "14.20-16.30")
# J-3: the 2021 session-time templates, per level and day (index 0 is day 1); session n of a
# day is entry n-1. A level has as many sessions a day as LEVEL_RESOURCES allows (S-3).
SESSION_TIMES: dict[Level, tuple[tuple[SessionTime, ...], ...]] = {
    Level.SD: (_times("08.00-10.35", "13.00-15.35"), _times("08.00-10.00", "13.00-15.00")),
    Level.SMP: (_UPPER_TIMES, _UPPER_TIMES),
    Level.SMA: (_UPPER_TIMES, _UPPER_TIMES),
    Level.SMK: (_UPPER_TIMES, _UPPER_TIMES),
}


def session_time(level: Level, day: int, number: int) -> SessionTime:
    """J-3: the time of session `number` (1-based) on test day `day` (1 or 2)."""
    return SESSION_TIMES[Level(level)][day - 1][number - 1]


def max_sessions_per_day(level: Level) -> int:
    """J-4, S-3: at most this many sessions a day at this level."""
    return LEVEL_RESOURCES[Level(level)].max_sessions_per_day


# J-7 and the login cards: participants, teachers and principals log in with a username and
# an 8-character password typed off a printed card, so the alphabet leaves out look-alikes
# (0/o, 1/l/i) and capitals (old keyboards, caps lock).
LOGIN_PASSWORD_LENGTH = 8
LOGIN_PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


# J-3 session times are local clock times. Indonesia has three time zones; a province not
# listed is on WIB. Schools abroad (SILN) keep WIB until their own times are set.
WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
PROVINCE_TIME_ZONES: dict[str, str] = {
    "51": WITA, "52": WITA, "53": WITA,  # Bali, NTB, NTT
    "63": WITA, "64": WITA, "65": WITA,  # Kalimantan Selatan, Timur, Utara
    "71": WITA, "72": WITA, "73": WITA, "74": WITA, "75": WITA, "76": WITA,  # Sulawesi
    "81": WIT, "82": WIT,  # Maluku, Maluku Utara
    "91": WIT, "92": WIT, "93": WIT, "94": WIT, "95": WIT, "96": WIT,  # Papua provinces
}


def time_zone_of(province_code: str | None) -> str:
    return PROVINCE_TIME_ZONES.get(province_code or "", WIB)

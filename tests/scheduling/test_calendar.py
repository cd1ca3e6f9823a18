"""The national calendar (J-1): seeded from the 2021 default, edited by the centre only,
each school sees its own level's dates; J-2/J-3 shown per school."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry
from anbk.core.schedule import DEFAULT_CALENDAR_2021, CalendarKind
from anbk.scheduling import selectors, services
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry


def _assessment(level: str, wave: int = 0) -> CalendarEntry:
    return CalendarEntry.objects.get(level=level, wave=wave, kind=CalendarKind.ASSESSMENT)


def test_the_default_is_seeded_once_and_an_edited_calendar_is_kept(calendar):
    assert calendar.count() == len(DEFAULT_CALENDAR_2021)
    assert calendar_seed(CalendarEntry) == 0
    sd2 = _assessment("SD", 2)
    assert sd2.days[0] == datetime.date(2021, 11, 15)


def test_the_centre_moves_an_assessment_week(world, calendar):  # rule J-1
    entry = _assessment("SMA")
    services.calendar_entry_update(actor=world.centre, entry=entry, title="Pelaksanaan AN",
                                   start=datetime.date(2025, 9, 1),
                                   end=datetime.date(2025, 9, 4))
    entry.refresh_from_db()
    assert entry.start == datetime.date(2025, 9, 1)
    audit = AuditEntry.objects.get(action="calendar.update")
    assert audit.summary["before"]["start"] == "2021-09-27"
    assert audit_verify() is None


@pytest.mark.parametrize(("start", "end", "excluded", "field"), [
    ((2025, 9, 4), (2025, 9, 1), [], "end"),  # ends before it starts
    ((2025, 9, 1), (2025, 9, 5), [], "end"),  # five days: the assessment has four (J-1)
    ((2025, 9, 1), (2025, 9, 4), [(2025, 9, 10)], "excluded"),  # holiday outside the window
    ((2025, 9, 1), (2025, 9, 5), [(2025, 9, 3)], None),  # 5 days less a holiday: fine
])
def test_a_bad_calendar_edit_is_refused_and_changes_nothing(world, calendar, start, end,
                                                            excluded, field):
    entry = _assessment("SMA")
    kwargs = {"actor": world.centre, "entry": entry, "title": "Pelaksanaan AN",
              "start": datetime.date(*start), "end": datetime.date(*end),
              "excluded": [datetime.date(*d) for d in excluded]}
    if field is None:
        services.calendar_entry_update(**kwargs)
        assert len(_assessment("SMA").days) == 4
        return
    with pytest.raises(ValidationError) as error:
        services.calendar_entry_update(**kwargs)
    assert field in error.value.message_dict
    assert _assessment("SMA").start == datetime.date(2021, 9, 27)
    assert not AuditEntry.objects.filter(action="calendar.update").exists()


@pytest.mark.parametrize("who", ["province", "district", "operator"])
def test_only_the_centre_edits_the_calendar(world, calendar, who):
    entry = _assessment("SMA")
    with pytest.raises(PermissionDenied):
        services.calendar_entry_update(actor=getattr(world, who), entry=entry, title="x",
                                       start=entry.start, end=entry.end)


def test_a_school_sees_its_own_levels_dates_only(world, calendar):  # rule J-1
    sd = selectors.school_calendar(actor=world.operator, school=world.sd)
    assert {e.level for e in sd} == {"SD"}
    assert {e.wave for e in sd} == {1, 2}  # no wave chosen yet: both
    assert {e.wave for e in selectors.school_calendar(actor=world.operator, school=world.sd,
                                                      wave=1)} == {1}
    assert not selectors.school_calendar(actor=world.operator_outsider, school=world.sd)


def test_the_school_page_shows_dates_test_days_and_session_times(client, world, calendar):
    # rules J-1, J-2, J-3
    client.force_login(world.proctor)
    body = client.get(reverse("scheduling:home")).content.decode()
    assert world.sd.name in body
    assert "8 Nov" in body and "15 Nov" in body  # SD waves I and II
    assert "27 Sep" not in body  # the SMA week is not the SD's
    assert "08.00–10.35" in body and "13.00–15.00" in body
    assert "Literasi Membaca" in body and "Survei Lingkungan Belajar" in body


def test_the_calendar_page_lists_every_level_and_filters(client, world, calendar):
    client.force_login(world.district)
    body = client.get(reverse("scheduling:calendar")).content.decode()
    assert "Gladi Bersih AN" in body and "SMK-sederajat" in body
    assert reverse("scheduling:calendar_edit", args=[1]) not in body  # not the centre
    filtered = client.get(reverse("scheduling:calendar"), {"level": "SMP"},
                          headers={"HX-Request": "true"}).content.decode()
    assert "SMP-sederajat" in filtered and "SD-sederajat" not in filtered


def test_the_centre_edits_through_the_page_with_clear_errors(client, world, calendar):
    entry = _assessment("SMP")
    client.force_login(world.centre)
    url = reverse("scheduling:calendar_edit", args=[entry.pk])
    assert "2021-10-04" in client.get(url).content.decode()
    bad = client.post(url, {"title": "Pelaksanaan AN", "start": "2021-10-04",
                            "end": "2021-10-08", "excluded": "kemarin"})
    assert bad.status_code == 200
    assert "bukan tanggal" in bad.content.decode()
    five = client.post(url, {"title": "Pelaksanaan AN", "start": "2021-10-04",
                             "end": "2021-10-08", "excluded": ""})
    assert "tepat 4 hari" in five.content.decode()
    ok = client.post(url, {"title": "Pelaksanaan AN", "start": "2021-10-04",
                           "end": "2021-10-08", "excluded": "2021-10-06"})
    assert ok.status_code == 302
    entry.refresh_from_db()
    assert entry.excluded == ["2021-10-06"] and len(entry.days) == 4

"""Scheduling's rows of the scoping matrix (tests/matrix.py) and of the permission table."""

from anbk.accounts.models import Role
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry
from anbk.scheduling.services import credentials_issue_participants
from tests.matrix import EVERYONE, SEES_SD, Detail, Page
from tests.people import make_student

# J-1: everyone who runs a test day sees the calendar; the instrument team does not.
VIEWERS = EVERYONE - {"item_author", "item_reviewer"}
CENTRE = frozenset({"centre"})
# A school's own schedule: its test-room staff too.
SEES_SD_SCHEDULE = SEES_SD | {"proctor", "technician", "supervisor"}

MATRIX = {
    "scheduling:home": Page(VIEWERS),
    "scheduling:calendar": Page(VIEWERS),
    "scheduling:calendar_edit": Detail("calendar_entry", "pk", CENTRE, CENTRE),
    "scheduling:school_schedule": Detail("sd", "npsn", sees_ours=SEES_SD_SCHEDULE),
    "scheduling:credential_list": Detail("sd", "npsn"),
    "scheduling:credentials_issue_educators": Detail("sd", "npsn", method="post"),
    "scheduling:credential_revoke": Detail("credential", "pk", method="post"),
}


def _calendar_entry(index: int):
    def make(world):
        calendar_seed(CalendarEntry)
        return CalendarEntry.objects.order_by("pk")[index]
    return make


def _credential(school_attr: str, nisn: str):
    def make(world):
        school = getattr(world, school_attr)
        student = make_student(nisn, school, name="Rudi Hartono")
        return credentials_issue_participants(actor=world.centre, school=school,
                                              students=[student])[0]
    return make


MAKERS = {
    "calendar_entry": _calendar_entry(0),
    "calendar_entry_jateng": _calendar_entry(1),
    "credential": _credential("sd", "0555555551"),
    "credential_jateng": _credential("sd_jateng", "0555555552"),
}

WHO = {
    "scheduling.view_calendar": set(Role) - {Role.ITEM_AUTHOR, Role.ITEM_REVIEWER},
    "scheduling.edit_calendar": {Role.CENTRE_ADMIN},
    "scheduling.manage_credentials": {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM,
                                      Role.DISTRICT_TEAM, Role.SCHOOL_OPERATOR},
}

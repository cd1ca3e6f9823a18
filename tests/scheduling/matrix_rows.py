"""Scheduling's rows of the scoping matrix (tests/matrix.py) and of the permission table."""

from anbk.accounts.models import Role
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry
from anbk.scheduling.services import credentials_issue_participants
from tests.matrix import EVERYONE, SEES_SD, Detail, Page
from tests.people import make_student
from tests.scheduling.factories import participants

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
    "scheduling:sessions": Detail("sd", "npsn"),
    "scheduling:placement": Detail("sd", "npsn"),
    "scheduling:placement_run": Detail("sd", "npsn", method="post", data={"level": "SD"}),
    # "participant" (ours and theirs) is made by tests/sampling/matrix_rows.py.
    "scheduling:placement_move": Detail("participant", "pk"),
    "scheduling:checklist": Detail("sd", "npsn", sees_ours=SEES_SD_SCHEDULE),
    "scheduling:checklist_list": Page(VIEWERS, lists="checklist_school", shows="name",
                                      sees_ours=SEES_SD_SCHEDULE),
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


def _checklist_school(school_attr: str, nisn: int):
    def make(world):
        school = getattr(world, school_attr)
        participants(school, 1, first_nisn=nisn)
        return school
    return make


MAKERS = {
    "calendar_entry": _calendar_entry(0),
    "calendar_entry_jateng": _calendar_entry(1),
    "credential": _credential("sd", "0555555551"),
    "credential_jateng": _credential("sd_jateng", "0555555552"),
    "checklist_school": _checklist_school("sd", 777000003),
    "checklist_school_jateng": _checklist_school("sd_jateng", 777000004),
}

KEEPERS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM, Role.SCHOOL_OPERATOR}
WHO = {
    "scheduling.view_calendar": set(Role) - {Role.ITEM_AUTHOR, Role.ITEM_REVIEWER},
    "scheduling.edit_calendar": {Role.CENTRE_ADMIN},
    "scheduling.manage_credentials": KEEPERS,
    "scheduling.manage_sessions": KEEPERS,
    "scheduling.view_checklist": set(Role) - {Role.ITEM_AUTHOR, Role.ITEM_REVIEWER},
}

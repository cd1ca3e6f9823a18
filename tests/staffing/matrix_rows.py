"""Rows of the scoping matrix and the permission table for the staffing app (S-4, S-7)."""

from anbk.accounts.models import Role

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
OFFICIALS = {Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}

WHO = {
    "staffing.manage_staffing": TEAMS | {Role.SCHOOL_OPERATOR},
    "staffing.assign_supervisors": TEAMS,
    "staffing.record_training": TEAMS,
    "staffing.sign_pledge": OFFICIALS,
}

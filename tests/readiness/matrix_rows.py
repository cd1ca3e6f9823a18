"""Readiness rows of the scoping matrix and the permission table (rules S-1, S-2, S-8, S-9)."""

from anbk.accounts.models import Role

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
KEEPERS = TEAMS | {Role.SCHOOL_OPERATOR}
SCHOOL_ACCOUNTS = {Role.SCHOOL_OPERATOR, Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}

WHO = {
    "readiness.view_readiness": KEEPERS,
    "readiness.report_readiness": {Role.SCHOOL_OPERATOR},
    "readiness.verify_readiness": TEAMS,
    "readiness.decide_moda": TEAMS,
    "readiness.share_resources": TEAMS,
    "readiness.view_tech_teams": TEAMS | SCHOOL_ACCOUNTS,
    "readiness.manage_tech_teams": TEAMS,
}

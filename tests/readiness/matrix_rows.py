"""Readiness rows of the scoping matrix and the permission table (rules S-1, S-2, S-8, S-9)."""

from anbk.accounts.models import Role

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
KEEPERS = TEAMS | {Role.SCHOOL_OPERATOR}
SCHOOL_ACCOUNTS = {Role.SCHOOL_OPERATOR, Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}

WHO = {
    "readiness.view_readiness": KEEPERS,
    "readiness.report_readiness": KEEPERS,
    "readiness.verify_readiness": TEAMS,
    "readiness.decide_moda": TEAMS,
    "readiness.share_resources": TEAMS,
    "readiness.view_tech_teams": TEAMS | SCHOOL_ACCOUNTS,
    "readiness.manage_tech_teams": TEAMS,
}

# Who may act on what (tests/matrix.py): the teams over the schools they hold authority over,
# the operator over its own school.
AUTHORITY = frozenset({"centre", "province", "district"})
AUTHORITY_JATENG = frozenset({"centre", "province_outsider", "district_outsider"})
TEAM_PEOPLE = AUTHORITY | {"kemenag_province", "kemenag_district", "province_outsider",
                           "district_outsider"}
# Every account of a school the Kab. Bandung (Kemdikbud) team serves, and the teams above it.
SERVED = AUTHORITY | {"operator", "proctor", "technician", "supervisor"}
SERVED_JATENG = AUTHORITY_JATENG | {"operator_outsider"}


def _decision(school, actor, text):
    from anbk.readiness.services import moda_decide

    return moda_decide(actor=actor, school=school, moda="online", status="self_hosted",
                       reason=text)


def _member(region, actor, name):
    from anbk.readiness.services import tech_member_add

    return tech_member_add(actor=actor, region=region, agency=actor.agency, name=name,
                           phone="0812-3456-7890")


MAKERS = {
    "decision": lambda w: _decision(w.sd, w.district, "Keputusan Kab. Bandung"),
    "decision_jateng": lambda w: _decision(w.sd_jateng, w.district_outsider,
                                           "Keputusan Banyumas"),
    "tech_member": lambda w: _member(w.kab_bandung, w.district, "Dadang Suryana"),
    "tech_member_jateng": lambda w: _member(w.banyumas, w.district_outsider, "Slamet Riyadi"),
}


def _rows():
    from tests.matrix import DATA, Detail, Page

    return {
        "readiness:overview": Page(DATA, lists="sd", shows="name"),
        "readiness:school_detail": Detail("sd", "npsn"),
        "readiness:report_edit": Detail("sd", "npsn"),
        "readiness:report_submit": Detail("sd", "npsn", method="post"),
        "readiness:report_verify": Detail("sd", "npsn", AUTHORITY, AUTHORITY_JATENG, "post",
                                          {"verdict": "approve", "version": "1"}),
        "readiness:decide": Detail("sd", "npsn", AUTHORITY, AUTHORITY_JATENG),
        "readiness:decision_list": Page(DATA, lists="decision", shows="reason"),
        "readiness:decree": Page(TEAM_PEOPLE),
        "readiness:sharing": Page(TEAM_PEOPLE),
        "readiness:sharing_accept": Page(TEAM_PEOPLE, "post"),
        "readiness:tech_team": Page(TEAM_PEOPLE | {"operator", "proctor", "technician",
                                                   "supervisor", "operator_outsider"},
                                    lists="tech_member", shows="name", sees_ours=SERVED,
                                    sees_theirs=SERVED_JATENG),
        "readiness:tech_add": Page(TEAM_PEOPLE, "post"),
        "readiness:tech_remove": Detail("tech_member", "pk", AUTHORITY, AUTHORITY_JATENG,
                                        "post"),
    }


MATRIX = _rows()

"""Rows of the scoping matrix and the permission table for the sampling app (P-5 … P-9).

"sampled_sd" is SD Negeri 1 Soreang after Kab. Bandung's run (its one student is the main
participant "participant"); "_jateng" the same in Banyumas, sampled by its own district.
"""

from anbk.accounts.models import Role
from anbk.sampling import services
from tests.matrix import DATA, SEES_SD, SEES_TEACHER, Detail, Page

TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
TEAM_PEOPLE = frozenset({"centre", "province", "kemenag_province", "district",
                         "kemenag_district", "province_outsider", "district_outsider"})
OPERATOR, OPERATOR_JATENG = frozenset({"operator"}), frozenset({"operator_outsider"})
# Teams that see the SD: the centre, Jawa Barat's province team and Kab. Bandung's district.
TEAMS_SEEING_SD = SEES_SD - {"operator"}
TEAMS_SEEING_SD_JATENG = frozenset({"centre", "province_outsider", "district_outsider"})

WHO = {
    "sampling.view_participants": TEAMS | {Role.SCHOOL_OPERATOR},
    "sampling.run_sampling": TEAMS,
    "sampling.resolve_dns": TEAMS,
    "sampling.finalise_dnt": {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM},
    "sampling.verify_dns": {Role.SCHOOL_OPERATOR},
    "sampling.activate_reserves": {Role.SCHOOL_OPERATOR},
    "sampling.set_assessment_dates": {Role.CENTRE_ADMIN},
}


def _sampled(school_attr: str, team_attr: str):
    def make(world):
        services.run_sampling(actor=getattr(world, team_attr), seed=1)
        return getattr(world, school_attr)

    return make


def _participant_of(school_attr: str, team_attr: str):
    def make(world):
        from anbk.sampling.models import Participant

        school = getattr(world, school_attr)
        if not Participant.objects.filter(school=school).exists():
            services.run_sampling(actor=getattr(world, team_attr), seed=1)
        return Participant.objects.get(school=school)

    return make


def _run_of(school_attr: str, team_attr: str):
    def make(world):
        return _participant_of(school_attr, team_attr)(world).run

    return make


MAKERS = {
    "sampled_sd": _sampled("sd", "district"),
    "sampled_sd_jateng": _sampled("sd_jateng", "district_outsider"),
    "participant": _participant_of("sd", "district"),
    "participant_jateng": _participant_of("sd_jateng", "district_outsider"),
    "run": _run_of("sd", "district"),
    "run_jateng": _run_of("sd_jateng", "district_outsider"),
    "kab_bandung_jateng": lambda world: world.banyumas,
}


def _school(key: str = "npsn", method: str = "get", sees=SEES_SD, theirs=None, **kw) -> Detail:
    from tests.matrix import SEES_SD_JATENG

    return Detail("sampled_sd", key, sees, theirs if theirs is not None else SEES_SD_JATENG,
                  method=method, **kw)


MATRIX = {
    "sampling:overview": Page(TEAM_PEOPLE),
    "sampling:run_start": Page(TEAM_PEOPLE, "post"),
    "sampling:run_detail": Detail("run", "pk"),
    "sampling:assessment": Page(frozenset({"centre"})),
    "sampling:school_list": Page(DATA, lists="sampled_sd", shows="name"),
    "sampling:finalise_ready": Page(frozenset({"centre", "province", "kemenag_province",
                                              "province_outsider"}), "post"),
    "sampling:school_detail": _school(),
    "sampling:eligibility": _school(),
    "sampling:confirm_all": _school(method="post", sees=OPERATOR, theirs=OPERATOR_JATENG),
    "sampling:resample": _school(method="post", sees=TEAMS_SEEING_SD,
                                 theirs=TEAMS_SEEING_SD_JATENG, data={"reason": "uji"}),
    "sampling:finalise": _school(method="post", sees=frozenset({"centre", "province"}),
                                 theirs=frozenset({"centre", "province_outsider"})),
    "sampling:reserves": _school(sees=OPERATOR, theirs=OPERATOR_JATENG),
    "sampling:participant_confirm": Detail("participant", "pk", OPERATOR, OPERATOR_JATENG,
                                           method="post"),
    "sampling:participant_flag": Detail("participant", "pk", OPERATOR, OPERATOR_JATENG,
                                        method="post",
                                        data={"reason": "moved", "note": "uji"}),
    "sampling:participant_resolve": Detail("participant", "pk", TEAMS_SEEING_SD,
                                           TEAMS_SEEING_SD_JATENG),
    "sampling:dns_csv": _school(),
    "sampling:dns_pdf": _school(),
    "sampling:dnt_csv": _school(),
    "sampling:dnt_pdf": _school(),
    "sampling:parent_letters": _school(),
    "sampling:district_dns": Detail("kab_bandung", "code", TEAMS_SEEING_SD | {
        "kemenag_province", "kemenag_district"}, TEAMS_SEEING_SD_JATENG),
    "sampling:respondents": Page(DATA, lists="teacher", shows="name",
                                 sees_ours=SEES_TEACHER),
}

""""Cek Kelengkapan Data": what still blocks the assessment at a school (POS: the proctor
checks the data of every respondent, at its school and at the schools riding along).

Computed for many schools at once with a fixed number of queries, so a district's page of
50 schools costs the same as one school's. A guest's room, staff and proctor-server items
are its host's (it sits there, S-2).
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from anbk.documents.models import PrintKind, PrintLog
from anbk.readiness.models import HostingStatus, ModaDecision, ReadinessReport, ReportStatus
from anbk.registry.models import School
from anbk.sampling.models import Participant
from anbk.sampling.selectors import current_assessment
from anbk.scheduling.models import Credential, Placement
from anbk.scheduling.planner import Slot
from anbk.staffing.models import Assignment, Room, StaffRole

UNPLACED = "unplaced"
UNSTAFFED = "unstaffed"
UNSIGNED = "unsigned"
READINESS = "readiness"
SERVERS = "servers"
CARDS = "cards"

LABELS = {
    UNPLACED: _("Peserta belum mendapat sesi, ruang dan kursi"),
    UNSTAFFED: _("Ruang per sesi tanpa proktor atau pengawas"),
    UNSIGNED: _("Petugas belum menandatangani pakta integritas"),
    READINESS: _("Verifikasi kesiapan TIK dan penetapan moda"),
    SERVERS: _("Ruang tanpa server proktor (ID proktor)"),
    CARDS: _("Kartu login"),
}
ORDER = (UNPLACED, UNSTAFFED, UNSIGNED, READINESS, SERVERS, CARDS)


@dataclass(frozen=True)
class CheckItem:
    key: str
    count: int | None  # what is missing; None: cannot be told yet
    detail: str
    at_host: bool = False  # the item is the host's to fix (the school is a guest)

    @property
    def label(self) -> str:
        return str(LABELS[self.key])

    @property
    def ok(self) -> bool:
        return self.count == 0


def checklists(schools) -> dict[int, list[CheckItem]]:
    """Every item for each school (the caller has scoped the schools)."""
    schools = list(schools)
    ids = [s.pk for s in schools]
    decisions = {d.school_id: d for d in ModaDecision.objects.filter(school_id__in=ids)}
    host = {s.pk: (decisions[s.pk].host_id if s.pk in decisions
                   and decisions[s.pk].status == HostingStatus.GUEST else s.pk)
            for s in schools}
    hosts = set(host.values())
    host_names = dict(School.objects.filter(pk__in=hosts).values_list("pk", "name"))

    current = Participant.objects.filter(school_id__in=ids, removed_at__isnull=True,
                                         assessment=current_assessment())
    totals = dict(current.values_list("school_id").annotate(n=Count("id")).order_by())
    unplaced = dict(current.filter(placement__isnull=True).values_list("school_id")
                    .annotate(n=Count("id")).order_by())
    placed_students = current.filter(placement__isnull=False).values("student_id")
    with_login = set(Credential.objects.filter(student_id__in=placed_students, is_active=True)
                     .values_list("student_id", flat=True))
    no_login: Counter = Counter(
        school_id for school_id, student_id in current.filter(placement__isnull=False)
        .values_list("school_id", "student_id") if student_id not in with_login)

    used = (Placement.objects.filter(session__school_id__in=hosts)
            .values_list("session__school_id", "room_id", "session__pair", "session__number")
            .order_by().distinct())
    staffed = set(Assignment.objects.filter(school_id__in=hosts, room__isnull=False,
                                            role__in=[StaffRole.PROCTOR, StaffRole.SUPERVISOR])
                  .values_list("room_id", "day", "session", "role"))
    unstaffed: Counter = Counter()
    for host_id, room_id, pair, number in used:
        for day in Slot(pair, number).days:
            if any((room_id, day, number, role) not in staffed
                   for role in (StaffRole.PROCTOR, StaffRole.SUPERVISOR)):
                unstaffed[host_id] += 1
    unsigned = dict(Assignment.objects.filter(school_id__in=hosts, official__pledge__isnull=True)
                    .values_list("school_id").annotate(n=Count("official", distinct=True))
                    .order_by())
    no_server = dict(Room.objects.filter(school_id__in=hosts, proctor_server__isnull=True)
                     .values_list("school_id").annotate(n=Count("id")).order_by())
    reports = dict(ReadinessReport.objects.filter(school_id__in=ids)
                   .values_list("school_id", "status"))
    printed = _printed_cards(ids)

    result = {}
    for school in schools:
        h = host[school.pk]
        guest = h != school.pk
        where = (_("di sekolah induk %(host)s") % {"host": host_names.get(h, "")}
                 if guest else "")
        items = [
            CheckItem(UNPLACED, unplaced.get(school.pk, 0),
                      _("%(n)d dari %(total)d peserta") % {
                          "n": unplaced.get(school.pk, 0), "total": totals.get(school.pk, 0)}),
            CheckItem(UNSTAFFED, unstaffed.get(h, 0),
                      _("%(n)d ruang-hari-sesi %(where)s") % {"n": unstaffed.get(h, 0),
                                                              "where": where},
                      at_host=guest),
            CheckItem(UNSIGNED, unsigned.get(h, 0),
                      _("%(n)d petugas %(where)s") % {"n": unsigned.get(h, 0), "where": where},
                      at_host=guest),
            _readiness_item(reports.get(school.pk), school.pk in decisions),
            CheckItem(SERVERS, no_server.get(h, 0),
                      _("%(n)d ruang %(where)s") % {"n": no_server.get(h, 0), "where": where},
                      at_host=guest),
            _cards_item(no_login.get(school.pk, 0),
                        totals.get(school.pk, 0) - unplaced.get(school.pk, 0), printed,
                        school.pk),
        ]
        result[school.pk] = items
    return result


def _readiness_item(status: str | None, decided: bool) -> CheckItem:
    missing = []
    if status != ReportStatus.APPROVED:
        missing.append(_("kesiapan TIK belum disetujui") if status
                       else _("laporan kesiapan TIK belum diisi"))
    if not decided:
        missing.append(_("moda dan status belum ditetapkan"))
    return CheckItem(READINESS, len(missing), "; ".join(str(m) for m in missing) or _("lengkap"))


def _printed_cards(school_ids) -> set[int]:
    """Schools whose participant login cards were printed at least once (documents app)."""
    return set(PrintLog.objects.filter(school_id__in=school_ids, kind=PrintKind.LOGIN_CARDS)
               .values_list("school_id", flat=True))


def _cards_item(no_login: int, placed: int, printed: set[int], school_id: int) -> CheckItem:
    if not placed:
        return CheckItem(CARDS, None, _("belum ada peserta yang ditempatkan"))
    if no_login:
        return CheckItem(CARDS, no_login, _("%(n)d peserta yang sudah ditempatkan belum "
                                            "memiliki akun login") % {"n": no_login})
    if school_id not in printed:
        return CheckItem(CARDS, 1, _("%(n)d kartu siap, belum pernah dicetak") % {"n": placed})
    return CheckItem(CARDS, 0, _("sudah dicetak"))

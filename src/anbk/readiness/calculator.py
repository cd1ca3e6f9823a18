"""The requirement calculator (S-3 … S-5): what a school needs to run AN itself, what it
reported (S-1), the gaps, and a suggested moda and status.

Every number comes from core.resources; `participant_counts` is the one place that says
where participant numbers come from.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from anbk.core import resources as res
from anbk.core.resources import Moda
from anbk.core.rules import TARGET_GRADE, Level


def participant_counts(school_ids) -> dict[int, int]:
    """Participants per school: main + reserve (P-5) where sampling has run; elsewhere the
    eligible count, active students of the level's target grade (P-2)."""
    from anbk.registry.models import Student

    school_ids = list(school_ids)
    target = Q()
    for level, grade in TARGET_GRADE.items():
        target |= Q(school__level=level, grade=grade)
    rows = (Student.objects.filter(target, school_id__in=school_ids, is_active=True)
            .values("school_id").annotate(n=Count("id")))
    counts = dict.fromkeys(school_ids, 0)
    counts.update({row["school_id"]: row["n"] for row in rows})
    try:
        from anbk.sampling.selectors import participant_counts as sampled
    except ImportError:  # the sampling app has no participants yet
        return counts
    counts.update(sampled(school_ids=school_ids))
    return counts


@dataclass(frozen=True)
class Facilities:
    """What a school reported (S-1), in the calculator's terms."""

    client_computers: int = 0
    proctor_servers: int = 0
    proctor_server_spec_ok: bool = False
    rooms: int = 0
    bandwidth_mbps: Decimal | None = None
    power_ok: bool = True
    proctors: int = 0
    technicians: int = 0


@dataclass(frozen=True)
class Gap:
    item: str  # lazy: translated only when a page shows it
    needed: object
    available: object
    unit: str = ""

    @property
    def short(self) -> bool:
        return self.available is None or self.available < self.needed


@dataclass
class Requirement:
    level: Level
    participants: int
    max_sessions: int
    min_computers: int
    sessions_needed: int  # with the reported computers; max_sessions + 1 when they fall short
    rooms: int
    proctor_servers: int
    proctors: int
    supervisors: int
    technicians: int
    online_mbps: int
    semi_online_mbps: int
    gaps: list[Gap] = field(default_factory=list)
    suggested_moda: Moda | None = None
    suggested_status: str = ""  # "self_hosted" | "guest"
    reasons: list[str] = field(default_factory=list)

    @property
    def short_gaps(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.short]


def rooms_for(computers: int) -> int:
    """S-4: rooms of at most ROOM_MAX_CLIENTS clients."""
    return ceil(computers / res.ROOM_MAX_CLIENTS)


def host_capacity(level: Level, client_computers: int) -> int:
    """Participant places a school offers in a day: its computers × its sessions (S-2, S-3)."""
    return client_computers * res.LEVEL_RESOURCES[level].max_sessions_per_day


def calculate(level: Level, participants: int, facilities: Facilities | None) -> Requirement:
    if participants < 0:
        raise ValueError("participants must not be negative")
    level = Level(level)
    sessions = res.LEVEL_RESOURCES[level].max_sessions_per_day
    min_computers = ceil(participants / sessions)
    rooms = rooms_for(min_computers)
    per_session = ceil(participants / sessions)
    have = facilities or Facilities()
    if participants == 0:
        sessions_needed = 0
    elif have.client_computers == 0:
        sessions_needed = sessions + 1
    else:
        sessions_needed = min(ceil(participants / have.client_computers), sessions + 1)
    # Rooms actually used: the computers in use in one session, 15 to a room.
    used_rooms = rooms_for(min(have.client_computers, per_session)) if participants else 0
    online_mbps = max(rooms, used_rooms) * res.ONLINE_MBPS_PER_ROOM
    req = Requirement(
        level=level, participants=participants, max_sessions=sessions,
        min_computers=min_computers, sessions_needed=sessions_needed, rooms=rooms,
        proctor_servers=rooms * res.PROCTOR_SERVERS_PER_ROOM,
        proctors=rooms * res.PROCTORS_PER_ROOM,
        supervisors=ceil(per_session / res.PARTICIPANTS_PER_SUPERVISOR),
        technicians=res.MIN_TECHNICIANS_PER_SCHOOL if participants else 0,
        online_mbps=online_mbps, semi_online_mbps=res.SEMI_ONLINE_MIN_MBPS,
    )
    bandwidth = have.bandwidth_mbps
    req.gaps.extend([
        Gap(_("Komputer klien"), min_computers, have.client_computers),
        Gap(_("Ruang"), rooms, have.rooms),
        Gap(_("Server proktor (semi-daring)"), req.proctor_servers, have.proctor_servers),
        Gap(_("Proktor"), req.proctors, have.proctors),
        Gap(_("Teknisi"), req.technicians, have.technicians),
        Gap(_("Bandwidth daring"), online_mbps, bandwidth, "Mbps"),
        Gap(_("Bandwidth semi-daring"), req.semi_online_mbps, bandwidth, "Mbps"),
    ])
    _suggest(req, have)
    return req


def _suggest(req: Requirement, have: Facilities) -> None:
    """Self-hosted when the school has computers, rooms, a technician and power for its
    participants; then online when its bandwidth carries every room, else semi-online when it
    has a proctor server per room that meets S-6 and at least the semi-online minimum."""
    reasons = req.reasons
    if req.participants == 0:
        reasons.append(str(_("Belum ada peserta: tidak ada yang perlu disiapkan.")))
        return
    enough = True
    if have.client_computers < req.min_computers:
        enough = False
        reasons.append(str(_("Komputer klien kurang: perlu %(need)d, ada %(have)d.")
                           % {"need": req.min_computers, "have": have.client_computers}))
    if have.rooms < req.rooms:
        enough = False
        reasons.append(str(_("Ruang kurang: perlu %(need)d, ada %(have)d.")
                           % {"need": req.rooms, "have": have.rooms}))
    if have.technicians < req.technicians:
        reasons.append(str(_("Belum ada teknisi: dapat dibantu teknisi sekolah lain (S-7).")))
    if not have.power_ok:
        enough = False
        reasons.append(str(_("Listrik tidak andal dan tidak ada genset.")))
    bandwidth = have.bandwidth_mbps
    if bandwidth is not None and bandwidth >= req.online_mbps:
        moda = Moda.ONLINE
        reasons.append(str(_("Bandwidth %(bw)s Mbps cukup untuk daring (%(need)d Mbps).")
                           % {"bw": format(bandwidth.normalize(), "f"), "need": req.online_mbps}))
    elif (bandwidth is not None and bandwidth >= req.semi_online_mbps
          and have.proctor_servers >= req.proctor_servers and have.proctor_server_spec_ok):
        moda = Moda.SEMI_ONLINE
        reasons.append(str(_("Bandwidth cukup untuk semi-daring dan server proktor tersedia.")))
    else:
        moda = None
        enough = False
        reasons.append(str(_("Bandwidth atau server proktor tidak cukup untuk moda apa pun.")))
    req.suggested_status = "self_hosted" if enough else "guest"
    req.suggested_moda = moda

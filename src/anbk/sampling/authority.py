"""Who samples, resolves and finalises which schools (P-6, P-7; docs/decisions/0002).

Sampling and the resolution of DNS flags belong to the office holding authority over a
school: the district team for district-tier schools of its agency, the province team for
province-tier schools, the centre for SILN and SPK. The DNT is finalised by the province for
every school of its agency in the province, and by the centre for centre-tier schools.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from anbk.accounts.models import Role
from anbk.accounts.rules import in_good_standing
from anbk.core.rules import Agency, Tier
from anbk.core.scoping import NOTHING
from anbk.registry.models import Region


@dataclass(frozen=True)
class Authority:
    """A set of schools one office samples: a tier, a region (none for the centre) and an
    agency (none: every agency, for the system on the command line). The system alone may
    also leave the tier empty: the whole country in one run (benchmarks/bench_sampling.py)."""

    tier: str | None
    region: Region | None
    agency: str | None

    def school_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}tier": self.tier}) if self.tier else Q()
        if self.tier == Tier.DISTRICT:
            q &= Q(**{f"{prefix}district_id": self.region.pk})
        elif self.tier == Tier.PROVINCE:
            q &= Q(**{f"{prefix}province_id": self.region.pk})
        if self.agency:
            q &= Q(**{f"{prefix}agency": self.agency})
        return q

    def sql(self) -> tuple[str, list]:
        """The same filter over registry_school `s`."""
        clauses, params = (["s.tier = %s"], [self.tier]) if self.tier else (["1 = 1"], [])
        if self.tier == Tier.DISTRICT:
            clauses.append("s.district_id = %s")
            params.append(self.region.pk)
        elif self.tier == Tier.PROVINCE:
            clauses.append("s.province_id = %s")
            params.append(self.region.pk)
        if self.agency:
            clauses.append("s.agency = %s")
            params.append(self.agency)
        return " AND ".join(clauses), params

    @property
    def label(self) -> str:
        if self.tier is None:
            return _("Nasional")
        where = str(self.region) if self.region else _("Pusat (SILN, SPK)")
        office = {Agency.KEMDIKBUD: _("Dinas Pendidikan"), Agency.KEMENAG: _("Kemenag")}
        return f"{where} · {office[self.agency]}" if self.agency else where


def authority_of(actor) -> Authority | None:
    """The schools a team account samples; None for anyone else."""
    if not in_good_standing(actor):
        return None
    if actor.role == Role.CENTRE_ADMIN:
        return Authority(Tier.CENTRE, None, None)
    if actor.role == Role.PROVINCE_TEAM:
        return Authority(Tier.PROVINCE, actor.region, actor.agency)
    if actor.role == Role.DISTRICT_TEAM:
        return Authority(Tier.DISTRICT, actor.region, actor.agency)
    return None


CENTRE_CODES = {"pusat", "centre", "siln"}


def authority_for_region(code: str, actor=None) -> Authority:
    """The authority named by a region code on the command line: a district code (32.04)
    samples its district-tier schools, a province code (32) its province-tier schools,
    "pusat" the centre's. With an actor, it must be the actor's own."""
    code = (code or "").strip()
    if code.lower() in CENTRE_CODES:
        wanted = Authority(Tier.CENTRE, None, None)
    else:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("Kode wilayah %(code)s tidak dikenal.") % {"code": code})
        tier = Tier.PROVINCE if region.is_province else Tier.DISTRICT
        wanted = Authority(tier, region, None)
    if actor is None:
        return wanted
    own = authority_of(actor)
    if own is None or own.tier != wanted.tier or (
            own.region and (wanted.region is None or own.region.pk != wanted.region.pk)):
        raise PermissionDenied(_("Akun ini tidak berwenang melakukan sampling di wilayah "
                                 "tersebut."))
    return own


def samples_school(actor, school) -> bool:
    """P-6: the actor samples this school and resolves its DNS flags."""
    authority = authority_of(actor)
    return authority is not None and _in(authority.school_q(), school)


def finalise_q(actor) -> Q:
    """P-7: the schools whose DNT the actor finalises."""
    if not in_good_standing(actor):
        return NOTHING
    if actor.role == Role.CENTRE_ADMIN:
        return Q(tier=Tier.CENTRE)
    if actor.role == Role.PROVINCE_TEAM:
        return Q(province_id=actor.region_id, agency=actor.agency) & ~Q(tier=Tier.CENTRE)
    return NOTHING


def finalises_school(actor, school) -> bool:
    return _in(finalise_q(actor), school)


def _in(q: Q, school) -> bool:
    from anbk.registry.models import School

    return School.objects.filter(q, pk=school.pk).exists()

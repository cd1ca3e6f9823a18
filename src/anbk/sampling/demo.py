"""Demo step of `anbk demo`: sample the demo province and take the demo school through the
whole flow (DNS verified with one flag resolved by the district, DNT finalised by the
province), so the later apps (readiness, scheduling, documents) have participants.

Every write goes through the services as the account that would make it. The districts
without a demo account (Kota Bandung, Kota Cimahi, Kab. Bandung Barat) are sampled as the
system, as `anbk sample --region CODE` would; their lists stay at the DNS stage.
"""

import datetime

from django.utils import timezone

from anbk.portal.demo import DEMO_DISTRICTS, DEMO_PROVINCE, demo_school
from anbk.sampling import services
from anbk.sampling.authority import authority_for_region
from anbk.sampling.models import FlagReason, Participant
from anbk.sampling.selectors import current_assessment

DEMO_SEED = 2021
FIRST_SESSION = datetime.time(7, 30)
WEEKS_AHEAD = 3


def _first_monday(weeks: int) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


def load_demo(*, users: dict) -> None:
    centre = users["pusat"]
    district = users[f"kab{DEMO_DISTRICTS[0].replace('.', '')}"]
    school = demo_school()
    operator = users[f"op{school.npsn}"]
    if current_assessment() is None:
        start = _first_monday(WEEKS_AHEAD)
        services.assessment_set_dates(
            actor=centre,
            starts_at=timezone.make_aware(datetime.datetime.combine(start, FIRST_SESSION)),
            ends_on=start + datetime.timedelta(days=3))
    for username in (district.username, f"kemenag{DEMO_DISTRICTS[0].replace('.', '')}",
                     f"prov{DEMO_PROVINCE}", f"kanwil{DEMO_PROVINCE}", centre.username):
        _sample(actor=users[username])
    for code in DEMO_DISTRICTS[1:]:
        _sample(actor=None, authority=authority_for_region(code))

    nominees = Participant.objects.filter(school=school, removed_at__isnull=True)
    flagged = nominees.order_by("random_key").first()
    if flagged is None:
        return
    services.participant_flag(actor=operator, participant=flagged, reason=FlagReason.MOVED,
                              note="Pindah ke luar kota sejak awal semester")
    services.flag_resolve_remove(actor=district, participant=flagged,
                                 note="Sudah pindah sekolah; diganti calon berikutnya")
    services.dns_confirm_all(actor=operator, school=school)
    services.dnt_finalise(actor=users[f"prov{DEMO_PROVINCE}"], school=school)


def _sample(*, actor, authority=None) -> None:
    try:
        services.run_sampling(actor=actor, authority=authority, seed=DEMO_SEED)
    except services.SamplingRefused:
        pass  # nothing under this authority to sample (or sampled already)

"""DNS verification and resolution, re-sampling, DNT with AN numbers (P-7), and reserve
activation (P-9), through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anbk.core.models import AuditEntry
from anbk.registry.models import Student
from anbk.sampling import services
from anbk.sampling.models import (
    Assessment,
    Participant,
    ReserveActivation,
    SchoolSample,
)
from anbk.sampling.numbering import an_number, an_number_valid, luhn_digit
from anbk.sampling.selectors import participant_counts, sitting_participants
from anbk.sampling.timing import reserve_deadline
from tests.sampling.helpers import add_students, rederive


@pytest.fixture
def sampled(world):
    """Kab. Bandung sampled with seed 2021: SD Negeri 1 Soreang has 45 candidates."""
    add_students(world.sd, 44, grade=5, start=8_000_000_000)
    services.run_sampling(actor=world.district, seed=2021)
    return world


def nominees(world, **filters):
    return Participant.objects.filter(school=world.sd, removed_at__isnull=True, **filters)


def order_of(world):
    nisns = list(Student.objects.filter(school=world.sd).values_list("nisn", flat=True))
    main, reserve = rederive(2021, nisns, "SD")
    from anbk.sampling.keys import sample_key

    everyone = sorted(nisns, key=lambda n: (sample_key(2021, n), n))
    return main, reserve, everyone


def test_the_school_confirms_and_flags_with_a_note(sampled):
    # rule P-7
    w = sampled
    first, second = nominees(w).order_by("random_key")[:2]
    services.participant_confirm(actor=w.operator, participant=first)
    services.participant_flag(actor=w.operator, participant=second, reason="moved",
                              note="Pindah ke Bekasi Agustus")
    second.refresh_from_db()
    assert (second.verification, second.flag_reason) == ("flagged", "moved")
    assert AuditEntry.objects.filter(action__in=["dns.confirm", "dns.flag"]).count() == 2


def test_a_flag_needs_a_known_reason_and_a_note(sampled):
    p = nominees(sampled).first()
    with pytest.raises(ValidationError):
        services.participant_flag(actor=sampled.operator, participant=p, reason="x", note="n")
    with pytest.raises(ValidationError):
        services.participant_flag(actor=sampled.operator, participant=p, reason="moved",
                                  note=" ")
    p.refresh_from_db()
    assert p.verification == "pending"


@pytest.mark.parametrize("who", ["district", "proctor", "operator_outsider"])
def test_only_the_schools_operator_verifies(sampled, who):
    with pytest.raises(PermissionDenied):
        services.participant_confirm(actor=getattr(sampled, who),
                                     participant=nominees(sampled).first())


def test_removing_an_ineligible_nominee_brings_the_next_candidate_reproducibly(sampled):
    # rule P-7, replacement: the first reserve moves up, the 36th in random order joins as
    # the last reserve; the same seed and data always give the same replacement.
    w = sampled
    main, reserve, everyone = order_of(w)
    removed = Participant.objects.get(student__nisn=main[0])
    services.participant_flag(actor=w.operator, participant=removed, reason="excluded",
                              note="Hambatan membaca, baru diketahui")
    joined = services.flag_resolve_remove(actor=w.district, participant=removed,
                                          note="Tidak memenuhi P-4")
    assert joined.student.nisn == everyone[35] and joined.source == "replacement"
    assert joined.participant_type == "reserve"
    now_main = set(nominees(w, participant_type="main").values_list("student__nisn",
                                                                   flat=True))
    assert now_main == set(everyone[1:31])
    assert nominees(w).count() == 35
    removed.refresh_from_db()
    assert removed.removed_at is not None and removed.removal_reason == "Tidak memenuhi P-4"


def test_when_no_candidate_is_left_the_list_just_shrinks(world):
    add_students(world.sd, 9, grade=5, start=8_100_000_000)  # 10 candidates: all main
    services.run_sampling(actor=world.district, seed=1)
    p = nominees(world).first()
    services.participant_flag(actor=world.operator, participant=p, reason="inactive",
                              note="Keluar")
    assert services.flag_resolve_remove(actor=world.district, participant=p,
                                        note="Keluar") is None
    assert nominees(world).count() == 9
    assert not nominees(world, participant_type="reserve").exists()


def test_the_district_keeps_a_flagged_nominee_and_fixes_the_data(sampled):
    w = sampled
    p = nominees(w).first()
    services.participant_flag(actor=w.operator, participant=p, reason="wrong_data",
                              note="Nama salah ketik")
    services.flag_resolve_keep(actor=w.district, participant=p, note="Diperbaiki",
                               corrections={"name": "Siti Nurhaliza"})
    p.refresh_from_db()
    assert p.verification == "confirmed" and p.student.name == "Siti Nurhaliza"
    entry = AuditEntry.objects.get(action="dns.resolve_keep")
    assert entry.summary["corrected"]["name"]["to"] == "Siti Nurhaliza"


def test_only_flagged_nominees_are_resolved_by_the_authority(sampled):
    w = sampled
    p = nominees(w).first()
    with pytest.raises(ValidationError):
        services.flag_resolve_remove(actor=w.district, participant=p, note="x")
    services.participant_flag(actor=w.operator, participant=p, reason="moved", note="x")
    for outsider in (w.province, w.district_outsider, w.operator):
        with pytest.raises(PermissionDenied):
            services.flag_resolve_remove(actor=outsider, participant=p, note="x")


def test_a_student_who_moved_after_dns_stays_listed_until_the_flag_flow(sampled):
    # Bad input: a move imported after DNS is not a silent drop.
    w = sampled
    p = nominees(w).first()
    Student.objects.filter(pk=p.student_id).update(school=w.mi)
    assert nominees(w).filter(pk=p.pk).exists()
    services.participant_flag(actor=w.operator, participant=p, reason="moved", note="Ke MI")
    services.flag_resolve_remove(actor=w.district, participant=p, note="Pindah")
    assert nominees(w).count() == 35


def test_resampling_needs_a_reason_and_is_audited(sampled):
    w = sampled
    with pytest.raises(ValidationError):
        services.school_resample(actor=w.district, school=w.sd, reason="")
    before = set(nominees(w).values_list("student_id", flat=True))
    run = services.school_resample(actor=w.district, school=w.sd,
                                   reason="Data tingkat salah saat sampling", seed=77)
    assert run.kind == "resample" and run.reason
    after = nominees(w)
    assert after.count() == 35 and all(p.run_id == run.pk for p in after)
    assert Participant.objects.filter(school=w.sd, removed_at__isnull=False).count() == 35
    assert before  # the old list is kept on record, removed
    assert AuditEntry.objects.get(action="sampling.resample").summary["reason"]
    with pytest.raises(PermissionDenied):
        services.school_resample(actor=w.district_outsider, school=w.sd, reason="x")


def _verify_all(world):
    services.dns_confirm_all(actor=world.operator, school=world.sd)


def test_dnt_needs_every_nominee_verified_then_numbers_everyone(sampled):
    # rule P-7
    w = sampled
    with pytest.raises(ValidationError, match="belum selesai"):
        services.dnt_finalise(actor=w.province, school=w.sd)
    _verify_all(w)
    with pytest.raises(PermissionDenied):
        services.dnt_finalise(actor=w.district, school=w.sd)
    sample = services.dnt_finalise(actor=w.province, school=w.sd)
    assert sample.stage == "dnt"
    numbers = list(nominees(w).order_by("an_number").values_list("an_number", flat=True))
    assert len(set(numbers)) == 35 and all(an_number_valid(n) for n in numbers)
    year = Assessment.objects.get().year % 100
    first_main = nominees(w, participant_type="main").order_by("random_key").first()
    assert first_main.an_number == an_number(year=year, level="SD", npsn=w.sd.npsn, sequence=1)
    assert numbers[0].startswith(f"{year:02d}-1-{w.sd.npsn}-001-")
    with pytest.raises(ValidationError):
        services.participant_confirm(actor=w.operator, participant=first_main)
    with pytest.raises(ValidationError):
        services.school_resample(actor=w.district, school=w.sd, reason="terlambat")


def test_centre_finalises_siln_and_the_province_finalises_all_ready_schools(world):
    add_students(world.siln, 2, grade=11, start=8_200_000_000)
    services.run_sampling(actor=world.centre, seed=1)
    services.run_sampling(actor=world.district, seed=1)
    with pytest.raises(PermissionDenied):
        services.dnt_finalise(actor=world.province, school=world.siln)
    Participant.objects.filter(school=world.siln).update(verification="confirmed")
    services.dnt_finalise(actor=world.centre, school=world.siln)
    assert services.dnt_finalise_ready(actor=world.province) == (0, 1)
    _verify_all(world)
    assert services.dnt_finalise_ready(actor=world.province) == (1, 0)


def test_check_digit_catches_a_typo_and_a_swap():
    number = an_number(year=2026, level="SMA", npsn="20200003", sequence=12)
    assert an_number_valid(number)
    typo = number[:-3] + str((int(number[-3]) + 1) % 10) + number[-2:]
    swapped = number[:3] + number[4] + number[3] + number[5:]
    assert not an_number_valid(typo)
    assert luhn_digit("26-3-P2020003-012") in range(10)
    assert swapped == number or not an_number_valid(swapped)


# ---------------------------------------------------------------------------------------------
# Reserves (P-9)

@pytest.fixture
def fixed(sampled):
    w = sampled
    _verify_all(w)
    services.dnt_finalise(actor=w.province, school=w.sd)
    start = timezone.now() + datetime.timedelta(hours=2)
    services.assessment_set_dates(actor=w.centre, starts_at=start)
    w.start = start
    return w


def test_a_reserve_replaces_an_absent_main_participant_in_random_order(fixed):
    w = fixed
    absent = nominees(w, participant_type="main").first()
    first_reserve = nominees(w, participant_type="reserve").order_by("random_key").first()
    activation = services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit")
    assert activation.reserve == first_reserve
    sitting = sitting_participants(school=w.sd)
    assert absent not in sitting and first_reserve in sitting and sitting.count() == 30
    assert AuditEntry.objects.get(action="reserve.activate").summary["reason"] == "Sakit"


def test_reserve_time_limit_is_15_minutes_before_the_first_session(fixed):
    w = fixed
    assert reserve_deadline(w.sd) == w.start - datetime.timedelta(minutes=15)
    absent = nominees(w, participant_type="main").first()
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit",
                                  now=w.start - datetime.timedelta(minutes=14))
    services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit",
                              now=w.start - datetime.timedelta(minutes=15))


def test_reserve_count_limit_and_no_second_replacement(fixed):
    w = fixed
    mains = list(nominees(w, participant_type="main")[:6])
    for absent in mains[:5]:
        services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit")
    with pytest.raises(ValidationError, match="sudah diaktifkan"):
        services.reserve_activate(actor=w.operator, absent=mains[5], reason="Sakit")
    with pytest.raises(ValidationError, match="sudah digantikan"):
        services.reserve_activate(actor=w.operator, absent=mains[0], reason="Sakit")
    assert ReserveActivation.objects.count() == 5


def test_nobody_takes_the_place_of_a_participant_who_logged_in(fixed):
    w = fixed
    absent = nominees(w, participant_type="main").first()
    Participant.objects.filter(pk=absent.pk).update(logged_in_at=timezone.now())
    with pytest.raises(ValidationError, match="sudah login"):
        services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit")


def test_reserves_wait_for_dnt_a_start_time_and_the_schools_operator(sampled):
    w = sampled
    absent = nominees(w, participant_type="main").first()
    with pytest.raises(ValidationError, match="setelah DNT"):
        services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit")
    _verify_all(w)
    services.dnt_finalise(actor=w.province, school=w.sd)
    with pytest.raises(ValidationError, match="belum ditetapkan"):
        services.reserve_activate(actor=w.operator, absent=absent, reason="Sakit")
    with pytest.raises(PermissionDenied):
        services.reserve_activate(actor=w.district, absent=absent, reason="Sakit")
    reserve = nominees(w, participant_type="reserve").first()
    services.assessment_set_dates(actor=w.centre, starts_at=timezone.now()
                                  + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="peserta utama"):
        services.reserve_activate(actor=w.operator, absent=reserve, reason="Sakit")


def test_participant_counts_for_other_apps(sampled):
    w = sampled
    assert participant_counts() == {w.sd.pk: 35}
    assert participant_counts(school_ids=[w.smp.pk]) == {}
    assert SchoolSample.objects.get(school=w.sd).regular_candidates == 45

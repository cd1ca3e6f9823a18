"""Sampling runs (P-5, P-6): quotas, the all-main rule, reproducibility, authority and
concurrency. Property tests use hypothesis; the chi-square check asks whether every
candidate is equally likely to be sampled over many seeds."""

import math
import random
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry
from anbk.registry.models import Student
from anbk.sampling import engine, services
from anbk.sampling.authority import authority_for_region
from anbk.sampling.eligibility import student_eligibility
from anbk.sampling.keys import sample_key
from anbk.sampling.models import Participant, SamplingRun, SchoolSample
from tests.people import make_school
from tests.sampling.helpers import add_students, rederive


class Rollback(Exception):
    pass


def current(school, sample_type="regular"):
    rows = Participant.objects.filter(school=school, removed_at__isnull=True,
                                      sample_type=sample_type)
    main = sorted(rows.filter(participant_type="main").values_list("student__nisn", flat=True))
    reserve = list(rows.filter(participant_type="reserve")
                   .order_by("random_key", "student__nisn")
                   .values_list("student__nisn", flat=True))
    return main, reserve


PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(count=st.integers(min_value=0, max_value=60), seed=st.integers(0, 2**53 - 1),
       level=st.sampled_from(["SD", "SMP"]))
def test_sizes_follow_the_quota_and_match_the_documented_algorithm(world, count, seed, level):
    # rule P-5: min(n, main) main; reserves only above the main quota, at most 5; no
    # duplicates; and exactly the sample an auditor re-derives from seed + NISNs.
    try:
        with transaction.atomic():
            bentuk, grade = ("SD", 5) if level == "SD" else ("SMP", 8)
            school = make_school("20209999", "Sekolah Uji", bentuk, world.kab_bandung)
            students = add_students(school, count, grade=grade, start=3_000_000_000)
            services.run_sampling(actor=world.district, seed=seed)
            main, reserve = current(school)
            quota_main = 30 if level == "SD" else 45
            assert len(main) == min(count, quota_main)
            assert len(reserve) == max(0, min(count - quota_main, 5))
            assert len(set(main) | set(reserve)) == len(main) + len(reserve)
            expected_main, expected_reserve = rederive(seed, [s.nisn for s in students],
                                                       level)
            assert (main, reserve) == (sorted(expected_main), expected_reserve)
            raise Rollback
    except Rollback:
        pass


@PROPERTY
@given(seed=st.integers(0, 2**53 - 1), shuffle=st.randoms(use_true_random=False))
def test_same_seed_and_data_in_any_row_order_give_the_same_sample(world, seed, shuffle):
    # rule P-5: the key depends on seed + NISN only, never on the order rows were stored.
    nisns = [f"{4_000_000_000 + i:010d}" for i in range(50)]
    results = []
    for order in (sorted(nisns), shuffle.sample(nisns, len(nisns))):
        try:
            with transaction.atomic():
                school = make_school("20209998", "Sekolah Uji", "SD", world.kab_bandung)
                for nisn in order:
                    add_students(school, 1, grade=5, start=int(nisn))
                services.run_sampling(actor=world.district, seed=seed)
                results.append(current(school))
                raise Rollback
        except Rollback:
            pass
    assert results[0] == results[1]


def test_every_candidate_is_equally_likely_over_many_seeds():
    # rule P-5: simple random sampling — chi-square over 4,000 seeds of how often each of
    # 40 candidates is among the 30 main participants (expected 3,000 each).
    nisns = [f"{5_000_000_000 + i:010d}" for i in range(40)]
    seeds = 4000
    hits = dict.fromkeys(nisns, 0)
    for seed in range(seeds):
        main, _reserve = rederive(seed, nisns, "SD")
        for nisn in main:
            hits[nisn] += 1
    expected = seeds * 30 / 40
    # Each candidate's count is binomial(seeds, 3/4); normalise by its variance.
    variance = seeds * 0.75 * 0.25
    chi2 = sum((h - expected) ** 2 / variance for h in hits.values())
    df = len(nisns) - 1
    z = 3.09  # p = 0.001, Wilson–Hilferty approximation of the chi-square quantile
    critical = df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3
    assert chi2 < critical, (chi2, critical)
    # The keys themselves: leading hex digit uniform over 16 values.
    firsts = [sample_key(seed, "0012345678")[0] for seed in range(16_000)]
    counts = [firsts.count(f"{d:x}") for d in range(16)]
    chi2_digit = sum((c - 1000) ** 2 / 1000 for c in counts)
    assert chi2_digit < 37.7  # df 15, p = 0.001


def test_oversample_is_drawn_separately_with_the_same_quota_and_flagged(world):
    # rule P-3: grade 4 at a Sekolah Penggerak SD, same 30 + 5, sample "Tambahan".
    school = make_school("20209997", "SD Penggerak", "SD", world.kab_bandung,
                         is_penggerak=True)
    add_students(school, 40, grade=5, start=6_000_000_000)
    add_students(school, 33, grade=4, start=6_100_000_000)
    services.run_sampling(actor=world.district, seed=7)
    assert [len(x) for x in current(school)] == [30, 5]
    assert [len(x) for x in current(school, "oversample")] == [30, 3]
    sample = SchoolSample.objects.get(school=school)
    assert (sample.regular_candidates, sample.oversample_candidates) == (40, 33)


def test_grade_4_at_a_school_that_is_not_penggerak_is_not_sampled(world):
    # rule P-3
    add_students(world.sd, 10, grade=4, start=6_200_000_000)
    services.run_sampling(actor=world.district, seed=1)
    assert not Participant.objects.filter(sample_type="oversample").exists()


def test_a_run_records_seed_params_actor_and_counts_and_is_audited(world):
    # rules P-5, P-6
    add_students(world.sd, 37, grade=5, start=6_300_000_000)
    run = services.run_sampling(actor=world.district, seed=99)
    assert (run.seed, run.actor, run.region, run.tier) == (99, world.district,
                                                          world.kab_bandung, "district")
    assert run.params["quotas"]["SD"] == [30, 5]
    # The SD (world.student + 37), the SMP of Kota Bandung is not ours: only Kab. Bandung's
    # district-tier Dinas schools (SD) are sampled; the SMA and the MI are not.
    sampled = set(SchoolSample.objects.values_list("school__npsn", flat=True))
    assert sampled == {world.sd.npsn}
    assert (run.schools, run.candidates, run.main_count, run.reserve_count) == (1, 38, 30, 5)
    entry = AuditEntry.objects.get(action="sampling.run")
    assert entry.summary["seed"] == 99 and entry.actor_id == world.district.pk
    assert audit_verify() is None


def test_a_school_with_no_eligible_student_is_listed_as_such(world):
    # rule P-5: the school has a sample with zero candidates and no participants.
    school = make_school("20209996", "SD Kosong", "SD", world.kab_bandung)
    add_students(school, 3, grade=5, start=6_400_000_000, is_active=False)
    services.run_sampling(actor=world.district, seed=3)
    sample = SchoolSample.objects.get(school=school)
    assert not sample.has_candidates and not sample.participants.exists()


def test_each_team_samples_only_the_schools_of_its_authority(world):
    # rule P-6: province → SMA (province tier), Kemenag district → MI, centre → SILN.
    add_students(world.sma, 3, grade=11, start=6_500_000_000)
    add_students(world.mi, 3, grade=5, start=6_600_000_000)
    add_students(world.siln, 3, grade=11, start=6_700_000_000)
    services.run_sampling(actor=world.province, seed=1)
    services.run_sampling(actor=world.kemenag_district, seed=1)
    services.run_sampling(actor=world.centre, seed=1)
    by_run = dict(SchoolSample.objects.values_list("school__npsn", "run__actor__username"))
    assert by_run == {world.sma.npsn: "prov32", world.mi.npsn: "kemenag3204",
                      world.siln.npsn: "pusat"}


def test_a_district_never_samples_another_districts_schools(world):
    # rule P-6, scoping: Banyumas' SD is not touched by Kab. Bandung's run, and theirs not ours
    add_students(world.sd_jateng, 5, grade=5, start=6_800_000_000)
    services.run_sampling(actor=world.district, seed=1)
    assert not Participant.objects.filter(school=world.sd_jateng).exists()
    services.run_sampling(actor=world.district_outsider, seed=1)
    assert set(Participant.objects.filter(run__actor=world.district_outsider)
               .values_list("school_id", flat=True)) == {world.sd_jateng.pk}


@pytest.mark.parametrize("who", ["operator", "proctor", "item_author"])
def test_an_account_without_authority_cannot_sample_and_nothing_is_written(world, who):
    # rule P-6
    with pytest.raises(PermissionDenied):
        services.run_sampling(actor=getattr(world, who), seed=1)
    assert not SamplingRun.objects.exists()


def test_a_second_run_for_a_sampled_region_is_refused_with_who_ran_it(world):
    first = services.run_sampling(actor=world.district, seed=1)
    with pytest.raises(services.SamplingRefused, match=f"#{first.pk} oleh Kab3204"):
        services.run_sampling(actor=world.district, seed=2)
    assert SamplingRun.objects.count() == 1


def test_a_bad_seed_is_refused(world):
    with pytest.raises(ValidationError):
        services.run_sampling(actor=world.district, seed=-1)
    assert not SamplingRun.objects.exists()


def test_wrong_region_code_or_someone_elses_region_on_the_command_line(world):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        authority_for_region("99.99")
    with pytest.raises(PermissionDenied):
        authority_for_region("33.02", actor=world.district)
    assert authority_for_region("32.04").region == world.kab_bandung


def test_a_system_run_by_region_code_covers_every_agency(world):
    # `anbk sample --region 32.04` as the system: the SD (Dinas) and the MI (Kemenag).
    add_students(world.mi, 2, grade=5, start=6_900_000_000)
    services.run_sampling(actor=None, authority=authority_for_region("32.04"), seed=5)
    assert set(SchoolSample.objects.values_list("school__npsn", flat=True)) == {
        world.sd.npsn, world.mi.npsn}


def test_a_run_that_loses_the_race_on_the_unique_index_is_refused_and_writes_nothing(
        world, monkeypatch):
    # Concurrency on PostgreSQL: the loser's INSERT of the same SchoolSample rows waits for
    # the winner's commit, then fails on schoolsample_one_per_school. (SQLite's IMMEDIATE
    # transactions queue the loser instead; it then finds nothing left to sample, above.)
    def collide(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint "
                             '"schoolsample_one_per_school"')

    monkeypatch.setattr(engine, "create_school_samples", collide)
    with pytest.raises(services.SamplingRefused, match="baru saja dijalankan"):
        services.run_sampling(actor=world.district, seed=1)
    assert not SamplingRun.objects.exists() and not AuditEntry.objects.filter(
        action="sampling.run").exists()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the in-memory SQLite test database cannot hold two connections")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_for_one_region_one_wins_the_other_is_refused():
    # Concurrency: two threads start the same region's run together; exactly one commits.
    from tests.people import build_world

    world = build_world()
    add_students(world.sd, 40, grade=5, start=7_000_000_000)
    barrier = threading.Barrier(2)
    outcomes = []

    def start(seed):
        try:
            barrier.wait()
            outcomes.append(services.run_sampling(actor=world.district, seed=seed))
        except services.SamplingRefused as refused:
            outcomes.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(seed,)) for seed in (11, 12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    runs = [o for o in outcomes if isinstance(o, SamplingRun)]
    refused = [o for o in outcomes if isinstance(o, services.SamplingRefused)]
    assert len(runs) == 1 and len(refused) == 1
    assert Participant.objects.count() == 35
    assert Participant.objects.values("student").distinct().count() == 35
    assert SamplingRun.objects.filter(finished_at__isnull=False).count() == 1


def test_python_and_sql_keys_agree(world):
    # The SQL key (SQLite function here; sha256() on PostgreSQL) is the documented one.
    add_students(world.sd, 5, grade=5, start=7_100_000_000)
    run = services.run_sampling(actor=world.district, seed=424242)
    for p in Participant.objects.select_related("student"):
        assert p.random_key == sample_key(run.seed, p.student.nisn)


def test_random_seed_when_none_given(world):
    seeds = {services.run_sampling(actor=user, seed=None).seed
             for user in (world.district, world.district_outsider)}
    assert len(seeds) == 2 and all(0 <= s < 2**53 for s in seeds)
    assert random  # the module is used by hypothesis' randoms strategy above


def test_a_national_system_run_covers_every_tier_at_once(world):
    # The benchmark's national run (benchmarks/bench_sampling.py): the system, no tier.
    from anbk.sampling.authority import Authority

    for school, grade, start in ((world.sma, 11, 7_200_000_000), (world.siln, 11, 7_300_000_000),
                                 (world.sd_jateng, 5, 7_400_000_000)):
        add_students(school, 2, grade=grade, start=start)
    run = services.run_sampling(actor=None, authority=Authority(None, None, None), seed=1)
    assert run.schools == 6 and run.tier == "" and run.actor is None
    assert set(Participant.objects.values_list("school_id", flat=True)) == {
        world.sd.pk, world.sma.pk, world.siln.pk, world.sd_jateng.pk}


def test_a_student_sampled_before_moving_is_not_sampled_again_at_the_new_school(world):
    # rule P-5 (no duplicate participants): sampled in Kab. Bandung, then moved to Banyumas
    # before Banyumas samples; the first place stands and the second run skips the student.
    [moved] = add_students(world.sd, 1, grade=5, start=7_500_000_000)
    add_students(world.sd_jateng, 2, grade=5, start=7_600_000_000)
    services.run_sampling(actor=world.district, seed=1)
    moved.school = world.sd_jateng
    moved.save()
    run = services.run_sampling(actor=world.district_outsider, seed=1)
    assert Participant.objects.filter(student=moved).count() == 1
    assert Participant.objects.get(student=moved).school_id == world.sd.pk
    others = [s for s in Student.objects.filter(school=world.sd_jateng).exclude(pk=moved.pk)
              if student_eligibility(s).eligible]
    assert run.candidates == run.main_count == len(others) >= 2
    assert SchoolSample.objects.get(school=world.sd_jateng).regular_candidates == len(others)


def test_a_run_whose_counts_disagree_with_its_rows_is_not_kept(world, monkeypatch):
    # rule P-5: the participants written and the quota arithmetic over the candidate counts
    # are two readings of one rule; should they ever differ, nothing of the run is kept.
    add_students(world.sd, 3, grade=5, start=7_700_000_000)
    real = engine.run_counts

    def off_by_one(*, run):
        return {**real(run=run), "reserve_count": 1}

    monkeypatch.setattr(engine, "run_counts", off_by_one)
    with pytest.raises(RuntimeError, match="participants written"):
        services.run_sampling(actor=world.district, seed=1)
    assert not SamplingRun.objects.exists() and not Participant.objects.exists()

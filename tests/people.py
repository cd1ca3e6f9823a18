"""Named people and places every test can use (healthchecks style).

Jawa Barat (32) is "our" province, with Kab. Bandung (32.04) and Kota Bandung (32.73);
Jawa Tengah (33) with Kab. Banyumas (33.02) is the outsiders' province. Each role has one
account in our region and one outsider elsewhere who must see nothing of ours.
"""

import datetime
from dataclasses import dataclass

from anbk.accounts.models import Role, User
from anbk.core.rules import BENTUK, Agency
from anbk.registry.models import (
    Person,
    Position,
    Region,
    RegionKind,
    School,
    Service,
    Student,
)

PASSWORD = "rahasia-uji-123"


def make_region(code: str, name: str, parent: Region | None = None) -> Region:
    kind = RegionKind.PROVINCE if parent is None else (
        RegionKind.CITY if name.startswith("Kota") else RegionKind.REGENCY)
    return Region.objects.create(code=code, name=name, kind=kind, parent=parent)


def make_school(npsn: str, name: str, bentuk: str, district: Region | None,
                level: str | None = None, **extra) -> School:
    b = BENTUK[bentuk]
    return School.objects.create(
        npsn=npsn, name=name, bentuk=bentuk, level=level or b.level, status="negeri",
        agency=b.agency, tier=b.tier, district=district,
        province=district.parent if district else None, source="emis" if b.agency ==
        Agency.KEMENAG else "dapodik", **extra)


def make_student(nisn: str, school: School, name: str = "Siti Aminah", grade: int = 5,
                 **extra) -> Student:
    return Student.objects.create(nisn=nisn, school=school, name=name, sex="P",
                                  birth_place="Bandung", birth_date=datetime.date(2011, 3, 2),
                                  grade=grade, **extra)


def make_user(username: str, role: str, *, region=None, school=None,
              agency: str = Agency.KEMDIKBUD) -> User:
    user = User(username=username, role=role, region=region, school=school,
                agency=school.agency if school else agency, first_name=username.title(),
                must_change_password=False)
    user.set_password(PASSWORD)
    user.save()
    return user


@dataclass
class World:
    jabar: Region
    kab_bandung: Region
    kota_bandung: Region
    jateng: Region
    banyumas: Region
    sd: School  # SD in Kab. Bandung (district Dinas)
    smp: School  # SMP in Kota Bandung (district Dinas)
    sma: School  # SMA in Kab. Bandung (province Dinas)
    mi: School  # MI in Kab. Bandung (district Kemenag)
    sd_jateng: School  # SD in Banyumas: everyone of ours is an outsider to it
    siln: School
    student: Student
    student_jateng: Student
    teacher: Person
    centre: User
    province: User
    district: User
    kemenag_district: User
    kemenag_province: User
    operator: User
    proctor: User
    technician: User
    supervisor: User
    item_author: User
    item_reviewer: User
    province_outsider: User
    district_outsider: User
    operator_outsider: User


def build_world() -> World:
    jabar = make_region("32", "Jawa Barat")
    kab_bandung = make_region("32.04", "Bandung", jabar)
    kota_bandung = make_region("32.73", "Kota Bandung", jabar)
    jateng = make_region("33", "Jawa Tengah")
    banyumas = make_region("33.02", "Banyumas", jateng)
    sd = make_school("20200001", "SD Negeri 1 Soreang", "SD", kab_bandung)
    smp = make_school("20200002", "SMP Negeri 5 Bandung", "SMP", kota_bandung)
    sma = make_school("20200003", "SMA Negeri 1 Soreang", "SMA", kab_bandung)
    mi = make_school("60700001", "MI Al-Hidayah", "MI", kab_bandung)
    sd_jateng = make_school("20300001", "SD Negeri 1 Purwokerto", "SD", banyumas)
    siln = make_school("69900001", "S.I. Wassenaar", "SILN", None, level="SMA",
                       country="Belanda")
    student = make_student("0111111111", sd)
    student_jateng = make_student("0222222222", sd_jateng, name="Budi Santoso")
    teacher = Person.objects.create(nik="3204010101800001", name="Dewi Lestari", sex="P",
                                    employment_status="pns")
    Service.objects.create(person=teacher, school=sd, position=Position.TEACHER)
    Service.objects.create(person=teacher, school=mi, position=Position.TEACHER)
    return World(
        jabar=jabar, kab_bandung=kab_bandung, kota_bandung=kota_bandung, jateng=jateng,
        banyumas=banyumas, sd=sd, smp=smp, sma=sma, mi=mi, sd_jateng=sd_jateng, siln=siln,
        student=student, student_jateng=student_jateng, teacher=teacher,
        centre=make_user("pusat", Role.CENTRE_ADMIN),
        province=make_user("prov32", Role.PROVINCE_TEAM, region=jabar),
        district=make_user("kab3204", Role.DISTRICT_TEAM, region=kab_bandung),
        kemenag_district=make_user("kemenag3204", Role.DISTRICT_TEAM, region=kab_bandung,
                                   agency=Agency.KEMENAG),
        kemenag_province=make_user("kanwil32", Role.PROVINCE_TEAM, region=jabar,
                                   agency=Agency.KEMENAG),
        operator=make_user("op20200001", Role.SCHOOL_OPERATOR, school=sd),
        proctor=make_user("proktor20200001", Role.PROCTOR, school=sd),
        technician=make_user("teknisi20200001", Role.TECHNICIAN, school=sd),
        supervisor=make_user("pengawas20200001", Role.SUPERVISOR, school=sd),
        item_author=make_user("penulis.soal", Role.ITEM_AUTHOR),
        item_reviewer=make_user("penelaah.soal", Role.ITEM_REVIEWER),
        province_outsider=make_user("prov33", Role.PROVINCE_TEAM, region=jateng),
        district_outsider=make_user("kab3302", Role.DISTRICT_TEAM, region=banyumas),
        operator_outsider=make_user("op20300001", Role.SCHOOL_OPERATOR, school=sd_jateng),
    )


assert set(BENTUK)  # the rule table is importable before any test runs

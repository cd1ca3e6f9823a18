"""`anbk demo`: a synthetic province loaded through the import pipeline, one login per role."""

import subprocess
import sys

import pytest
from django.db.models import Count

from anbk.accounts.models import Role, User
from anbk.core.audit import audit_verify
from anbk.core.models import AuditEntry, AuditHead
from anbk.core.rules import BENTUK, Agency
from anbk.portal import demo
from anbk.registry.models import Person, Region, School, Student
from tests.people import make_region, make_school

pytestmark = pytest.mark.django_db


def run(**kwargs) -> int:
    return demo.run_demo(host="127.0.0.1", port=8000, reset=kwargs.pop("reset", False),
                         serve=False, **kwargs)


@pytest.fixture
def loaded(capsys):
    assert run() == 0
    return capsys.readouterr().out


def test_it_loads_a_province_with_every_bentuk(loaded):
    assert Region.objects.filter(kind="provinsi").count() == 1
    districts = Region.objects.filter(parent__code="32")
    assert set(districts.values_list("code", flat=True)) == set(demo.DEMO_DISTRICTS)
    assert School.objects.exclude(bentuk="SILN").count() >= 40
    assert set(School.objects.values_list("bentuk", flat=True)) == set(BENTUK)
    assert School.objects.filter(bentuk__in=["MI", "MTs", "MA", "MAK"]).exists()
    assert School.objects.filter(bentuk__startswith="Paket").exists()
    assert School.objects.filter(bentuk="SILN").count() == 13


def test_it_loads_students_and_teachers_who_serve_two_schools(loaded):  # rule P-8
    assert Student.objects.count() >= 2000
    assert Student.objects.filter(grade=5).count() > Student.objects.filter(grade=1).count()
    two = Person.objects.annotate(n=Count("services")).filter(n=2)
    assert two.exists()


def test_it_went_through_the_import_pipeline_with_an_audit_trail(loaded):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"import.regions", "import.schools", "import.students", "import.teachers",
            "import.siln", "user.issue"} <= actions
    assert audit_verify() is None
    assert "melalui impor" in loaded


def test_it_creates_one_login_per_role_issued_down_the_hierarchy(loaded):  # rule S-8
    users = demo.demo_users()
    assert {u.role for u in users} == set(Role.values)
    teams = {(u.role, u.agency, u.region.code) for u in users if u.region_id}
    assert teams == {(Role.PROVINCE_TEAM, Agency.KEMDIKBUD, "32"),
                     (Role.PROVINCE_TEAM, Agency.KEMENAG, "32"),
                     (Role.DISTRICT_TEAM, Agency.KEMDIKBUD, "32.04"),
                     (Role.DISTRICT_TEAM, Agency.KEMENAG, "32.04")}
    by_name = {u.username: u for u in users}
    assert by_name["kab3204"].issued_by.username == "prov32"
    assert by_name["kemenag3204"].issued_by.username == "kanwil32"
    school = demo.demo_school()
    assert by_name[f"proktor{school.npsn}"].issued_by.username == f"op{school.npsn}"
    assert by_name[f"op{school.npsn}"].issued_by.username == "kab3204"
    for user in users:
        assert user.check_password(demo.DEMO_PASSWORD)
        assert not user.must_change_password
    issued = AuditEntry.objects.filter(action="user.issue")
    assert issued.count() == len(users) - 1  # all but the bootstrap centre admin
    assert set(issued.values_list("actor_label", flat=True)) == {
        "pusat", "prov32", "kanwil32", "kab3204", f"op{school.npsn}"}


def test_it_prints_the_logins_as_demo_only(loaded):
    assert "HANYA UNTUK DEMO" in loaded
    assert "http://127.0.0.1:8000/" in loaded
    for user in demo.demo_users():
        assert user.username in loaded
    assert loaded.count(demo.DEMO_PASSWORD) == len(Role.values) + 2  # one per login


def test_a_demo_login_works_over_http(loaded, client):
    response = client.post("/akun/masuk/", {"username": "kemenag3204",
                                            "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Nur Hasanah" in home.content.decode()


def test_a_second_run_reuses_the_data_and_writes_nothing(loaded, capsys):
    counts = (School.objects.count(), Student.objects.count(), User.objects.count())
    head = AuditHead.objects.get().seq
    assert run() == 0
    out = capsys.readouterr().out
    assert "sudah ada" in out and "melalui impor" not in out
    assert (School.objects.count(), Student.objects.count(), User.objects.count()) == counts
    assert AuditHead.objects.get().seq == head
    assert demo.DEMO_PASSWORD in out


# A real transaction: PostgreSQL refuses to TRUNCATE (flush) inside the test's transaction
# while foreign-key checks are still pending.
@pytest.mark.django_db(transaction=True)
def test_reset_reloads_a_demo_only_database(capsys):
    assert run(schools=16, students_per_school=5) == 0
    # Students not sampled: sampled ones are protected by their participation (sampling demo).
    Student.objects.filter(grade=5, participations__isnull=True).delete()
    assert run(reset=True, schools=16, students_per_school=5) == 0
    assert Student.objects.count() == 16 * 5
    assert len(demo.demo_users()) == len(Role.values) + 2
    assert audit_verify() is None


def test_reset_refuses_a_database_with_other_accounts(capsys):
    assert run(schools=16, students_per_school=5) == 0
    User.objects.create(username="operator-sungguhan", role=Role.CENTRE_ADMIN)
    students = Student.objects.count()
    assert run(reset=True) == 1
    assert "--reset dibatalkan" in capsys.readouterr().err
    assert Student.objects.count() == students
    assert User.objects.filter(username="operator-sungguhan").exists()


def test_reset_refuses_a_database_with_other_schools(capsys):
    assert run(schools=16, students_per_school=5) == 0
    banyumas = make_region("33.02", "Banyumas", make_region("33", "Jawa Tengah"))
    make_school("20300001", "SD Negeri 1 Purwokerto", "SD", banyumas)
    assert run(reset=True) == 1
    assert "1 sekolah di luar data demo" in capsys.readouterr().err
    assert School.objects.filter(npsn="20300001").exists()


def test_serving_runs_the_worker_beside_the_server_and_stops_it(monkeypatch, capsys):
    started = []
    real_popen = subprocess.Popen

    def fake_worker(args):
        assert args[-1] == "worker"
        process = real_popen([sys.executable, "-c", "import time; time.sleep(60)"])
        started.append(process)
        return process

    def fake_serve(args):
        assert (args.host, args.port, args.no_migrate) == ("127.0.0.1", 8123, True)
        assert started and started[0].poll() is None  # the worker runs while serving
        return 0

    monkeypatch.setattr(demo.subprocess, "Popen", fake_worker)
    monkeypatch.setattr("anbk.cli.cmd_serve", fake_serve)
    code = demo.run_demo(host="127.0.0.1", port=8123, reset=False, serve=True, schools=16,
                         students_per_school=2)
    assert code == 0
    assert started[0].poll() is not None  # stopped with the server
    assert "Ctrl+C" in capsys.readouterr().out

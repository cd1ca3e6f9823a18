"""The scoping matrix: every URL of the project × every role × an object of our region
(Jawa Barat) and one of theirs (Jawa Tengah) → allowed (200/302) or 404. Rules S-1, S-8.

The URL list is walked from the resolver, so a URL added anywhere in the project shows up
here as a failing "MISSING" case until it gets a row in MATRIX below.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from anbk.accounts.models import Role
from anbk.registry.importing import jobs
from anbk.registry.models import Person, Position, Service
from tests.matrix import (
    DATA,
    EVERYONE,
    PEOPLE,
    SEES_TEACHER,
    UPLOADER,
    UPLOADER_JATENG,
    Detail,
    Page,
    merged,
)
from tests.people import make_user


def _job(key: str, method: str = "get") -> Detail:
    return Detail("import_job", key, UPLOADER, UPLOADER_JATENG, method=method)


# Public: reachable without logging in.
PUBLIC = {"accounts:login", "accounts:logout", "portal:set_language"}

MATRIX: dict[str, Page | Detail] = merged("MATRIX", {
    "portal:home": Page(EVERYONE),
    "portal:audit_log": Page(frozenset({"centre"})),
    "portal:set_language": Page(EVERYONE, "post", {"language": "id", "next": "/"}),
    "accounts:login": Page(EVERYONE),
    "accounts:logout": Page(EVERYONE, "post"),
    "accounts:password_change": Page(EVERYONE),
    "accounts:user_list": Page(DATA, lists="proctor", shows="username"),
    "accounts:user_issue": Page(DATA),
    "accounts:user_detail": Detail("proctor", "pk"),
    "accounts:user_unlock": Detail("proctor", "pk", method="post"),
    "accounts:user_reset_password": Detail("proctor", "pk", method="post"),
    "accounts:user_set_active": Detail("proctor", "pk", method="post", data={"active": "0"}),
    "registry:school_list": Page(DATA, lists="sd", shows="name"),
    "registry:school_options": Page(DATA, lists="sd", shows="name"),
    "registry:school_detail": Detail("sd", "npsn"),
    "registry:student_list": Page(DATA, lists="student", shows="name"),
    "registry:student_detail": Detail("student", "nisn"),
    "registry:teacher_list": Page(DATA, lists="teacher", shows="name", sees_ours=SEES_TEACHER),
    "registry:person_detail": Detail("teacher", "nik", sees_ours=SEES_TEACHER),
    "imports:upload": Page(DATA, lists="import_job", shows="file_name", sees_ours=UPLOADER,
                           sees_theirs=UPLOADER_JATENG),
    "imports:sample": Page(DATA, kwargs={"kind": "students"}),
    "imports:job": _job("pk"),
    "imports:progress": _job("pk"),
    "imports:errors": _job("pk"),
    "imports:retry": _job("pk", method="post"),
    "imports:rerun": _job("pk", method="post"),
})


def project_urls(resolver=None, namespace="", prefix=""):
    """(name, route) of every URL pattern of the project, included ones too."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_urls(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or '(unnamed)'}", prefix + str(pattern.pattern)


URLS = dict(project_urls())


def _teacher_jateng(world):
    teacher = Person.objects.create(nik="3302010101800001", name="Bambang Wijaya", sex="L",
                                    employment_status="pppk")
    Service.objects.create(person=teacher, school=world.sd_jateng, position=Position.TEACHER)
    return teacher


def _import_job(uploader, school, nisn: str):
    """A checked student import with one good and one bad row: its outcome page, error list
    and "import only the valid rows" all exist."""
    rows = ["NPSN,NISN,Nama,JK,Tempat Lahir,Tanggal Lahir,Tingkat,Aktif,Rapor Lengkap,"
            "Disabilitas,Hambatan Membaca",
            f"{school.npsn},{nisn},Ani Lestari,P,Bandung,17-08-2012,5,Ya,Ya,Tidak,Tidak",
            f"{school.npsn},12345,Budi,L,Bandung,17-08-2012,5,Ya,Ya,Tidak,Tidak"]
    upload = SimpleUploadedFile(f"siswa-{school.npsn}.csv", "\n".join(rows).encode())
    job = jobs.import_job_create(actor=uploader, kind="students", upload=upload)
    return jobs.import_job_run(job_id=job.pk)


# Objects beyond tests/people.py, built only for the cases that name them.
MAKERS = merged("MAKERS", {
    "proctor_jateng": lambda world: make_user("proktor20300001", Role.PROCTOR,
                                              school=world.sd_jateng),
    "teacher_jateng": _teacher_jateng,
    "import_job": lambda world: _import_job(world.district, world.sd, "0444444441"),
    "import_job_jateng": lambda world: _import_job(world.district_outsider, world.sd_jateng,
                                                   "0444444442"),
})


class Objects:
    """The world of tests/people.py, plus the objects of MAKERS made on first use."""

    def __init__(self, world):
        self._world, self._made = world, {}

    def __getattr__(self, name):
        if name not in MAKERS:
            return getattr(self._world, name)
        if name not in self._made:
            self._made[name] = MAKERS[name](self._world)
        return self._made[name]


@pytest.fixture
def w(world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path  # uploads of the import cases
    return Objects(world)


def _request(client, name, entry, kwargs):
    url = reverse(name, kwargs=kwargs or getattr(entry, "kwargs", {}))
    if entry.method == "post":
        return client.post(url, entry.data)
    return client.get(url, entry.data)


def _outcome(allowed: bool) -> str:
    return "allowed" if allowed else "404"


def _check(response, allowed: bool, label: str):
    if allowed:
        assert response.status_code in (200, 302), f"{label}: {response.status_code}"
    else:
        assert response.status_code == 404, f"{label}: {response.status_code}, expected 404"


def _missing(name):
    pytest.fail(f"add URL {name} ({URLS.get(name, '?')}) to MATRIX in "
                "tests/portal/test_scoping_matrix.py: who may open it, with which objects")


def _role_cases():
    for name in URLS:
        entry = MATRIX.get(name)
        if entry is None:
            yield pytest.param(name, None, None, id=f"{name}-MISSING")
        elif isinstance(entry, Page):
            for person in PEOPLE:
                yield pytest.param(name, None, person,
                                   id=f"{name}-{person}-{_outcome(person in entry.opens)}")
        else:
            for whose in ("ours", "theirs"):
                for person in PEOPLE:
                    allowed = person in entry.sees(whose)
                    yield pytest.param(name, whose, person,
                                       id=f"{name}-{whose}-{person}-{_outcome(allowed)}")


@pytest.mark.parametrize(("name", "whose", "person"), list(_role_cases()))
def test_role_matrix(client, w, name, whose, person):  # rules S-1, S-8
    entry = MATRIX.get(name)
    if entry is None:
        _missing(name)
    client.force_login(getattr(w, person))
    if isinstance(entry, Detail):
        response = _request(client, name, entry, entry.url_kwargs(w, whose))
        _check(response, person in entry.sees(whose), f"{name} ({whose}) as {person}")
        return
    listed = []
    if entry.lists:  # made before the request, so the list could show them
        listed = [(getattr(getattr(w, obj), entry.shows), sees) for obj, sees in (
            (entry.lists, entry.sees_ours), (f"{entry.lists}_jateng", entry.sees_theirs))]
    response = _request(client, name, entry, {})
    response.close()  # a file download holds its file open until closed
    _check(response, person in entry.opens, f"{name} as {person}")
    if listed and person in entry.opens:
        body = response.content.decode()
        for text, sees in listed:
            assert (text in body) == (person in sees), f"{text!r} in {name} as {person}"


@pytest.mark.parametrize("name", list(URLS))
def test_anonymous_is_sent_to_login(client, w, name):
    entry = MATRIX.get(name)
    if entry is None:
        _missing(name)
    kwargs = entry.url_kwargs(w, "ours") if isinstance(entry, Detail) else {}
    response = _request(client, name, entry, kwargs)
    if name in PUBLIC:
        assert response.status_code in (200, 302)
        assert not response.get("Location", "").startswith(reverse(settings.LOGIN_URL) + "?")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")


def test_matrix_has_no_rows_for_urls_that_do_not_exist():
    assert set(MATRIX) - set(URLS) == set()
    assert PUBLIC <= set(MATRIX)

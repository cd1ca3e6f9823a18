"""Documents' rows of the scoping matrix (tests/matrix.py) and of the permission table."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from anbk.accounts.models import Role
from anbk.documents import batches
from anbk.documents.models import BatchKind, ScanKind
from anbk.documents.services import scan_upload
from anbk.registry.models import Person, Position, Service
from anbk.scheduling import services as scheduling
from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry
from tests.matrix import DATA, SEES_SD, SEES_SD_JATENG, UPLOADER, UPLOADER_JATENG, Detail, Page
from tests.scheduling.factories import participants, rooms

# Cards and lists: the teams, the school operator and the school's proctor (POS: the
# proctor prints the login cards).
PRINTERS = DATA | {"proctor"}
SEES_SD_PRINTS = SEES_SD | {"proctor"}
# Signed scans go back from the school: its proctor or operator.
UPLOADS_SD, UPLOADS_SD_JATENG = frozenset({"operator", "proctor"}), frozenset({
    "operator_outsider"})
TEAMS = frozenset({"centre", "province", "kemenag_province", "district", "kemenag_district",
                   "province_outsider", "district_outsider"})


@dataclass(frozen=True)
class Sheet(Detail):
    """A URL naming a room of a host's session and a test day (and a scan kind)."""

    kind: str = ""

    def url_kwargs(self, w, whose: str) -> dict:
        sheet = getattr(w, "sheet" if whose == "ours" else "sheet_jateng")
        kwargs = {"session": sheet.session, "room": sheet.room, "day": 1}
        return kwargs | ({"kind": self.kind} if self.kind else {})


def _once(name: str, make):
    """A maker whose object is made once per world: other makers build on it too."""

    def made(world):
        cache = world.__dict__.setdefault("_documents_made", {})
        if name not in cache:
            cache[name] = make(world)
        return cache[name]

    return made


def _sheet(school_attr: str, nisn: int):
    """A host session with one room and two placed participants."""

    def make(world):
        calendar_seed(CalendarEntry)
        school = getattr(world, school_attr)
        participants(school, 2, first_nisn=nisn)
        room = rooms(world.centre, school, 15)[0]
        outcome = scheduling.sessions_set(actor=world.centre, school=school, level="SD",
                                          wave=1, per_pair={1: 1})
        scheduling.placement_run(actor=world.centre, school=school, level="SD")
        return SimpleNamespace(session=outcome.sessions[0].pk, room=room.pk,
                               session_obj=outcome.sessions[0])

    return make


def _scan(sheet_attr: str, uploader: str):
    def make(world):
        from tests.documents.test_scans import png_bytes

        sheet = MAKERS[sheet_attr](world)
        return scan_upload(actor=getattr(world, uploader), session=sheet.session_obj,
                           room_id=sheet.room, day=1, kind=ScanKind.ATTENDANCE,
                           upload=SimpleUploadedFile("hadir.png", png_bytes()))

    return make


def _batch(asker: str):
    def make(world):
        batch = batches.batch_create(actor=getattr(world, asker), kind=BatchKind.LOGIN_CARDS)
        return batches.batch_run(batch_id=batch.pk)

    return make


def _sheet_page(name_kind: str = "") -> Sheet:
    return Sheet("sheet", "session", SEES_SD_PRINTS, SEES_SD_JATENG, kind=name_kind)


MATRIX = {
    "documents:home": Page(PRINTERS),
    "documents:school": Detail("sd", "npsn", sees_ours=SEES_SD_PRINTS),
    "documents:cards": Detail("sheet_school", "npsn", sees_ours=SEES_SD_PRINTS),
    "documents:survey_cards": Detail("survey_school", "npsn", sees_ours=SEES_SD_PRINTS),
    "documents:recap": Detail("sd", "npsn", sees_ours=SEES_SD_PRINTS),
    "documents:attendance": _sheet_page(),
    "documents:session_report": _sheet_page(),
    "documents:scan_upload": Sheet("sheet", "session", UPLOADS_SD, UPLOADS_SD_JATENG,
                                   kind=ScanKind.ATTENDANCE),
    "documents:scan_file": Detail("scan", "pk", sees_ours=SEES_SD_PRINTS),
    "documents:batches": Page(TEAMS),
    "documents:batch": Detail("batch", "pk", UPLOADER, UPLOADER_JATENG),
    "documents:batch_progress": Detail("batch", "pk", UPLOADER, UPLOADER_JATENG),
    "documents:batch_download": Detail("batch", "pk", UPLOADER, UPLOADER_JATENG),
}


def _sheet_school(school_attr: str, sheet_attr: str):
    def make(world):
        MAKERS[sheet_attr](world)
        return getattr(world, school_attr)

    return make


def _survey_school(school_attr: str):
    def make(world):
        school = getattr(world, school_attr)
        person = Person.objects.create(nik=f"33020101018{school.npsn[-5:]}", name="Sri Rahayu",
                                       sex="P", employment_status="pns")
        Service.objects.create(person=person, school=school, position=Position.TEACHER)
        scheduling.credentials_issue_educators(actor=world.centre, school=school)
        return school

    return make


MAKERS = {
    "sheet": _once("sheet", _sheet("sd", 778000001)),
    "sheet_jateng": _once("sheet_jateng", _sheet("sd_jateng", 778000011)),
    "sheet_school": _sheet_school("sd", "sheet"),
    "sheet_school_jateng": _sheet_school("sd_jateng", "sheet_jateng"),
    "survey_school": _survey_school("sd"),
    "survey_school_jateng": _survey_school("sd_jateng"),
    "scan": _scan("sheet", "operator"),
    "scan_jateng": _scan("sheet_jateng", "operator_outsider"),
    "batch": _batch("district"),
    "batch_jateng": _batch("district_outsider"),
}

WHO = {
    "documents.print_documents": {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM,
                                  Role.SCHOOL_OPERATOR, Role.PROCTOR},
    "documents.upload_scans": {Role.SCHOOL_OPERATOR, Role.PROCTOR},
    "documents.batch_print": {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM},
}

"""Teachers and principals (pendidik, kepala satuan pendidikan), one row per school they serve
(P-8): the person is upserted by NIK, their service by NIK and NPSN."""

from collections import Counter

from django.utils.translation import gettext as _

from anbk.registry.importing import values as v
from anbk.registry.importing.base import (
    Changes,
    FirstSeen,
    Importer,
    Record,
    RowReader,
    chunks,
    max_length,
)
from anbk.registry.importing.columns import Column
from anbk.registry.models import EmploymentStatus, Nationality, Person, Position, Service

_POSITIONS = {
    "guru": Position.TEACHER, "gurukelas": Position.TEACHER, "gurumapel": Position.TEACHER,
    "gurumatapelajaran": Position.TEACHER, "gurubk": Position.TEACHER,
    "gurupendamping": Position.TEACHER, "guruinklusi": Position.TEACHER,
    "tutor": Position.TEACHER, "pendidik": Position.TEACHER,
    "kepalasekolah": Position.PRINCIPAL, "kepsek": Position.PRINCIPAL,
    "kepalamadrasah": Position.PRINCIPAL, "kamad": Position.PRINCIPAL,
    "kepalasatuanpendidikan": Position.PRINCIPAL, "kepala": Position.PRINCIPAL,
}
_NATIONALITIES = {"wni": Nationality.WNI, "indonesia": Nationality.WNI, "id": Nationality.WNI,
                  "idn": Nationality.WNI, "wna": Nationality.WNA, "asing": Nationality.WNA}
# Dapodik writes many employment statuses; AN needs only these three (P-8 counts them all).
_EMPLOYMENT_PREFIXES = (
    (("pppk", "p3k"), EmploymentStatus.PPPK),
    (("pns", "cpns"), EmploymentStatus.PNS),
    (("nonasn", "nonpns", "honor", "gty", "gtt", "ptt", "pty", "guruhonor", "tenagahonor",
      "gurubantu", "kontrak", "tetapyayasan", "tidaktetap"), EmploymentStatus.NON_ASN),
)


def _employment(raw) -> str:
    key = v.as_text(raw).casefold().replace(" ", "").replace("-", "").replace("/", "")
    for prefixes, status in _EMPLOYMENT_PREFIXES:
        if key.startswith(prefixes):
            return status
    raise v.Invalid(_("nilai '%(v)s' tidak dikenal; gunakan PNS, PPPK atau Non-ASN")
                    % {"v": v.as_text(raw)})


NPSN = Column("npsn", "NPSN", v.npsn, ("NPSN Sekolah", "NPSN Satuan Pendidikan"))
NIK = Column("nik", "NIK", v.nik)
NUPTK = Column("nuptk", "NUPTK", v.nuptk, required=False, default="")
NAME = Column("name", "Nama", v.text(max_length(Person, "name")),
              ("Nama PTK", "Nama Lengkap", "Nama Guru"))
SEX = Column("sex", "JK", v.sex, ("Jenis Kelamin", "L/P"))
POSITION = Column("position", "Jabatan", v.choice(_POSITIONS, "Guru atau Kepala Sekolah"),
                  ("Jenis PTK", "Jabatan PTK", "Tugas"))
EMPLOYMENT = Column("employment_status", "Status Kepegawaian", _employment,
                    ("Status Pegawai",))
NATIONALITY = Column("nationality", "Kewarganegaraan", v.choice(_NATIONALITIES, "WNI atau WNA"),
                     ("Warga Negara",), required=False, default=Nationality.WNI)

_PERSON_COLUMNS = (NAME, SEX, EMPLOYMENT, NATIONALITY, NUPTK)


class TeacherImporter(Importer):
    kind = "teachers"
    columns = (NPSN, NIK, NUPTK, NAME, SEX, POSITION, EMPLOYMENT, NATIONALITY)
    permission = "imports.import_teachers"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.services = FirstSeen()  # (NIK, NPSN) → first row
        self.persons: dict[str, tuple[int, tuple]] = {}  # NIK → first row, person fields
        self.person_flagged: set[int] = set()
        self.principals = FirstSeen()  # NPSN → row of the principal named in the file
        self.principal_niks: dict[str, str] = {}  # NPSN → NIK of that principal
        self.persons_done: set[str] = set()  # NIKs already written in this import
        self.demoted: set[tuple[int, int]] = set()  # (person, school) made guru by prepare()
        self.deactivated = 0  # former principals who no longer serve at the school

    def parse(self, row: RowReader) -> Record | None:
        fields = row.values(self.columns)
        return Record(row.number, fields.pop("nik"), fields) if row.ok else None

    def check(self, records: list[Record]) -> None:
        for record, _school in self.attach_schools(records, NPSN):
            npsn = record.fields["npsn"]
            if self.reject_duplicate(self.services, (record.key, npsn), record.row, NIK,
                                     _("NIK %(nik)s di NPSN %(npsn)s") % {
                                         "nik": record.key, "npsn": npsn}, record.key):
                continue
            self._check_same_person(record)
            if record.fields["position"] == Position.PRINCIPAL:
                self.principal_niks.setdefault(npsn, record.key)
                if self.principals.see(npsn, record.row) is not None:
                    first = self.principals.first[npsn]
                    self.reject(record.row, POSITION, _(
                        "sekolah %(n)s sudah punya kepala sekolah di baris %(row)d") % {
                        "n": npsn, "row": first}, record.fields["position"])
                    if self.principals.flag_first(first):
                        self.reject(first, POSITION, _(
                            "sekolah %(n)s punya kepala sekolah lain di baris %(row)d") % {
                            "n": npsn, "row": record.row}, record.fields["position"])

    def _check_same_person(self, record: Record) -> None:
        """A person is one row of Person however many schools they serve: every row of the
        same NIK must agree on who they are."""
        mine = tuple(record.fields.get(c.key) for c in _PERSON_COLUMNS)
        first_row, theirs = self.persons.setdefault(record.key, (record.row, mine))
        if first_row == record.row or mine == theirs:
            return
        column = next(c for c, a, b in zip(_PERSON_COLUMNS, mine, theirs, strict=True) if a != b)
        self.reject(record.row, column, _("NIK %(nik)s sudah ada di baris %(row)d dengan "
                                          "%(col)s berbeda ('%(other)s')") % {
            "nik": record.key, "row": first_row, "col": column.label,
            "other": theirs[_PERSON_COLUMNS.index(column)]}, mine[_PERSON_COLUMNS.index(column)])
        if first_row not in self.person_flagged:
            self.person_flagged.add(first_row)
            self.reject(first_row, column, _("NIK %(nik)s muncul lagi di baris %(row)d dengan "
                                             "%(col)s berbeda") % {
                "nik": record.key, "row": record.row, "col": column.label})

    def _valid(self, row: int) -> bool:
        return row not in self.errors.bad_rows

    def prepare(self) -> None:
        """A principal named in the file takes over from the school's current one, who stays
        on as guru when the file lists them at that school, and otherwise no longer serves
        there. Done first, so no moment has two active principals at a school."""
        incoming = {npsn: nik for npsn, nik in self.principal_niks.items()
                    if self._valid(self.principals.first[npsn])}
        for part in chunks(incoming):
            current = (Service.objects.select_for_update()
                       .filter(school__npsn__in=part, position=Position.PRINCIPAL,
                               is_active=True)
                       .select_related("person", "school"))
            for service in current:
                npsn, nik = service.school.npsn, service.person.nik
                if nik == incoming[npsn]:
                    continue
                listed = self.services.first.get((nik, npsn))
                if listed is not None and self._valid(listed):
                    service.position = Position.TEACHER
                    self.demoted.add((service.person_id, service.school_id))
                else:
                    service.is_active = False
                    self.deactivated += 1
                service.save(update_fields=["position", "is_active", "updated_at"])

    def write(self, records: list[Record], counts: Counter) -> None:
        people = self._write_persons(records)
        wanted = {(people[r.key].pk, r.fields["school_id"]): r for r in records}
        existing = {}
        for part in chunks(wanted):
            found = Service.objects.filter(person_id__in={p for p, _s in part},
                                           school_id__in={s for _p, s in part})
            existing.update({(s.person_id, s.school_id): s for s in found})
        changes = Changes(Service)
        for key, record in wanted.items():
            service = existing.get(key)
            fields = {"position": record.fields["position"], "is_active": True}
            person_new, person_changed = people.outcome[record.key]
            people.outcome[record.key] = (False, False)  # a person counts on their first row
            if service is None:
                changes.create(person_id=key[0], school_id=key[1], **fields)
                counts["created"] += 1
            elif changes.update(service, fields) or person_changed or key in self.demoted:
                counts["created" if person_new else "updated"] += 1
            else:
                counts["created" if person_new else "unchanged"] += 1
        changes.save()

    def _write_persons(self, records: list[Record]) -> "_People":
        niks = {r.key for r in records}
        existing = {}
        for part in chunks(niks):
            existing.update(Person.objects.in_bulk(part, field_name="nik"))
        changes, people, new_niks = Changes(Person), _People(), []
        for record in records:
            if record.key in people.outcome:
                continue
            fields = {c.key: record.fields[c.key] for c in _PERSON_COLUMNS
                      if c.key in record.fields}
            person = existing.get(record.key)
            first_time = record.key not in self.persons_done
            self.persons_done.add(record.key)
            if person is None:
                changes.create(nik=record.key, **fields)
                new_niks.append(record.key)
                people.outcome[record.key] = (True, False)
            else:
                changed = changes.update(person, fields)
                people.outcome[record.key] = (False, changed and first_time)
                people[record.key] = person
        people.update(zip(new_niks, changes.save(need_pks=True), strict=True))
        return people

    def flush(self, counts: Counter) -> None:
        if self.deactivated:
            counts["deactivated"] += self.deactivated


class _People(dict):
    """NIK → Person of one batch, with whether each was just created or changed."""

    def __init__(self):
        super().__init__()
        self.outcome: dict[str, tuple[bool, bool]] = {}

"""Students (peserta didik) from Dapodik/EMIS exports, upserted by NISN."""

from collections import Counter
from functools import cache

from django.utils.translation import gettext as _

from anbk.core.rules import BENTUK, Level, grades_for
from anbk.registry.importing import sql
from anbk.registry.importing import values as v
from anbk.registry.importing.base import (
    Changes,
    Conflict,
    Importer,
    NumericDuplicates,
    Record,
    RowReader,
    chunks,
    max_length,
)
from anbk.registry.importing.columns import Column
from anbk.registry.models import Disability, School, Student

# Dapodik's categories map onto the ones AN eligibility distinguishes (P-4); the rest are
# "lainnya". Keys are written as values._key() leaves them.
_DISABILITY = {
    "": Disability.NONE, "tidak": Disability.NONE, "tidakada": Disability.NONE,
    "none": Disability.NONE,
    "tunarungu": Disability.DEAF, "rungu": Disability.DEAF,
    "tunadaksa": Disability.PHYSICAL, "tunadaksaringan": Disability.PHYSICAL,
    "tunadaksasedang": Disability.PHYSICAL, "daksa": Disability.PHYSICAL,
    "tunanetra": Disability.BLIND, "netra": Disability.BLIND,
    "tunagrahita": Disability.INTELLECTUAL, "tunagrahitaringan": Disability.INTELLECTUAL,
    "tunagrahitasedang": Disability.INTELLECTUAL, "grahita": Disability.INTELLECTUAL,
    "lainnya": Disability.OTHER, "lain": Disability.OTHER, "tunalaras": Disability.OTHER,
    "tunawicara": Disability.OTHER, "tunaganda": Disability.OTHER, "autis": Disability.OTHER,
    "hiperaktif": Disability.OTHER, "downsyndrome": Disability.OTHER,
    "lambanbelajar": Disability.OTHER, "kesulitanbelajar": Disability.OTHER,
    "kesulitanbelajarspesifik": Disability.OTHER, "cerdasistimewa": Disability.OTHER,
    "bakatistimewa": Disability.OTHER, "indigo": Disability.OTHER, "narkoba": Disability.OTHER,
}
_DISABILITY_NAMES = "Tidak, Tunarungu, Tunadaksa, Tunanetra, Tunagrahita atau Lainnya"

NPSN = Column("npsn", "NPSN", v.npsn, ("NPSN Sekolah",))
NISN = Column("nisn", "NISN", v.nisn)
NAME = Column("name", "Nama", v.text(max_length(Student, "name")),
              ("Nama Peserta Didik", "Nama Siswa", "Nama Lengkap"))
SEX = Column("sex", "JK", v.sex, ("Jenis Kelamin", "L/P"))
BIRTH_PLACE = Column("birth_place", "Tempat Lahir", v.text(max_length(Student, "birth_place")),
                     required=False, default="")
BIRTH_DATE = Column("birth_date", "Tanggal Lahir", v.birth_date, ("Tgl Lahir",))
GRADE = Column("grade", "Tingkat", v.grade, ("Tingkat Pendidikan", "Kelas"))
ACTIVE = Column("is_active", "Aktif", v.yes_no, ("Status Aktif",), required=False,
                default=True)
REPORT_CARDS = Column("report_cards_complete", "Rapor Lengkap", v.yes_no, ("Rapor",),
                      required=False, default=True)
DISABILITY = Column("disability", "Disabilitas", v.choice(_DISABILITY, _DISABILITY_NAMES),
                    ("Kebutuhan Khusus", "Jenis Disabilitas"), required=False,
                    default=Disability.NONE)
READING = Column("reading_barrier", "Hambatan Membaca", v.yes_no,
                 ("Hambatan Membaca/Bahasa", "Hambatan Bahasa"), required=False,
                 default=False)


_STUDENTS, _SCHOOLS = Student._meta.db_table, School._meta.db_table
_ELSEWHERE = (f"SELECT st.nisn, st.school_id, sc.npsn, sc.name FROM {_STUDENTS} st "
              f"JOIN {_SCHOOLS} sc ON sc.id = st.school_id WHERE st.nisn IN ({{keys}})")


class StudentImporter(Importer):
    kind = "students"
    columns = (NPSN, NISN, NAME, SEX, BIRTH_PLACE, BIRTH_DATE, GRADE, ACTIVE, REPORT_CARDS,
               DISABILITY, READING)
    permission = "imports.import_students"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.nisns = NumericDuplicates()

    def parse(self, row: RowReader) -> Record | None:
        fields = row.values(self.columns)
        return Record(row.number, fields.pop("nisn"), fields) if row.ok else None

    def check(self, records: list[Record]) -> None:
        for record in records:
            self.nisns.add(int(record.key), record.row)
        placed = []
        for record, school in self.attach_schools(records, NPSN):
            grades = self._grades(school["bentuk"], school["level"])
            if record.fields["grade"] not in grades:
                self.reject(record.row, GRADE, _(
                    "tingkat %(g)d tidak ada di %(b)s (tingkat %(lo)d–%(hi)d)") % {
                    "g": record.fields["grade"], "b": school["bentuk"], "lo": grades[0],
                    "hi": grades[-1]}, record.fields["grade"])
            else:
                placed.append((record, school))
        self._reject_students_of_other_schools(placed)

    @staticmethod
    @cache
    def _grades(bentuk: str, level: str) -> tuple[int, ...]:
        return grades_for(BENTUK[bentuk], Level(level))

    def _reject_students_of_other_schools(self, placed) -> None:
        """Also marks the records of students already registered, so writing looks up only
        those (a first import asks the database nothing more)."""
        by_nisn = {record.key: (record, school) for record, school in placed}
        for part in chunks(by_nisn):
            for nisn, school_id, other_npsn, other_name in sql.select_in(_ELSEWHERE, part):
                record, school = by_nisn[nisn]
                record.known = True
                if school_id != school["pk"]:
                    self.reject(record.row, NISN, _(
                        "NISN %(nisn)s sudah terdaftar di %(other)s (NPSN %(other_npsn)s), "
                        "sedangkan baris ini menyebut %(this)s (NPSN %(this_npsn)s); "
                        "selesaikan mutasinya lebih dulu") % {
                        "nisn": nisn, "other": other_name, "other_npsn": other_npsn,
                        "this": school["name"], "this_npsn": school["npsn"]}, nisn)

    def finish(self) -> None:
        for key, rows in self.nisns.groups().items():
            nisn = f"{key:010d}"
            for row in rows:
                others = ", ".join(str(r) for r in rows if r != row)
                self.reject(row, NISN, _("NISN %(nisn)s muncul lebih dari sekali (juga di baris "
                                         "%(rows)s)") % {"nisn": nisn, "rows": others}, nisn)
        self.nisns = NumericDuplicates()  # free the arrays before writing

    def write(self, records: list[Record], counts: Counter) -> None:
        existing = {}
        # A student registered since validation makes the insert break the unique NISN,
        # which the pipeline reports as a change on the server; one deleted since is created.
        for part in chunks(r.key for r in records if r.known):
            existing.update(Student.objects.in_bulk(part, field_name="nisn"))
        changes = Changes(Student)
        for record in records:
            fields = dict(record.fields)
            fields.pop("npsn")
            student = existing.get(record.key)
            if student is None:
                changes.create(nisn=record.key, **fields)
            elif student.school_id != fields["school_id"]:
                raise Conflict(_("NISN %(n)s baru saja didaftarkan di sekolah lain.")
                               % {"n": record.key})
            elif not changes.update(student, fields):
                counts["unchanged"] += 1
        changes.save(counts)

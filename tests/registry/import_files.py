"""Builders of import files for the import tests, and a snapshot of everything an import may
change (to prove a rejected file changed nothing)."""

import csv
import io
from pathlib import Path

import xlsxwriter

from anbk.core.models import AuditEntry
from anbk.registry.models import Person, Region, School, Service, Student

STUDENT_HEADER = ["NPSN", "NISN", "Nama", "JK", "Tempat Lahir", "Tanggal Lahir", "Tingkat",
                  "Aktif", "Rapor Lengkap", "Disabilitas", "Hambatan Membaca"]
SCHOOL_HEADER = ["NPSN", "Nama Sekolah", "Bentuk Pendidikan", "Status Sekolah",
                 "Kode Kabupaten/Kota", "Alamat", "Lintang", "Bujur", "Sumber Data",
                 "Sekolah Penggerak", "SMK Pusat Keunggulan"]
TEACHER_HEADER = ["NPSN", "NIK", "NUPTK", "Nama", "JK", "Jabatan", "Status Kepegawaian",
                  "Kewarganegaraan"]
REGION_HEADER = ["Kode", "Nama", "Jenis"]


def student(**changes) -> list:
    """A valid row for the world's SD Negeri 1 Soreang (NPSN 20200001)."""
    row = {"NPSN": "20200001", "NISN": "0123456789", "Nama": "Ani Suryani", "JK": "P",
           "Tempat Lahir": "Bandung", "Tanggal Lahir": "17-08-2013", "Tingkat": "5",
           "Aktif": "Ya", "Rapor Lengkap": "Ya", "Disabilitas": "Tidak",
           "Hambatan Membaca": "Tidak"}
    row.update(changes)
    return [row[h] for h in STUDENT_HEADER]


def school(**changes) -> list:
    row = {"NPSN": "20209999", "Nama Sekolah": "SD Negeri Cibiru 2", "Bentuk Pendidikan": "SD",
           "Status Sekolah": "Negeri", "Kode Kabupaten/Kota": "32.04",
           "Alamat": "Jl. Cibiru No. 2", "Lintang": "-6,93", "Bujur": "107,71",
           "Sumber Data": "Dapodik", "Sekolah Penggerak": "Tidak",
           "SMK Pusat Keunggulan": "Tidak"}
    row.update(changes)
    return [row[h] for h in SCHOOL_HEADER]


def teacher(**changes) -> list:
    row = {"NPSN": "20200001", "NIK": "3204014505780001", "NUPTK": "", "Nama": "Euis Rohaeti",
           "JK": "P", "Jabatan": "Guru", "Status Kepegawaian": "PNS", "Kewarganegaraan": "WNI"}
    row.update(changes)
    return [row[h] for h in TEACHER_HEADER]


def region(code: str, name: str, kind: str) -> list:
    return [code, name, kind]


def csv_text(header: list, rows: list[list], sep: str = ";") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_csv(folder: Path, header: list, rows: list[list], *, sep: str = ";",
              encoding: str = "utf-8", name: str = "data.csv") -> Path:
    path = folder / name
    path.write_bytes(csv_text(header, rows, sep).encode(encoding))
    return path


def write_xlsx(folder: Path, rows: list[list], *, name: str = "data.xlsx",
               start_row: int = 0) -> Path:
    """rows include the header; cells keep their Python type (numbers, dates, text)."""
    path = folder / name
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for r, cells in enumerate(rows, start_row):
        for c, value in enumerate(cells):
            if value is None or value == "":
                continue
            if hasattr(value, "year"):
                sheet.write_datetime(r, c, value, book.add_format({"num_format": "dd-mm-yyyy"}))
            else:
                sheet.write(r, c, value)
    book.close()
    return path


def snapshot() -> tuple:
    """Every row an import could touch, and the length of the audit chain."""
    return (
        list(Region.objects.order_by("pk").values()),
        list(School.objects.order_by("pk").values()),
        list(Student.objects.order_by("pk").values()),
        list(Person.objects.order_by("pk").values()),
        list(Service.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )

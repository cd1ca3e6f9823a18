"""The DNS and DNT as files (CSV or PDF), for the portal and `anbk export`."""

import csv
import io

from django.utils.translation import gettext as _

from anbk.sampling import pdfs
from anbk.sampling.models import Stage

KINDS = (Stage.DNS, Stage.DNT)
FORMATS = ("csv", "pdf")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


class ExportRefused(Exception):
    """The list does not exist yet (not sampled; DNT not fixed). Message in Indonesian."""


def csv_header(kind: str) -> list[str]:
    header = ["NISN", "Nama", "Status", "Sampel"]
    return [*header, "Nomor Peserta"] if kind == Stage.DNT else header


def csv_bytes(kind: str, participants) -> bytes:
    """Columns NISN, Nama, Status (Utama/Cadangan), Sampel (Reguler/Tambahan) and, for the
    DNT, Nomor Peserta. UTF-8 with a BOM so Excel on Windows reads the names right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(kind))
    for p in participants:
        row = [p.student.nisn, p.student.name, p.get_participant_type_display(),
               p.get_sample_type_display()]
        writer.writerow([*row, p.an_number] if kind == Stage.DNT else row)
    return ("\ufeff" + out.getvalue()).encode()


def export_file(*, kind: str, fmt: str, school, sample, participants) -> tuple[bytes, str]:
    """(content, file name) of a school's DNS or DNT."""
    if not pdfs.stage_ready(sample, kind):
        raise ExportRefused(_("Sekolah ini belum disampling.") if sample is None else
                            _("DNT sekolah ini belum ditetapkan."))
    participants = list(participants)
    name = f"{kind}-{school.npsn}.{fmt}"
    if fmt == "csv":
        return csv_bytes(kind, participants), name
    render = pdfs.dnt_pdf if kind == Stage.DNT else pdfs.dns_pdf
    return render(school=school, sample=sample, participants=participants), name

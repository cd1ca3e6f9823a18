"""Session paperwork (J-5, D-8, V-3, V-4): the attendance list of a session and room, its
session report (berita acara, signed in 3 copies), and the recap of a school by proctor
server, room and participant. Laid out with the house style (documents/pdf.py); each
renderer takes plain dataclasses (documents/sources.py builds them from the database) and
returns the PDF's bytes — a session's paperwork is a page or two.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from anbk.documents import pdf

BLANK = "." * 60  # a line to write on by hand
SIGN_ROW = 9 * mm
NBSP = "\u00a0"
ABSENT_BLANKS = 3  # lines for absentees the system does not know of yet
INCIDENT_BLANKS = 3  # lines left for what the supervisor writes by hand (D-8)


@dataclass(frozen=True)
class SessionInfo:
    """Where and when: what heads the attendance list and the session report."""

    school: str
    npsn: str
    region: str  # "Kab. Bandung, Jawa Barat"
    room: str  # room and proctor server, e.g. "Lab Komputer 1 · ID proktor 2604010001"
    day: str  # "Hari 1 · Senin, 6 September 2021"
    session: str  # "Sesi 1 · 07.30–09.40"
    tests: str  # "Literasi Membaca, Survei Karakter"
    year: int


@dataclass(frozen=True)
class Seat:
    seat: str
    an_number: str
    nisn: str
    name: str
    username: str
    is_reserve: bool = False
    school: str = ""  # a guest's own school (resource sharing), else empty


@dataclass(frozen=True)
class AttendanceSheet:
    info: SessionInfo
    seats: tuple[Seat, ...]
    proctor: str = ""
    supervisor: str = ""
    place_date: str = ""


@dataclass(frozen=True)
class ReserveActivation:
    """P-9: a reserve took the place of a main participant who could not attend."""

    reserve: str
    replaces: str


@dataclass(frozen=True)
class SessionReport:
    """The berita acara of one session in one room. Counts and names known to the system
    (logins, reserve activations, recorded incidents) are printed; what is not yet known is
    left as lines to fill in by hand."""

    info: SessionInfo
    scheduled: int
    present: int | None = None
    absent: tuple[str, ...] = ()  # names known to be absent
    reserves: tuple[ReserveActivation, ...] = ()
    incidents: tuple[str, ...] = ()
    proctor: str = ""
    supervisor: str = ""
    principal: str = ""
    place_date: str = ""


@dataclass(frozen=True)
class RecapSection:
    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    widths: tuple[float | None, ...] | None = None


@dataclass(frozen=True)
class Recap:
    """Recap of a school (J-5): by school, proctor server, room and participant."""

    title: str  # whose recap: "SD Negeri 1 Soreang (20212345)"
    lines: tuple[tuple[str, object], ...]  # label : value lines under the title
    sections: tuple[RecapSection, ...] = field(default_factory=tuple)
    year: int = 0


def _info_fields(info: SessionInfo) -> list[tuple[str, object]]:
    return [(_("Satuan Pendidikan"), f"{info.school} ({info.npsn})"),
            (_("Wilayah"), info.region), (_("Ruang / ID Proktor"), info.room),
            (_("Hari, tanggal"), info.day), (_("Sesi, waktu"), info.session),
            (_("Tes"), info.tests)]


def render_attendance(*sheets: AttendanceSheet) -> bytes:
    """Daftar hadir of a session's room and test day, a signature line per participant in
    seat order, signed by proctor and supervisor (JUKNIS VII: the supervisor makes sure
    every participant signs). Several sheets print one after another, each from a new
    page."""
    return pdf.render_pdf(_pages([_attendance_story(s) for s in sheets]),
                          title=_("Daftar Hadir"), footer_note=sheets[0].info.npsn)


def _pages(stories: list[list]) -> list:
    flow: list = []
    for story in stories:
        if flow:
            flow.append(PageBreak())
        flow += story
    return flow


def _attendance_story(sheet: AttendanceSheet) -> list:
    info = sheet.info
    rows = []
    for index, seat in enumerate(sheet.seats, start=1):
        name = seat.name + (f" ({_('cadangan')})" if seat.is_reserve else "")
        if seat.school:
            name += f" — {seat.school}"
        # Signatures alternate left and right so neighbours do not write over each other.
        mark = f"{index}." if index % 2 else f"{NBSP * 22}{index}."
        rows.append([seat.seat, seat.an_number, seat.nisn, name, mark])
    return [
        *pdf.title_block(_("DAFTAR HADIR PESERTA"),
                         _("Asesmen Nasional Berbasis Komputer Tahun %(year)d")
                         % {"year": info.year}),
        pdf.fields_table(_info_fields(info)),
        Spacer(1, 4 * mm),
        pdf.data_table([_("Kursi"), _("No. Peserta"), _("NISN"), _("Nama Peserta"),
                        _("Tanda Tangan")], rows,
                       col_widths=[14 * mm, 40 * mm, 24 * mm, 62 * mm, 40 * mm],
                       numbered=False, row_height=SIGN_ROW),
        Spacer(1, 2 * mm),
        pdf.paragraph(_("Jumlah peserta terjadwal: %(n)d. Hadir: ........ Tidak hadir: ........")
                      % {"n": len(sheet.seats)}),
        pdf.signature_block([(_("Proktor"), sheet.proctor),
                             (_("Pengawas Ruang"), sheet.supervisor)], sheet.place_date),
    ]


def _lines(items, empty: str) -> list:
    """Numbered lines, or `empty` when there are none."""
    if not items:
        return [pdf.paragraph(empty)]
    return [pdf.paragraph(f"{i}. {item}") for i, item in enumerate(items, start=1)]


def _absent_lines(report: SessionReport) -> list:
    """The absent participants the system knows of (main participants replaced by a
    reserve, P-9); while the count is not known, lines for the others too."""
    known = list(report.absent)
    if report.present is None:
        known += [BLANK] * ABSENT_BLANKS
    return _lines(known, _("Tidak ada."))


def render_session_report(*reports: SessionReport) -> bytes:
    """Berita acara pelaksanaan of a session's room and test day, marked "rangkap 3"
    (JUKNIS V: the principal, proctor and supervisor sign three copies after every
    session). Several reports print one after another, each from a new page."""
    return pdf.render_pdf(_pages([_report_story(r) for r in reports]),
                          title=_("Berita Acara Pelaksanaan"), footer_note=reports[0].info.npsn)


def _report_story(report: SessionReport) -> list:
    info = report.info
    st = pdf.styles()
    mark = Table([[Paragraph(_("Rangkap 3"), st.cell_bold)]], colWidths=[28 * mm],
                 hAlign="RIGHT")
    mark.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, "black"),
                              ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    present = "........" if report.present is None else str(report.present)
    absent_count = "........" if report.present is None else str(len(report.absent))
    return [
        mark,
        *pdf.title_block(_("BERITA ACARA PELAKSANAAN"),
                         _("Asesmen Nasional Berbasis Komputer Tahun %(year)d")
                         % {"year": info.year}),
        pdf.paragraph(_("Pada hari dan tanggal di bawah ini telah diselenggarakan Asesmen "
                        "Nasional Berbasis Komputer (ANBK) dengan keterangan sebagai berikut.")),
        Spacer(1, 3 * mm),
        pdf.fields_table(_info_fields(info) + [
            (_("Peserta terjadwal"), report.scheduled),
            (_("Peserta hadir"), present),
            (_("Peserta tidak hadir"), absent_count),
        ]),
        Spacer(1, 2 * mm),
        pdf.paragraph(_("Nama peserta yang tidak hadir:"), "heading"),
        *_absent_lines(report),
        pdf.paragraph(_("Peserta cadangan yang diaktifkan:"), "heading"),
        *_lines(tuple(_("%(reserve)s menggantikan %(main)s")
                      % {"reserve": r.reserve, "main": r.replaces} for r in report.reserves),
                _("Tidak ada.")),
        pdf.paragraph(_("Catatan selama pelaksanaan (kejadian, kendala teknis, "
                        "pelanggaran):"), "heading"),
        *[pdf.paragraph(f"{i}. {text}") for i, text in enumerate(
            (*report.incidents, *[BLANK] * INCIDENT_BLANKS), start=1)],
        pdf.signature_block([(_("Proktor"), report.proctor),
                             (_("Pengawas Ruang"), report.supervisor),
                             (_("Kepala Satuan Pendidikan"), report.principal)],
                            report.place_date),
        Spacer(1, 3 * mm),
        pdf.paragraph(_("Dibuat rangkap 3 (tiga) dan ditandatangani oleh proktor, pengawas "
                        "ruang dan kepala satuan pendidikan."), "small"),
    ]


def render_recap(recap: Recap) -> bytes:
    """Rekap of a school (or a district): a section per view, landscape for wide lists."""
    story = [*pdf.title_block(_("REKAP PELAKSANAAN ANBK"), recap.title,
                              _("Tahun %(year)d") % {"year": recap.year} if recap.year else ""),
             pdf.fields_table(list(recap.lines))]
    for section in recap.sections:
        story.append(pdf.paragraph(section.heading, "heading"))
        if section.rows:
            story.append(pdf.data_table(list(section.header), [list(r) for r in section.rows],
                                        col_widths=list(section.widths) if section.widths
                                        else None))
        else:
            story.append(pdf.paragraph(_("Belum ada data.")))
    return pdf.render_pdf(story, title=_("Rekap Pelaksanaan"), wide=True,
                          footer_note=recap.title)

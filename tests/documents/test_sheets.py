"""Attendance list, session report (berita acara) and recap (J-5, P-9, D-8, V-3, V-4)."""

from anbk.documents.sheets import (
    AttendanceSheet,
    Recap,
    RecapSection,
    ReserveActivation,
    SessionReport,
    render_attendance,
    render_recap,
    render_session_report,
)
from tests.documents.factories import flat, seats, session_info
from tests.pdftext import pdf_pages, pdf_text


def test_attendance_lists_every_seat_with_a_signature_line():
    # rule J-5: daftar hadir per session and room, signed by proctor and supervisor
    sheet = AttendanceSheet(session_info(), seats(15), proctor="Budi", supervisor="Dra. Ëndang",
                            place_date="Bandung, 5 September 2021")
    text = flat(pdf_text(render_attendance(sheet)))
    for value in ("DAFTAR HADIR PESERTA", "MI Nurul Huda Ñ (20212345)",
                  "Lab Komputer 1 · ID proktor", "Sesi 1 · 08.00–10.35",
                  "Literasi Membaca, Survei Karakter", "Ñoño Çağlar Ōtsuka Đặng Thị Hương",
                  "Budi <Santoso> & Putra", "(cadangan)", "SD Negeri 2 Cibiru", "15.",
                  "Tanda Tangan", "Proktor", "Pengawas Ruang", "Dra. Ëndang"):
        assert flat(value) in text
    for seat in seats(15):
        assert seat.an_number in text and seat.nisn in text


def test_a_long_attendance_list_repeats_its_header_on_every_page():
    pages = pdf_pages(render_attendance(AttendanceSheet(session_info(), seats(45))))
    assert len(pages) > 1
    assert all("Tanda Tangan" in page for page in pages)


def test_session_report_prints_counts_names_reserves_and_incidents():
    # rules J-5 (berita acara, 3 copies), P-9 (reserve activations), D-8/V-4 (incidents)
    report = SessionReport(
        session_info(), scheduled=15, present=14, absent=("Siti Nurhaliza",),
        reserves=(ReserveActivation("Ahmad Fauzi", "Rina Marlina"),),
        incidents=("09.12 listrik padam 10 menit; genset dinyalakan",),
        proctor="Budi", supervisor="Dra. Ëndang", principal="H. Asep, S.Pd.",
        place_date="Bandung, 6 September 2021")
    text = flat(pdf_text(render_session_report(report)))
    for value in ("BERITA ACARA PELAKSANAAN", "Rangkap 3", "Peserta terjadwal:15",
                  "Peserta hadir:14", "Peserta tidak hadir:1", "1. Siti Nurhaliza",
                  "Ahmad Fauzi menggantikan Rina Marlina", "09.12 listrik padam 10 menit",
                  "Kepala Satuan Pendidikan", "H. Asep, S.Pd.", "Dra. Ëndang"):
        assert flat(value) in text


def test_session_report_leaves_lines_for_what_is_not_known_yet():
    # printed before the session (J-6): present/absent are written in by hand
    text = pdf_text(render_session_report(SessionReport(session_info(), scheduled=15)))
    assert flat("Peserta hadir : ........") in flat(text)
    assert flat("Peserta cadangan yang diaktifkan: Tidak ada.") in flat(text)
    assert text.count("......................") >= 3 + 3  # absent names + incident lines


def test_several_sheets_print_one_after_another_from_a_new_page():
    # a school's sheets of all its rooms and days in one file (district batch)
    from tests.pdftext import pdf_pages

    pages = pdf_pages(render_attendance(AttendanceSheet(session_info(), seats(3)),
                                        AttendanceSheet(session_info(), seats(4))))
    assert len(pages) == 2 and all("DAFTAR HADIR PESERTA" in page for page in pages)


def test_recap_prints_each_section_and_says_when_one_is_empty():
    # rule J-5: recap per school, proctor server, room and participant
    recap = Recap("SD Negeri 1 Soreang (20212345)", (("Peserta", 35), ("Ruang", 2)), (
        RecapSection("Per ID proktor", ("ID proktor", "Ruang", "Sesi 1"),
                     (("2604010001", "Lab Ñ 1", 15),)),
        RecapSection("Per peserta", ("Nama", "NISN"), ())), year=2026)
    text = pdf_text(render_recap(recap))
    assert "REKAP PELAKSANAAN ANBK" in text and "SD Negeri 1 Soreang (20212345)" in text
    assert "Per ID proktor" in text and "2604010001" in text and "Lab Ñ 1" in text
    assert "Per peserta" in text and "Belum ada data." in text

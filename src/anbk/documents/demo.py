"""`anbk demo` step for documents: the demo school prints the attendance list of its first
room for day 1 and uploads it back as the signed scan, so the documents pages show one
uploaded sheet among those still owed. Login cards stay unprinted: "Cek Kelengkapan Data"
keeps that gap to show."""

from django.core.files.uploadedfile import SimpleUploadedFile

from anbk.documents import sources
from anbk.documents.models import PrintKind, ScanKind, ScanUpload
from anbk.documents.services import print_log_record, scan_upload
from anbk.documents.sheets import render_attendance
from anbk.portal.demo import demo_school


def load_demo(*, users: dict) -> None:
    school = demo_school()
    if school is None or ScanUpload.objects.filter(school=school).exists():
        return
    operator = users.get(f"op{school.npsn}")
    rooms = sources.session_rooms(actor=operator, school=school) if operator else []
    if not rooms:
        return
    first = rooms[0]
    sheet = sources.attendance_sheet(actor=operator, session=first.session,
                                     room_id=first.room_id, day=1)
    data = render_attendance(sheet)
    print_log_record(actor=operator, school=school, kind=PrintKind.ATTENDANCE,
                     items=len(sheet.seats), detail=f"{sheet.info.session} · {sheet.info.room}")
    scan_upload(actor=operator, session=first.session, room_id=first.room_id, day=1,
                kind=ScanKind.ATTENDANCE,
                upload=SimpleUploadedFile("daftar-hadir-hari-1.pdf", data, "application/pdf"))

"""Printed documents of the staffing app in the house style (documents/pdf.py): the
"Daftar ID Proktor" with freshly issued passwords, and a signed integrity pledge."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anbk.documents import pdf
from anbk.registry.models import School
from anbk.staffing import pledge as pledge_text
from anbk.staffing.models import Pledge
from anbk.staffing.services import IssuedPassword


def _school_lines(school: School) -> list[str]:
    region = school.district.name if school.district_id else school.country
    return [f"{school.name} (NPSN {school.npsn})", region]


def proctor_list_pdf(*, school: School, issued: list[IssuedPassword]) -> bytes:
    """Each proctor server's ID proktor and its new password. Printing it again issues new
    passwords: the ones on an earlier printout stop working."""
    at = timezone.localtime(issued[0].server.password_issued_at)
    story = [
        *pdf.title_block(_("DAFTAR ID PROKTOR"), *_school_lines(school)),
        pdf.paragraph(_("Diterbitkan %(at)s. Kata sandi pada cetakan sebelumnya tidak berlaku "
                        "lagi. Simpan daftar ini di tempat aman dan serahkan kepada proktor "
                        "masing-masing ruang.") % {"at": at.strftime("%d-%m-%Y %H:%M")},
                      "small"),
        pdf.data_table([_("ID Proktor"), _("Kata Sandi"), _("Ruang"), _("Komputer Klien"),
                        _("Nama Komputer")],
                       [[item.server.proctor_id, item.password, item.server.room.name,
                         item.server.room.clients, item.server.computer_name or "–"]
                        for item in issued],
                       col_widths=[35 * mm, 32 * mm, None, 25 * mm, 35 * mm]),
        pdf.signature_block([(_("Kepala Satuan Pendidikan"), "")],
                            f"{school.district.name if school.district_id else school.country}"
                            f", {date_format(at.date(), 'j F Y')}"),
    ]
    return pdf.render_pdf(story, title=_("Daftar ID Proktor"), footer_note=school.npsn)


def pledge_pdf(*, pledge: Pledge) -> bytes:
    official = pledge.official
    person, role = official.person, official.get_role_display()
    signed = timezone.localtime(pledge.signed_at)
    story = [
        *pdf.title_block(_("PAKTA INTEGRITAS"), _("Asesmen Nasional"), role),
        pdf.paragraph(str(pledge_text.PLEDGE_OPENING)),
        pdf.fields_table([(_("Nama"), person.name), (_("NIK"), person.nik),
                          (_("Tugas"), role),
                          (_("Sekolah asal"), f"{official.home_school.name} "
                                              f"(NPSN {official.home_school.npsn})")]),
        Spacer(1, 3 * mm),
        pdf.data_table([_("Pernyataan")], [[s] for s in pledge_text.statements(role.lower())]),
        Spacer(1, 3 * mm),
        pdf.paragraph(_("Ditandatangani secara elektronik di portal ANBK oleh akun %(user)s "
                        "pada %(at)s dari alamat IP %(ip)s (versi naskah %(version)s).")
                      % {"user": pledge.signed_by.username,
                         "at": signed.strftime("%d-%m-%Y %H:%M:%S"), "ip": pledge.ip or "–",
                         "version": pledge.text_version}, "small"),
        pdf.signature_block([(role, person.name)], date_format(signed.date(), "j F Y")),
    ]
    return pdf.render_pdf(story, title=_("Pakta Integritas"), footer_note=person.name)

"""The decree on moda and status ("Surat Keputusan penetapan moda dan status", S-1, S-2) in
the house PDF style: the issuing office, what it decides, the list of schools, the S-2 cost
rule for guests, and a signature block."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from anbk.accounts.models import Role
from anbk.core.rules import Agency
from anbk.documents import pdf
from anbk.readiness.models import HostingStatus, ModaDecision


def issuing_office(actor) -> tuple[str, str]:
    """(office, head's title) of the authority that issues the decree."""
    region = actor.region
    if actor.role == Role.CENTRE_ADMIN or region is None:
        return _("Pusat Asesmen Pendidikan"), _("Kepala Pusat Asesmen Pendidikan")
    kemenag = actor.agency == Agency.KEMENAG
    if region.is_province:
        office = (_("Kantor Wilayah Kementerian Agama Provinsi %(name)s") if kemenag
                  else _("Dinas Pendidikan Provinsi %(name)s")) % {"name": region.name}
    else:
        name = region.name if region.name.startswith("Kota") else _("Kabupaten %(name)s") % {
            "name": region.name}
        office = (_("Kantor Kementerian Agama %(name)s") if kemenag
                  else _("Dinas Pendidikan %(name)s")) % {"name": name}
    return office, _("Kepala %(office)s") % {"office": office}


def decree_pdf(*, actor, decisions: list[ModaDecision], year: int | None = None) -> bytes:
    office, head = issuing_office(actor)
    year = year or timezone.localdate().year
    title = _("SURAT KEPUTUSAN")
    story = pdf.title_block(
        title, office.upper(),
        _("TENTANG PENETAPAN MODA DAN STATUS PELAKSANAAN ASESMEN NASIONAL BERBASIS KOMPUTER "
          "TAHUN %(year)d") % {"year": year},
        _("Nomor: ........................................"))
    story += [
        pdf.paragraph(_("Menimbang: hasil verifikasi dan validasi kesiapan TIK satuan "
                        "pendidikan (komputer, proktor, teknisi, pengawas, listrik, internet), "
                        "perlu menetapkan moda (daring atau semi-daring) dan status (mandiri "
                        "atau menumpang) pelaksanaan ANBK.")),
        pdf.paragraph(_("Mengingat: Prosedur Operasional Standar Asesmen Nasional dan Petunjuk "
                        "Teknis Pelaksanaan ANBK.")),
        pdf.paragraph(_("MEMUTUSKAN"), "heading"),
        pdf.paragraph(_("Menetapkan moda dan status pelaksanaan ANBK bagi %(n)d satuan "
                        "pendidikan sebagaimana tercantum dalam daftar berikut.")
                      % {"n": len(decisions)}),
    ]
    rows = [[d.school.npsn, d.school.name, d.school.get_level_display(),
             d.school.district.name if d.school.district else d.school.country,
             d.get_moda_display(), d.get_status_display(),
             f"{d.host.name} ({d.host.npsn})" if d.host else "–", d.reason]
            for d in decisions]
    story.append(pdf.data_table(
        [_("NPSN"), _("Satuan pendidikan"), _("Jenjang"), _("Kab/Kota"), _("Moda"),
         _("Status"), _("Sekolah induk"), _("Alasan")], rows,
        col_widths=[18 * mm, 48 * mm, 22 * mm, 28 * mm, 22 * mm, 24 * mm, 48 * mm, None]))
    story.append(Spacer(1, 3 * mm))
    if any(d.status == HostingStatus.GUEST for d in decisions):
        story.append(pdf.paragraph(_(
            "Satuan pendidikan yang menumpang menanggung honorarium petugas (proktor dan "
            "teknisi) sekolah induk serta biaya transportasi pesertanya sendiri."), "small"))
    story.append(pdf.paragraph(_("Keputusan ini berlaku sejak tanggal ditetapkan.")))
    place = actor.region.name if actor.region_id else "Jakarta"
    story.append(pdf.signature_block(
        [(head, "")], _("Ditetapkan di %(place)s, %(date)s") % {
            "place": place, "date": date_format(timezone.localdate(), "j F Y")}))
    return pdf.render_pdf(story, title=_("SK Penetapan Moda dan Status"), wide=True,
                          footer_note=office)

"""Printed participant lists (P-7) and parent letters (P-10) in the house style
(documents/pdf.py): the DNS per school and per district, the DNT per school with AN numbers,
and one letter per participant, a school's letters in one PDF."""

from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from anbk.documents import pdf
from anbk.registry.models import Position, Service
from anbk.sampling.models import Participant, SchoolSample, Stage


def _region(school) -> str:
    if school.district_id:
        return f"{school.district.name}, {school.province.name}"
    return school.country


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else "…"


def _school_lines(school, sample: SchoolSample | None) -> list[str]:
    lines = [f"{school.name} · NPSN {school.npsn}", _region(school)]
    if sample is not None:
        lines.append(str(sample.assessment))
    return lines


def _place_date(school) -> str:
    place = school.district.name if school.district_id else school.country
    return f"{place}, {_date(timezone.localdate())}"


def _dns_rows(participants: Iterable[Participant]) -> list[list[str]]:
    return [[p.student.nisn, p.student.name, p.student.sex,
             f"{p.student.birth_place}, {p.student.birth_date:%d-%m-%Y}", str(p.student.grade),
             p.get_participant_type_display(), p.get_sample_type_display(), ""]
            for p in participants]


DNS_HEADER = ("NISN", _lazy("Nama"), _lazy("JK"), _lazy("Tempat, tanggal lahir"),
              _lazy("Tingkat"), _lazy("Status"), _lazy("Sampel"), _lazy("Verifikasi sekolah"))
DNS_WIDTHS = (24 * mm, 62 * mm, 9 * mm, 52 * mm, 17 * mm, 20 * mm, 20 * mm, 39 * mm)


def _dns_section(school, sample, participants) -> list:
    flow = pdf.title_block(_("DAFTAR NOMINASI SEMENTARA (DNS)"), *_school_lines(school, sample))
    rows = _dns_rows(participants)
    if sample is not None:
        flow.append(pdf.fields_table([
            (_("Sampling"), _("#%(n)d, seed %(seed)d") % {"n": sample.run_id,
                                                          "seed": sample.run.seed}),
            (_("Calon memenuhi syarat"), _("%(r)d reguler, %(o)d tambahan")
             % {"r": sample.regular_candidates, "o": sample.oversample_candidates}),
        ]))
        flow.append(Spacer(1, 3 * mm))
    if rows:
        flow.append(pdf.data_table(DNS_HEADER, rows, DNS_WIDTHS))
    else:
        flow.append(pdf.paragraph(_("Tidak ada peserta didik yang memenuhi syarat.")))
    flow.append(pdf.paragraph(_("Sekolah memeriksa setiap nominasi dan menandai yang pindah, "
                                "tidak aktif, datanya salah, atau tidak memenuhi syarat P-4."),
                              "small"))
    flow.append(pdf.signature_block([(_("Operator sekolah"), ""),
                                     (_("Kepala sekolah"), _principal(school))],
                                    _place_date(school)))
    return flow


def _principal(school) -> str:
    service = (Service.objects.filter(school=school, position=Position.PRINCIPAL,
                                      is_active=True).select_related("person").first())
    return service.person.name if service else ""


def dns_pdf(*, school, sample, participants) -> bytes:
    return pdf.render_pdf(_dns_section(school, sample, participants),
                          title=_("DNS %(npsn)s") % {"npsn": school.npsn}, wide=True)


def district_dns_pdf(*, district, participants) -> bytes:
    """One DNS section per school of the district, each starting on a new page."""
    story, school, batch = [], None, []

    def flush():
        if school is not None:
            if story:
                story.append(PageBreak())
            sample = SchoolSample.objects.filter(school=school).select_related(
                "run", "assessment").order_by("-assessment__year").first()
            story.extend(_dns_section(school, sample, batch))

    for participant in participants:
        if school is not None and participant.school_id != school.pk:
            flush()
            batch = []
        school = participant.school
        batch.append(participant)
    flush()
    if not story:
        story = pdf.title_block(_("DAFTAR NOMINASI SEMENTARA (DNS)"), str(district))
        story.append(pdf.paragraph(_("Belum ada sekolah yang disampling.")))
    return pdf.render_pdf(story, title=_("DNS %(region)s") % {"region": district.name},
                          wide=True)


DNT_HEADER = (_lazy("Nomor Peserta"), "NISN", _lazy("Nama"), _lazy("JK"),
              _lazy("Tanggal lahir"), _lazy("Tingkat"), _lazy("Status"), _lazy("Sampel"))
DNT_WIDTHS = (45 * mm, 24 * mm, 67 * mm, 9 * mm, 24 * mm, 17 * mm, 22 * mm, 22 * mm)


def dnt_pdf(*, school, sample, participants) -> bytes:
    flow = pdf.title_block(_("DAFTAR NOMINASI TETAP (DNT)"), *_school_lines(school, sample))
    flow.append(pdf.fields_table([
        (_("Ditetapkan"), formats.date_format(timezone.localtime(sample.finalised_at),
                                              "j F Y H:i") if sample.finalised_at else "–"),
        (_("Jumlah peserta"), str(len(participants))),
    ]))
    flow.append(Spacer(1, 3 * mm))
    rows = [[p.an_number, p.student.nisn, p.student.name, p.student.sex,
             f"{p.student.birth_date:%d-%m-%Y}", str(p.student.grade),
             p.get_participant_type_display(), p.get_sample_type_display()]
            for p in participants]
    flow.append(pdf.data_table(DNT_HEADER, rows, DNT_WIDTHS) if rows else
                pdf.paragraph(_("Tidak ada peserta.")))
    flow.append(pdf.paragraph(_("Setelah DNT ditetapkan, daftar hanya berubah melalui "
                                "aktivasi peserta cadangan (P-9)."), "small"))
    flow.append(pdf.signature_block([(_("Pengelola data provinsi"), "")],
                                    _place_date(school)))
    return pdf.render_pdf(flow, title=_("DNT %(npsn)s") % {"npsn": school.npsn}, wide=True)


def parent_letters_pdf(*, school, sample, participants, starts_on=None, ends_on=None) -> bytes:
    """P-10: one page per participant, addressed to the parents or guardians."""
    principal = _principal(school)
    dates = (_("%(start)s sampai %(end)s") % {"start": _date(starts_on), "end": _date(ends_on)}
             if starts_on else _("tanggal yang akan diumumkan sekolah"))
    story = []
    for index, p in enumerate(participants):
        if index:
            story.append(PageBreak())
        story += pdf.title_block(school.name.upper(), f"NPSN {school.npsn}",
                                 school.address, _region(school))
        story.append(pdf.fields_table([
            (_("Perihal"), _("Pemberitahuan keikutsertaan dalam Asesmen Nasional")),
            (_("Kepada"), _("Yth. Orang tua/wali peserta didik")),
        ], label_width=25 * mm))
        story.append(Spacer(1, 4 * mm))
        story.append(pdf.paragraph(_("Dengan hormat,")))
        story.append(Spacer(1, 2 * mm))
        story.append(pdf.paragraph(_(
            "Bersama ini kami memberitahukan bahwa putra/putri Bapak/Ibu berikut terpilih "
            "secara acak sebagai peserta %(kind)s %(assessment)s:")
            % {"kind": p.get_participant_type_display().lower(),
               "assessment": sample.assessment}))
        story.append(Spacer(1, 2 * mm))
        story.append(pdf.fields_table([
            (_("Nama"), p.student.name),
            ("NISN", p.student.nisn),
            (_("Kelas"), str(p.student.grade)),
            (_("Nomor peserta"), p.an_number or "–"),
            (_("Tanggal pelaksanaan"), dates),
        ], label_width=40 * mm))
        story.append(Spacer(1, 2 * mm))
        story.append(pdf.paragraph(_(
            "Asesmen Nasional memetakan mutu sekolah; hasilnya tidak menentukan kelulusan "
            "atau nilai rapor peserta didik. Peserta mengikuti asesmen selama dua hari di "
            "sekolah sesuai jadwal sesi yang diumumkan. Mohon Bapak/Ibu memastikan "
            "putra/putri hadir tepat waktu dan dalam keadaan sehat.")))
        story.append(Spacer(1, 2 * mm))
        story.append(pdf.paragraph(_("Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan "
                                     "terima kasih.")))
        story.append(pdf.signature_block([(_("Kepala sekolah"), principal)],
                                         _place_date(school)))
    if not story:
        story = pdf.title_block(school.name.upper(), f"NPSN {school.npsn}")
        story.append(pdf.paragraph(_("Belum ada peserta.")))
    return pdf.render_pdf(story, title=_("Surat orang tua %(npsn)s") % {"npsn": school.npsn})


def stage_ready(sample: SchoolSample | None, stage: str) -> bool:
    """A DNS exists once the school is sampled; a DNT and letters once it is fixed."""
    if sample is None:
        return False
    return stage == Stage.DNS or sample.stage == Stage.DNT

"""The portal menu, following the Web ANBK menus (seeds/web-anbk-training-slides.txt).

Only parts that exist are listed: a menu entry is added here together with its view.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str  # named in accounts/rules.py; the item's view demands the same one
    group: str


MENU: tuple[MenuItem, ...] = (
    MenuItem(_("Beranda"), "portal:home", "portal.view_home", ""),
    MenuItem(_("Sekolah"), "registry:school_list", "portal.view_registry", _("Data")),
    MenuItem(_("Peserta Didik"), "registry:student_list", "portal.view_registry", _("Data")),
    MenuItem(_("Pendidik & Kepala Sekolah"), "registry:teacher_list", "portal.view_registry",
             _("Data")),
    MenuItem(_("Impor Data"), "imports:upload", "imports.use_imports", _("Data")),
    # Participants (sampling/, issue 3)
    MenuItem(_("Sampling"), "sampling:overview", "sampling.run_sampling", _("Peserta")),
    MenuItem(_("DNS / DNT"), "sampling:school_list", "sampling.view_participants",
             _("Peserta")),
    MenuItem(_("Responden SLB"), "sampling:respondents", "sampling.view_participants",
             _("Peserta")),

    # Readiness (readiness/, issue 4)
    MenuItem(_("Kesiapan TIK"), "readiness:overview", "readiness.view_readiness",
             _("Kesiapan")),
    MenuItem(_("Penetapan Moda & Status"), "readiness:decision_list",
             "readiness.view_readiness", _("Kesiapan")),
    MenuItem(_("Berbagi Sumber Daya"), "readiness:sharing", "readiness.share_resources",
             _("Kesiapan")),
    MenuItem(_("Tim Teknis"), "readiness:tech_team", "readiness.view_tech_teams",
             _("Kesiapan")),

    # Rooms, proctor servers and staff (staffing/, issue 4)
    MenuItem(_("Data Server/Ruang"), "staffing:school_list", "staffing.manage_staffing",
             _("Pelaksana")),
    MenuItem(_("Pengawas Silang"), "staffing:supervisors", "staffing.assign_supervisors",
             _("Pelaksana")),
    MenuItem(_("Kekurangan Petugas"), "staffing:gaps", "staffing.manage_staffing",
             _("Pelaksana")),
    MenuItem(_("Pakta Integritas"), "staffing:pledge", "staffing.sign_pledge", _("Pelaksana")),

    # Instruments (items/, issue 6)
    MenuItem(_("Bank Soal"), "items:item_list", "items.view_bank", _("Instrumen")),
    MenuItem(_("Stimulus"), "items:stimulus_list", "items.view_bank", _("Instrumen")),
    MenuItem(_("Antrean Telaah"), "items:review_queue", "items.view_bank", _("Instrumen")),
    MenuItem(_("Paket & Panel"), "items:form_list", "items.view_bank", _("Instrumen")),
    MenuItem(_("QTI 3.0"), "items:qti_home", "items.view_bank", _("Instrumen")),

    # Schedule and sessions (scheduling/, issue 5)
    MenuItem(_("Jadwal"), "scheduling:home", "scheduling.view_calendar", _("Pelaksanaan")),
    MenuItem(_("Kalender Nasional"), "scheduling:calendar", "scheduling.view_calendar",
             _("Pelaksanaan")),
    MenuItem(_("Cek Kelengkapan Data"), "scheduling:checklist_list",
             "scheduling.view_checklist", _("Pelaksanaan")),

    # Documents (documents/, issue 5)
    MenuItem(_("Dokumen"), "documents:home", "documents.print_documents", _("Pelaksanaan")),

    MenuItem(_("Akun"), "accounts:user_list", "accounts.manage_accounts", _("Pengguna")),
    MenuItem(_("Log Audit"), "portal:audit_log", "portal.read_audit", _("Pengguna")),
)


def menu_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "group": item.group,
         "name": item.url_name}
        for item in MENU
        if user.has_perm(item.permission)
    ]

"""The portal menu, following the Web ANBK menus (seeds/web-anbk-training-slides.txt).

Only parts that exist are listed: a menu entry is added here together with its view.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anbk.accounts.models import Role

STAFF_TEAMS = {Role.CENTRE_ADMIN, Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
ISSUERS = STAFF_TEAMS | {Role.SCHOOL_OPERATOR}
DATA_ROLES = STAFF_TEAMS | {Role.SCHOOL_OPERATOR}


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str]
    group: str


MENU: tuple[MenuItem, ...] = (
    MenuItem(_("Beranda"), "portal:home", frozenset(Role), ""),
    MenuItem(_("Sekolah"), "registry:school_list", frozenset(DATA_ROLES), _("Data")),
    MenuItem(_("Peserta Didik"), "registry:student_list", frozenset(DATA_ROLES), _("Data")),
    MenuItem(_("Pendidik & Kepala Sekolah"), "registry:teacher_list", frozenset(DATA_ROLES),
             _("Data")),
    MenuItem(_("Impor Data"), "imports:upload", frozenset(DATA_ROLES), _("Data")),
    MenuItem(_("Akun"), "accounts:user_list", frozenset(ISSUERS), _("Pengguna")),
    MenuItem(_("Log Audit"), "portal:audit_log", frozenset({Role.CENTRE_ADMIN}), _("Pengguna")),
)


def menu_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "group": item.group,
         "name": item.url_name}
        for item in MENU
        if user.role in item.roles
    ]

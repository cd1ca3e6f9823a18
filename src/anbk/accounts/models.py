import rules
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from anbk.core.rules import Agency


class Role(models.TextChoices):
    CENTRE_ADMIN = "centre_admin", _("Admin Pusat")
    PROVINCE_TEAM = "province_team", _("Tim Teknis Provinsi")
    DISTRICT_TEAM = "district_team", _("Tim Teknis Kabupaten/Kota")
    SCHOOL_OPERATOR = "school_operator", _("Operator Sekolah")
    PROCTOR = "proctor", _("Proktor")
    TECHNICIAN = "technician", _("Teknisi")
    SUPERVISOR = "supervisor", _("Pengawas")
    # The centre's instrument team (issue 6): they write and review items, nothing else.
    ITEM_AUTHOR = "item_author", _("Penulis Soal")
    ITEM_REVIEWER = "item_reviewer", _("Penelaah Soal")


REGION_ROLES = {Role.PROVINCE_TEAM, Role.DISTRICT_TEAM}
SCHOOL_ROLES = {Role.SCHOOL_OPERATOR, Role.PROCTOR, Role.TECHNICIAN, Role.SUPERVISOR}
# Bound to nothing: they act nationally.
CENTRE_ROLES = {Role.CENTRE_ADMIN, Role.ITEM_AUTHOR, Role.ITEM_REVIEWER}


class User(AbstractUser):
    """A staff account, bound to the centre, a region (province/district) or a school."""

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    agency = models.CharField(
        _("instansi"), max_length=10, choices=[(Agency.KEMDIKBUD, "Kemendikbudristek"),
                                               (Agency.KEMENAG, "Kemenag")],
        default=Agency.KEMDIKBUD,
    )
    region = models.ForeignKey(
        "registry.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        verbose_name=_("wilayah"),
    )
    school = models.ForeignKey(
        "registry.School", null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        verbose_name=_("sekolah"),
    )
    issued_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="issued",
    )
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    must_change_password = models.BooleanField(default=True)
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_binding_matches_role",
                condition=(
                    models.Q(role__in=["centre_admin", "item_author", "item_reviewer"],
                             region__isnull=True, school__isnull=True)
                    | models.Q(role__in=["province_team", "district_team"],
                               region__isnull=False, school__isnull=True)
                    | models.Q(role__in=["school_operator", "proctor", "technician",
                                         "supervisor"], school__isnull=False)
                    | models.Q(role="")
                ),
            )
        ]

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_centre(self) -> bool:
        return self.role == Role.CENTRE_ADMIN

    def has_perm(self, perm: str, obj=None) -> bool:
        """Only accounts/rules.py grants: neither is_superuser nor database permission rows
        add to it, and asking costs no query (Django's chain would ask ModelBackend, two
        queries per request, whenever the rules say no)."""
        return rules.has_perm(perm, self, obj)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

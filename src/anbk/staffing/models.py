"""Rooms, proctor servers ("Data Server/Ruang", S-4) and the officials who staff them (S-7).

Interfaces other apps use (docs/staffing.md): `Room`, `ProctorServer`, `Official`,
`Assignment` (who works where in which session slot) and `Pledge`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anbk.core.resources import ROOM_MAX_CLIENTS
from anbk.core.staffing import ROOM_NAME_MAX_LENGTH


class Room(models.Model):
    """A test room of a school: at most ROOM_MAX_CLIENTS client computers (S-4)."""

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="rooms", verbose_name=_("sekolah"))
    name = models.CharField(_("nama ruang"), max_length=ROOM_NAME_MAX_LENGTH)
    clients = models.PositiveSmallIntegerField(_("komputer klien"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="room_name_per_school"),
            models.CheckConstraint(name="room_clients_range",
                                   condition=Q(clients__gte=1, clients__lte=ROOM_MAX_CLIENTS)),
        ]

    def __str__(self) -> str:
        return self.name


class ProctorServer(models.Model):
    """The proctor server of one room (S-4) and its login for the proctor application.

    The password exists in clear only in the "Daftar ID Proktor" printout that issued it;
    the row keeps a keyed hash (docs/decisions/0010-proctor-server-passwords.md).
    """

    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="proctor_servers", verbose_name=_("sekolah"))
    room = models.OneToOneField(Room, on_delete=models.PROTECT, related_name="proctor_server",
                                verbose_name=_("ruang"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    proctor_id = models.CharField(_("ID proktor"), max_length=20, unique=True)
    computer_name = models.CharField(_("nama komputer"), max_length=60, blank=True)
    password_salt = models.CharField(max_length=32, blank=True)
    password_hash = models.CharField(max_length=64, blank=True)
    password_issued_at = models.DateTimeField(_("kata sandi diterbitkan"), null=True,
                                              blank=True)
    # How many passwords were issued: each print revokes the one before.
    password_issues = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proctor_id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "number"],
                                    name="proctor_server_number_per_school"),
            models.CheckConstraint(name="proctor_server_number_positive",
                                   condition=Q(number__gte=1)),
        ]

    def __str__(self) -> str:
        return self.proctor_id

    @property
    def has_password(self) -> bool:
        return bool(self.password_hash)


class StaffRole(models.TextChoices):
    """The officials of S-7; values match accounts.Role so an account's role names its job."""

    PROCTOR = "proctor", _("Proktor")
    TECHNICIAN = "technician", _("Teknisi")
    SUPERVISOR = "supervisor", _("Pengawas")


class Official(models.Model):
    """A person (registry.Person) appointed to one staff role (S-7).

    `home_school` is the school the person serves at and that proposed them; a proctor or
    technician may work at another school that has too few of its own, a supervisor always
    works elsewhere. `account` is the portal account that signs the integrity pledge.
    """

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT,
                               related_name="official_roles", verbose_name=_("nama"))
    role = models.CharField(_("tugas"), max_length=12, choices=StaffRole.choices)
    home_school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                                    related_name="officials", verbose_name=_("sekolah asal"))
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="official_roles",
                                verbose_name=_("akun"))
    trained_on = models.DateField(_("tanggal pelatihan"), null=True, blank=True)
    training_note = models.CharField(_("keterangan pelatihan"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["home_school_id", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="official_person_role"),
        ]
        indexes = [models.Index(fields=["home_school", "role"], name="official_school_role_idx")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Assignment(models.Model):
    """An official at a school in one session slot (day, session): a proctor or supervisor
    in a room, a technician for the whole school (room empty).

    The constraints are S-7's "one place per person per session" and S-4's one proctor and
    one supervisor per room; the services check them first and say why in Indonesian.
    """

    official = models.ForeignKey(Official, on_delete=models.CASCADE,
                                 related_name="assignments")
    # Denormalised from official: the one-place constraint is per person, not per role.
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("tugas"), max_length=12, choices=StaffRole.choices)
    school = models.ForeignKey("registry.School", on_delete=models.PROTECT,
                               related_name="staff_assignments", verbose_name=_("sekolah"))
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="assignments", verbose_name=_("ruang"))
    day = models.PositiveSmallIntegerField(_("hari ke"))
    session = models.PositiveSmallIntegerField(_("sesi"))
    # Written by the supervisor planner; a re-run replaces these and keeps manual ones.
    automatic = models.BooleanField(default=False)
    distance_km = models.FloatField(_("jarak (km)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_id", "day", "session", "room_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["person", "day", "session"],
                                    name="assignment_one_place_per_session"),
            models.UniqueConstraint(fields=["room", "role", "day", "session"],
                                    condition=Q(room__isnull=False),
                                    name="assignment_one_per_room_and_role"),
            models.CheckConstraint(name="assignment_slot_positive",
                                   condition=Q(day__gte=1, session__gte=1)),
            models.CheckConstraint(name="assignment_room_unless_technician",
                                   condition=Q(role="technician", room__isnull=True)
                                   | Q(~Q(role="technician"), room__isnull=False)),
        ]
        indexes = [
            models.Index(fields=["school", "day", "session"], name="assignment_slot_idx"),
            models.Index(fields=["official"], name="assignment_official_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.official} @ {self.school_id} H{self.day} S{self.session}"


class Pledge(models.Model):
    """The integrity pledge (pakta integritas) an official signed in the portal (S-7)."""

    official = models.OneToOneField(Official, on_delete=models.CASCADE, related_name="pledge")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField(_("ditandatangani"))
    ip = models.CharField(_("alamat IP"), max_length=64, blank=True)
    text_version = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"{self.official} {self.signed_at:%Y-%m-%d %H:%M}"

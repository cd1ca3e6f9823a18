from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from anbk.accounts.models import REGION_ROLES, SCHOOL_ROLES, Role
from anbk.accounts.selectors import issuable_regions
from anbk.accounts.services import ISSUABLE
from anbk.registry.forms import SchoolPicker
from anbk.registry.models import AGENCY_CHOICES, Region
from anbk.registry.selectors import school_list


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    password = forms.CharField(label=_("Kata sandi"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Kata sandi lama"), strip=False,
                                   widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("Kata sandi baru"), strip=False,
                                   widget=forms.PasswordInput,
                                   help_text=_("Minimal 10 karakter, bukan hanya angka."))
    new_password_again = forms.CharField(label=_("Ulangi kata sandi baru"), strip=False,
                                         widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("Kedua kata sandi baru tidak sama."))
        return data


def _role_choices(roles) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if role in roles]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Nama pengguna atau nama"), required=False, max_length=150,
                        widget=forms.SearchInput)
    role = forms.ChoiceField(label=_("Peran"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Semua"))] + _role_choices(set(Role))

    def selector_kwargs(self) -> dict:
        self.is_valid()
        return {"search": self.cleaned_data.get("q", ""), "role": self.cleaned_data.get("role", "")}


class IssueForm(forms.Form):
    """Offers only the roles, regions and schools the actor may issue to (S-8); the service
    checks the binding again, so a forged POST gains nothing."""

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    username = forms.CharField(label=_("Nama pengguna"), max_length=150,
                               validators=[UnicodeUsernameValidator()],
                               help_text=_("Huruf, angka dan @ . + - _ saja."))
    role = forms.ChoiceField(label=_("Peran"))
    region = forms.ModelChoiceField(label=_("Wilayah"), queryset=Region.objects.none(),
                                    required=False,
                                    help_text=_("Untuk akun tim teknis provinsi atau "
                                                "kabupaten/kota."))
    agency = forms.ChoiceField(label=_("Instansi"), choices=AGENCY_CHOICES, required=False,
                               help_text=_("Dinas Pendidikan (Kemendikbudristek) atau "
                                           "Kanwil/Kantor Kemenag."))
    npsn = forms.CharField(label=_("NPSN sekolah"), required=False, widget=SchoolPicker,
                           help_text=_("Untuk akun operator, proktor, teknisi atau pengawas. "
                                       "Ketik NPSN atau nama sekolah untuk memilih."))
    email = forms.EmailField(label=_("Surel"), required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        roles = ISSUABLE.get(actor.role, set())
        self.fields["role"].choices = _role_choices(roles)
        regions = issuable_regions(actor=actor)
        if roles & REGION_ROLES:
            self.fields["region"].queryset = regions
        else:
            del self.fields["region"]
        if actor.role != Role.CENTRE_ADMIN:
            # Below the centre a team issues within its own agency (Dinas or Kemenag).
            del self.fields["agency"]
        if actor.role in SCHOOL_ROLES or not roles & SCHOOL_ROLES:
            # A school operator issues only for its own school; no school to choose.
            del self.fields["npsn"]

    def clean(self):
        data = super().clean()
        role = data.get("role")
        data["school"] = None
        if role in SCHOOL_ROLES:
            data["school"] = self._school(data.get("npsn", ""))
        elif role in REGION_ROLES and not data.get("region"):
            self.add_error("region", _("Pilih wilayah untuk akun tim teknis."))
        return data

    def _school(self, npsn: str):
        if "npsn" not in self.fields:
            return self.actor.school
        if not npsn:
            self.add_error("npsn", _("Isi NPSN sekolah untuk akun sekolah."))
            return None
        school = school_list(actor=self.actor).filter(npsn=npsn.strip()).first()
        if school is None:
            self.add_error("npsn", _("NPSN tidak ditemukan di wilayah kewenangan Anda."))
        return school

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        role = data["role"]
        return {
            "username": data["username"], "role": role, "full_name": data["full_name"],
            "region": data.get("region") if role in REGION_ROLES else None,
            "school": data["school"], "agency": data.get("agency") or None,
            "email": data["email"], "phone": data["phone"],
        }

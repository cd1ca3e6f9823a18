"""Forms of the participant pages. Writes go to the services; a form only reads input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.registry.forms import FilterForm
from anbk.registry.models import Sex
from anbk.sampling.keys import SEED_MAX
from anbk.sampling.models import FlagReason, Stage

_ANY = [("", _("Semua"))]


class RunForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed (kosongkan untuk acak)"), required=False, min_value=0,
        max_value=SEED_MAX - 1,
        help_text=_("Dengan seed dan daftar calon yang sama, hasil sampling selalu sama."))


class SampleFilterForm(FilterForm):
    q_label = _("NPSN atau nama sekolah")
    stage = forms.ChoiceField(label=_("Tahap"), required=False, choices=_ANY + Stage.choices)
    flagged = forms.TypedChoiceField(label=_("Ditandai sekolah"), required=False,
                                     empty_value=None, coerce=lambda value: value == "1",
                                     choices=_ANY + [("1", _("Ada yang ditandai"))])


class RespondentFilterForm(FilterForm):
    renames = {"q": "search"}
    q_label = _("NIK atau nama")
    npsn = forms.CharField(label=_("NPSN sekolah"), required=False, max_length=8)


class EligibilityFilterForm(forms.Form):
    only = forms.ChoiceField(label=_("Tampilkan"), required=False, choices=[
        ("", _("Semua peserta didik")), ("eligible", _("Memenuhi syarat")),
        ("not", _("Tidak memenuhi syarat"))])


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Alasan"), choices=FlagReason.choices)
    note = forms.CharField(label=_("Catatan"), max_length=500)


class ResolveForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"
    action = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect, choices=[
        (KEEP, _("Tetap sebagai peserta (data diperbaiki bila perlu)")),
        (REMOVE, _("Hapus: tidak memenuhi syarat, diganti calon berikutnya"))])
    note = forms.CharField(label=_("Catatan penyelesaian"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    name = forms.CharField(label=_("Nama (perbaikan)"), required=False, max_length=150)
    sex = forms.ChoiceField(label=_("Jenis kelamin (perbaikan)"), required=False,
                            choices=[("", "–"), *Sex.choices])
    birth_place = forms.CharField(label=_("Tempat lahir (perbaikan)"), required=False,
                                  max_length=80)
    birth_date = forms.DateField(label=_("Tanggal lahir (perbaikan)"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def corrections(self) -> dict:
        return {field: self.cleaned_data[field]
                for field in ("name", "sex", "birth_place", "birth_date")
                if self.cleaned_data.get(field) not in (None, "")}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ReserveForm(forms.Form):
    absent = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan berhalangan"), max_length=300)


class AssessmentForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Mulai sesi 1 hari pertama"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Acuan batas aktivasi peserta cadangan (15 menit sebelumnya) selama "
                    "jadwal sesi sekolah belum ada."))
    ends_on = forms.DateField(label=_("Hari terakhir"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

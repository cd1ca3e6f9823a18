from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.core import resources as res
from anbk.readiness.models import MODA_CHOICES, HostingStatus, ReadinessReport, ReportStatus
from anbk.readiness.services import REPORT_FIELDS
from anbk.registry.forms import FilterForm
from anbk.registry.selectors import district_choices

_ANY = [("", _("Semua"))]


class OverviewFilterForm(FilterForm):
    renames = {"q": "search", "district": "district_code"}
    q_label = _("NPSN atau nama")
    status = forms.ChoiceField(label=_("Laporan"), required=False, choices=_ANY + [
        ("none", _("Belum mengisi"))] + ReportStatus.choices)
    decided = forms.ChoiceField(label=_("Penetapan moda"), required=False, choices=_ANY + [
        ("yes", _("Sudah ditetapkan")), ("no", _("Belum ditetapkan"))])
    district = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = _ANY + [
            (region.code, str(region)) for region in district_choices(actor=self.actor)]


class ReportForm(forms.ModelForm):
    """The school's report (S-1). Counts are checked here and again by the service."""

    class Meta:
        model = ReadinessReport
        fields = REPORT_FIELDS
        widgets = {"candidate_names": forms.Textarea(attrs={"rows": 3}),
                   "notes": forms.Textarea(attrs={"rows": 3}),
                   "bandwidth_text": forms.TextInput(attrs={"placeholder": "10 Mbps"})}
        help_texts = {"bandwidth_text": _("Hasil uji kecepatan, dengan satuan: \"10 Mbps\" atau "
                                          "\"512 kbps\".")}


class VerifyForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Hasil verifikasi"), widget=forms.RadioSelect,
                                choices=[("approve", _("Setujui")),
                                         ("return", _("Kembalikan untuk diperbaiki"))])
    notes = forms.CharField(label=_("Catatan"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    moda = forms.ChoiceField(label=_("Moda"), choices=MODA_CHOICES)
    status = forms.ChoiceField(label=_("Status"), choices=HostingStatus.choices)
    host_npsn = forms.CharField(label=_("NPSN sekolah induk"), required=False, max_length=8,
                                help_text=_("Wajib bila menumpang; sekolah di provinsi yang "
                                            "sama."))
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class PolicyForm(forms.Form):
    """The engine's settings for one run (S-2); the defaults come from core.resources."""

    max_km = forms.FloatField(label=_("Jarak maksimum (km)"), min_value=0.5,
                              max_value=res.SHARING_MAX_DISTANCE_LIMIT_KM)
    cross_level = forms.BooleanField(label=_("Boleh lintas jenjang"), required=False)
    cross_agency = forms.BooleanField(label=_("Boleh lintas sekolah/madrasah"), required=False)
    cross_status = forms.BooleanField(label=_("Boleh lintas negeri/swasta"), required=False)

    @classmethod
    def initial_values(cls) -> dict:
        return {"max_km": res.SHARING_MAX_DISTANCE_KM,
                "cross_level": res.SHARING_ALLOW_CROSS_LEVEL,
                "cross_agency": res.SHARING_ALLOW_CROSS_AGENCY,
                "cross_status": res.SHARING_ALLOW_CROSS_STATUS}


class TechMemberForm(forms.Form):
    region = forms.ChoiceField(label=_("Wilayah"))
    name = forms.CharField(label=_("Nama"), max_length=150)
    position = forms.CharField(label=_("Tugas"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telepon/WhatsApp"), max_length=30)
    email = forms.EmailField(label=_("Surel"), required=False)
    office = forms.CharField(label=_("Kantor"), max_length=200, required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, str(r)) for r in regions]

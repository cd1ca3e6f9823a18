from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from anbk.documents.models import BatchKind


class ScanUploadForm(forms.Form):
    file = forms.FileField(label=_("Hasil pindaian (PDF, JPEG atau PNG)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Pindaian atau foto lembar yang sudah ditandatangani; paling besar %(size)s. Jenis "
            "berkas diperiksa dari isinya.") % {
            "size": filesizeformat(settings.ANBK_SCAN_MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


class BatchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Dokumen"), choices=BatchKind.choices)

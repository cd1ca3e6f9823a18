from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from anbk.registry.models import ImportKind

ACCEPTED_SUFFIXES = {".csv", ".txt", ".xlsx", ".xls", ".ods"}


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"))
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ImportKind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        self.fields["file"].help_text = _("Paling besar %(size)s. Baris pertama berisi judul "
                                          "kolom.") % {
            "size": filesizeformat(settings.ANBK_IMPORT_MAX_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(_("Unggah berkas .csv atau .xlsx."))
        if upload.size > settings.ANBK_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar %(size)s).") % {
                "size": filesizeformat(settings.ANBK_IMPORT_MAX_BYTES)})
        return upload

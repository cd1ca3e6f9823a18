from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.core.instruments import COGNITIVE_LEVELS, CONTENT
from anbk.items.models import (
    ASPECT_CHOICES,
    BANK_CHOICES,
    CONTEXT_CHOICES,
    DOMAIN_CHOICES,
    INDEX_CHOICES,
    LEVEL_CHOICES,
    RESPONDENT_CHOICES,
)
from anbk.items.qti.safe import MAX_UPLOAD_BYTES

BLANK = [("", "—")]
CONTENT_CHOICES = [(key, label) for areas in CONTENT.values() for key, label in areas.items()]
COGNITIVE_CHOICES = [(key, label) for levels in COGNITIVE_LEVELS.values()
                     for key, label in levels.items()]


class QtiImportForm(forms.Form):
    """The file, and the bank and tags for items whose file carries none (a lone item XML;
    a package exported by anbk carries its own in the manifest)."""

    file = forms.FileField(label=_("Paket QTI (.zip) atau berkas soal (.xml)"))
    bank = forms.ChoiceField(label=_("Bank soal"), choices=BLANK + BANK_CHOICES, required=False)
    domain = forms.ChoiceField(label=_("Domain"), choices=BLANK + DOMAIN_CHOICES, required=False)
    level = forms.ChoiceField(label=_("Jenjang"), choices=BLANK + LEVEL_CHOICES, required=False)
    content_area = forms.ChoiceField(label=_("Konten"), choices=BLANK + CONTENT_CHOICES,
                                     required=False)
    cognitive_level = forms.ChoiceField(label=_("Level kognitif"),
                                        choices=BLANK + COGNITIVE_CHOICES, required=False)
    context = forms.ChoiceField(label=_("Konteks"), choices=BLANK + CONTEXT_CHOICES,
                                required=False)
    aspect = forms.ChoiceField(label=_("Aspek karakter"), choices=BLANK + ASPECT_CHOICES,
                               required=False)
    index = forms.ChoiceField(label=_("Indeks SLB"), choices=BLANK + INDEX_CHOICES,
                              required=False)
    respondent = forms.ChoiceField(label=_("Responden"), choices=BLANK + RESPONDENT_CHOICES,
                                   required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".zip", ".xml")):
            raise forms.ValidationError(_("Unggah berkas .zip (paket konten IMS) atau .xml."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar %(mb)s MB).")
                                        % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
        return upload

    def defaults(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items()
                if name != "file" and value}

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.registry.models import LEVEL_CHOICES


class CalendarFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Jenjang"), required=False,
                              choices=[("", _("Semua"))] + LEVEL_CHOICES)

    def selector_kwargs(self) -> dict:
        self.is_valid()
        return {"level": self.cleaned_data.get("level", "")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CalendarEntryForm(forms.Form):
    title = forms.CharField(label=_("Judul kegiatan"), max_length=120)
    start = forms.DateField(label=_("Tanggal mulai"), widget=DateInput())
    end = forms.DateField(label=_("Tanggal selesai"), widget=DateInput())
    excluded = forms.CharField(
        label=_("Tanggal libur di dalam rentang"), required=False, max_length=400,
        help_text=_("Tanggal tanpa kegiatan (mis. hari libur nasional), format TTTT-BB-HH, "
                    "dipisah koma."))

    def clean_excluded(self) -> list[datetime.date]:
        days = []
        for text in self.cleaned_data["excluded"].replace(";", ",").split(","):
            if not text.strip():
                continue
            try:
                days.append(datetime.date.fromisoformat(text.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("'%(text)s' bukan tanggal TTTT-BB-HH.") % {"text": text.strip()}
                ) from None
        return days

    @classmethod
    def initial_for(cls, entry) -> dict:
        return {"title": entry.title, "start": entry.start, "end": entry.end,
                "excluded": ", ".join(entry.excluded)}

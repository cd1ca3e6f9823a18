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


class SessionsForm(forms.Form):
    """Sessions a host holds for one level: per day pair how many a day, and the wave.
    Limits are the service's to check (J-4), so the error names the rule."""

    level = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, level: str, waves: tuple[int, ...], pairs: int,
                 days_of_pair, most: int, **kwargs):
        super().__init__(*args, prefix=level, **kwargs)
        self.fields["level"].initial = level
        if waves != (0,):
            self.fields["wave"] = forms.TypedChoiceField(
                label=_("Gelombang"), coerce=int,
                choices=[(w, _("Gelombang %(n)d") % {"n": w}) for w in waves])
        for pair in range(1, pairs + 1):
            self.fields[f"pair_{pair}"] = forms.IntegerField(
                label=_("Sesi per hari, hari ke-%(days)s") % {"days": days_of_pair(pair)},
                min_value=0, max_value=99, initial=0,
                help_text=_("0 sampai %(most)d sesi (J-4).") % {"most": most})
        self.waves = waves

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"level": data["level"], "wave": data.get("wave", self.waves[0]),
                "per_pair": {int(name.split("_")[1]): value for name, value in data.items()
                             if name.startswith("pair_")}}


class PlacementForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Sesi"), queryset=None)
    room = forms.ModelChoiceField(label=_("Ruang"), queryset=None)
    seat = forms.IntegerField(label=_("Nomor kursi"), min_value=1, max_value=99)

    def __init__(self, *args, sessions, rooms, session_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = session_label
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: _(
            "%(name)s (%(n)d komputer)") % {"name": room.name, "n": room.clients}


class ChecklistFilterForm(forms.Form):
    q = forms.CharField(label=_("NPSN atau nama sekolah"), required=False, max_length=100,
                        widget=forms.SearchInput)

    def selector_kwargs(self) -> dict:
        self.is_valid()
        return {"search": self.cleaned_data.get("q", "")}

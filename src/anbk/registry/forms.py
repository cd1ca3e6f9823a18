"""Filter forms of the registry lists. They only read GET parameters; an invalid value is
ignored (the list shows unfiltered on that field) rather than failing the page."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anbk.registry.models import BENTUK_CHOICES, Position, SchoolStatus
from anbk.registry.selectors import district_choices

_ANY = [("", _("Semua"))]


class SchoolPicker(forms.TextInput):
    """An NPSN field that suggests, as the user types an NPSN or a name, the schools in the
    actor's scope (registry:school_options fills a datalist through htmx)."""

    template_name = "registry/widgets/school_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options = f"{widget_attrs.get('id', name)}-options"
        widget_attrs.update({
            "list": options, "autocomplete": "off", "hx-get": reverse("registry:school_options"),
            "hx-trigger": "input changed delay:300ms", "hx-target": f"#{options}",
            "hx-swap": "innerHTML", "hx-push-url": "false",
        })
        context["options_id"] = options
        return context


class FilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, widget=forms.SearchInput)
    q_label = _("Cari")
    # URL parameter → selector keyword, where the short URL name differs.
    renames = {"q": "search"}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["q"].label = self.q_label

    def selector_kwargs(self) -> dict:
        """The valid, non-empty filters as the selector's keyword arguments."""
        self.is_valid()
        return {self.renames.get(key, key): value for key, value in self.cleaned_data.items()
                if value not in ("", None)}


class SchoolFilterForm(FilterForm):
    renames = {"q": "search", "district": "district_code"}
    q_label = _("NPSN atau nama")
    bentuk = forms.ChoiceField(label=_("Bentuk"), required=False, choices=_ANY + BENTUK_CHOICES)
    district = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=_ANY + SchoolStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = _ANY + [
            (region.code, str(region)) for region in district_choices(actor=self.actor)]


class StudentFilterForm(FilterForm):
    npsn = forms.CharField(label=_("NPSN sekolah"), required=False, widget=SchoolPicker)
    grade = forms.TypedChoiceField(label=_("Tingkat"), required=False, coerce=int,
                                   empty_value=None,
                                   choices=_ANY + [(g, str(g)) for g in range(1, 14)])
    active = forms.TypedChoiceField(label=_("Aktif"), required=False, empty_value=None,
                                    coerce=lambda value: value == "1",
                                    choices=_ANY + [("1", _("Ya")), ("0", _("Tidak"))])
    q_label = _("NISN atau nama")


class TeacherFilterForm(FilterForm):
    npsn = forms.CharField(label=_("NPSN sekolah"), required=False, widget=SchoolPicker)
    position = forms.ChoiceField(label=_("Jabatan"), required=False,
                                 choices=_ANY + Position.choices)
    q_label = _("NIK atau nama")

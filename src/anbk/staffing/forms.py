"""Forms of the staffing pages. They parse what was typed; the services judge it (and say
why in Indonesian), so a forged POST gains nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.registry.forms import FilterForm
from anbk.registry.models import Person
from anbk.registry.selectors import district_choices
from anbk.staffing import selectors
from anbk.staffing.models import Official, Room, StaffRole
from anbk.staffing.slots import session_slots

_ANY = [("", _("Semua"))]


class DistrictFilterForm(FilterForm):
    renames = {"q": "search", "district": "district_code"}
    q_label = _("NPSN atau nama")
    district = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = _ANY + [
            (region.code, str(region)) for region in district_choices(actor=self.actor)]


class SupervisorFilterForm(DistrictFilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["q"]


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Nama ruang"), max_length=200)
    clients = forms.IntegerField(label=_("Komputer klien"),
                                 help_text=_("Paling banyak 15 per ruang (S-4)."))


class ServerForm(forms.Form):
    computer_name = forms.CharField(label=_("Nama komputer"), max_length=60, required=False)


class OfficialForm(forms.Form):
    role = forms.ChoiceField(label=_("Tugas"), choices=StaffRole.choices)
    person = forms.ModelChoiceField(label=_("Guru/tenaga kependidikan"),
                                    queryset=Person.objects.none())
    account = forms.ModelChoiceField(label=_("Akun portal"), required=False, queryset=None,
                                     help_text=_("Akun proktor/teknisi/pengawas sekolah ini "
                                                 "untuk menandatangani pakta integritas."))

    def __init__(self, *args, actor, school, **kwargs):
        super().__init__(*args, **kwargs)
        people = selectors.candidate_people(actor=actor, school=school)
        self.fields["person"].queryset = Person.objects.filter(
            pk__in=people.values("person_id")).order_by("name")
        from anbk.accounts.models import User

        self.fields["account"].queryset = User.objects.filter(
            school=school, role__in=StaffRole.values, is_active=True).order_by("username")
        if not actor.has_perm("staffing.assign_supervisors"):
            # A school proposes supervisors too (JUKNIS VII A.1); the teams place them.
            self.fields["role"].help_text = _("Pengawas yang diusulkan ditugaskan silang oleh "
                                              "dinas.")


class AssignForm(forms.Form):
    official = forms.ModelChoiceField(label=_("Petugas"), queryset=Official.objects.none())
    room = forms.ModelChoiceField(label=_("Ruang"), queryset=Room.objects.none(),
                                  required=False,
                                  help_text=_("Kosongkan untuk teknisi."))
    slot = forms.ChoiceField(label=_("Sesi"), required=False)

    def __init__(self, *args, actor, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = selectors.assignable_officials(actor=actor,
                                                                          school=school)
        self.fields["official"].label_from_instance = (
            lambda o: f"{o.person.name} — {o.get_role_display()} ({o.home_school.name})")
        self.fields["room"].queryset = Room.objects.filter(school=school).order_by("name")
        self.slots = {f"{s.day}-{s.session}": s for s in session_slots(school)}
        self.fields["slot"].choices = [("", _("Semua sesi"))] + [
            (key, str(slot)) for key, slot in self.slots.items()]

    def selected_slots(self):
        key = self.cleaned_data.get("slot")
        return [self.slots[key]] if key else None


class PlanForm(forms.Form):
    district = forms.ChoiceField(label=_("Kabupaten/Kota"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {r.code: r for r in district_choices(actor=actor)}
        self.fields["district"].choices = [("", _("Seluruh wilayah kewenangan"))] + [
            (code, str(region)) for code, region in self.districts.items()]

    def region(self):
        return self.districts.get(self.cleaned_data.get("district") or "")


class TrainingForm(forms.Form):
    officials = forms.ModelMultipleChoiceField(label=_("Petugas yang hadir"),
                                               queryset=Official.objects.none(),
                                               widget=forms.CheckboxSelectMultiple)
    trained_on = forms.DateField(label=_("Tanggal pelatihan"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, actor, npsn: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officials"].queryset = selectors.untrained_officials(actor=actor,
                                                                          npsn=npsn)
        self.fields["officials"].label_from_instance = (
            lambda o: f"{o.person.name} — {o.get_role_display()} ({o.home_school.name})")

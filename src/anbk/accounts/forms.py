from django import forms
from django.utils.translation import gettext_lazy as _


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

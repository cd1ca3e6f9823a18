from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anbk.accounts import services
from anbk.accounts.forms import LoginForm, PasswordChangeForm
from anbk.core.context import request_address


def login_view(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.login_attempt(
                request=request, username=form.cleaned_data["username"],
                password=form.cleaned_data["password"], address=request_address(request))
        except services.LoginRefused as refused:
            form.add_error(None, str(refused))
            status = 403
        else:
            login(request, user)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "portal:home"
            return redirect(target or "portal:home")
    return render(request, "accounts/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_password(user=request.user,
                                          old_password=form.cleaned_data["old_password"],
                                          new_password=form.cleaned_data["new_password"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Kata sandi berhasil diganti."))
            return redirect("portal:home")
    return render(request, "accounts/password_change.html", {"form": form})

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from anbk.accounts import selectors, services
from anbk.accounts.forms import IssueForm, LoginForm, PasswordChangeForm, UserFilterForm
from anbk.core.context import request_address
from anbk.portal.access import permission_required_404
from anbk.portal.lists import render_list


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
            _form_errors(form, error, default_field="new_password")
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Kata sandi berhasil diganti."))
            return redirect("portal:home")
    return render(request, "accounts/password_change.html", {"form": form})


def _form_errors(form, error: ValidationError, default_field: str | None = None) -> None:
    """Show a service's ValidationError on the form field it names; an error that names no
    field (a password validator's) goes on default_field, or on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(default_field, error.messages)
        return
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


# Account management exists only for the roles that issue accounts (S-8); which accounts each
# may issue is services.ISSUABLE's question.
issuer_required = permission_required_404("accounts.manage_accounts")


@issuer_required
def user_list_view(request):
    form = UserFilterForm(request.GET)
    rows = selectors.user_list(actor=request.user, **form.selector_kwargs())
    return render_list(request, "accounts/user_list.html", form, rows)


@issuer_required
@never_cache
def user_issue_view(request):
    form = IssueForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.user_issue(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            # The temporary password exists only in this response; it is never stored.
            return render(request, "accounts/user_password.html",
                          {"account": issued.user, "password": issued.password, "new": True})
    return render(request, "accounts/user_issue.html", {"form": form})


def _detail(request, account, status: int = 200):
    may_manage = account.pk != request.user.pk and services.may_issue(
        actor=request.user, role=account.role, region=account.region, school=account.school,
        agency=account.agency)
    return render(request, "accounts/user_detail.html",
                  {"account": account, "may_manage": may_manage}, status=status)


@issuer_required
def user_detail_view(request, pk):
    return _detail(request, selectors.user_get(actor=request.user, pk=pk))


def _account_action(view):
    """POST-only action on a managed account: 404 outside the actor's accounts, 403 (with the
    detail page) when the account is visible but the action is not theirs to take."""

    @issuer_required
    @require_POST
    @wraps(view)
    def wrapped(request, pk):
        account = selectors.user_get(actor=request.user, pk=pk)
        try:
            return view(request, account)
        except PermissionDenied as denied:
            messages.error(request, str(denied))
            return _detail(request, account, status=403)

    return wrapped


@_account_action
def user_unlock_view(request, account):
    services.user_unlock(actor=request.user, user=account)
    messages.success(request, _("Kunci akun %(username)s dibuka.")
                     % {"username": account.username})
    return redirect("accounts:user_detail", pk=account.pk)


@_account_action
@never_cache
def user_reset_password_view(request, account):
    issued = services.user_reset_password(actor=request.user, user=account)
    return render(request, "accounts/user_password.html",
                  {"account": issued.user, "password": issued.password, "new": False})


@_account_action
def user_set_active_view(request, account):
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=request.user, user=account, active=active)
    done = _("Akun %(username)s diaktifkan.") if active else _("Akun %(username)s dinonaktifkan.")
    messages.success(request, done % {"username": account.username})
    return redirect("accounts:user_detail", pk=account.pk)

from django.shortcuts import redirect
from django.urls import reverse

from anbk.core.context import client_address, request_address

# Paths a user who must change their password may still reach.
_ALLOWED_NAMES = ("accounts:password_change", "accounts:logout", "portal:set_language")


class ForcePasswordChangeMiddleware:
    """First login (and after a reset) forces a password change before anything else.

    Also records the client address for the audit log of this request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_address.set(request_address(request))
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.must_change_password:
                allowed = {reverse(name) for name in _ALLOWED_NAMES}
                if request.path not in allowed and not request.path.startswith("/static/"):
                    return redirect("accounts:password_change")
            return self.get_response(request)
        finally:
            client_address.reset(token)

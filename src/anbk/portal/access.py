"""Pages that exist only for accounts with a permission (accounts/rules.py)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def permission_required_404(permission: str):
    """Log in first; then the page exists only for accounts with this permission. To anyone
    else it is a 404, as data outside their region is: a page is no hint of what others may
    do."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

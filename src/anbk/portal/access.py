"""Pages that exist only for some roles."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def role_required(roles):
    """Log in first; then the page exists only for these roles. To anyone else it is a 404,
    as data outside their region is: a page is no hint of what others may do."""
    allowed = frozenset(roles)

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.role not in allowed:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

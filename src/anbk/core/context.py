"""Where the current write comes from: set per request by middleware, per command by the CLI."""

from contextvars import ContextVar

client_address: ContextVar[str] = ContextVar("client_address", default="")


def request_address(request) -> str:
    # Behind a reverse proxy the operator sets ANBK_TRUST_X_FORWARDED_FOR; otherwise a client
    # could forge its address in the audit log and dodge per-address rate limits.
    from django.conf import settings

    if getattr(settings, "ANBK_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")

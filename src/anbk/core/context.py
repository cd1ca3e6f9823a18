"""Where the current write comes from: set per request by middleware, per command by the CLI."""

from contextvars import ContextVar

from django.conf import settings

client_address: ContextVar[str] = ContextVar("client_address", default="")


def request_address(request) -> str:
    if settings.ANBK_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")

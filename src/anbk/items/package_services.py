"""Test packages for sessions (D-7): a content key per session, a signed encrypted package per
locked form or panel, and the key released only after the session's token.

The delivery issue calls `session_token_released` when the proctor releases the token (D-3)
and `release_content_key` to open the session's packages; until then the key stays wrapped
in the database and the packages unreadable wherever they are.
"""

import base64

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.audit import audit_record
from anbk.items import packages
from anbk.items.models import FormStatus, TestForm
from anbk.items.package_models import SessionContentKey

PACKAGE_KIND = {"fixed": "form", "multistage": "panel"}


class ContentKeyLocked(packages.PackageError):
    """The session's token has not been released: its content key stays locked."""

    code = "locked"


def _require_builder(actor) -> None:
    # The system (actor None: sync, CLI) or a reviewer, who locks forms for delivery.
    if actor is not None and not actor.has_perm("items.review_items"):
        raise PermissionDenied(_("Anda tidak berwenang menyiapkan paket tes."))


def _check_session(session: str) -> str:
    session = (session or "").strip()
    if not session or len(session) > 64:
        raise ValidationError({"session": _("Kode sesi wajib diisi (paling panjang 64 "
                                            "karakter).")})
    return session


@transaction.atomic
def session_content_key(*, actor, session: str) -> bytes:
    """The session's content key, made and stored wrapped on first use. For sealing only."""
    _require_builder(actor)
    session = _check_session(session)
    row = SessionContentKey.objects.select_for_update().filter(session=session).first()
    if row is None:
        key = packages.new_content_key()
        row = SessionContentKey.objects.create(
            session=session, key_id=packages.content_key_id(key),
            wrapped=packages.wrap_content_key(key, session=session))
        audit_record(actor=actor, action="package.content_key_create", obj=row,
                     summary={"session": session, "key_id": row.key_id})
        return key
    return packages.unwrap_content_key(bytes(row.wrapped), session=session)


@transaction.atomic
def session_token_released(*, actor, session: str, at=None) -> SessionContentKey:
    """Record that the session's token was released (called by delivery, D-3)."""
    session = _check_session(session)
    row = SessionContentKey.objects.select_for_update().filter(session=session).first()
    if row is None:
        raise ValidationError({"session": _("Sesi {session} belum memiliki paket tes.")
                               .format(session=session)})
    if row.token_released_at is None:
        row.token_released_at = at or timezone.now()
        row.save(update_fields=["token_released_at"])
        audit_record(actor=actor, action="package.token_released", obj=row,
                     summary={"session": session})
    return row


@transaction.atomic
def release_content_key(*, actor, session: str) -> bytes:
    """The session's content key, only once its token was released; every release audited."""
    session = _check_session(session)
    row = SessionContentKey.objects.select_for_update().filter(session=session).first()
    if row is None:
        raise ContentKeyLocked(_("Sesi {session} tidak memiliki kunci isi paket.")
                               .format(session=session))
    if row.token_released_at is None:
        raise ContentKeyLocked(_("Kunci isi paket sesi {session} belum dapat dibuka: token "
                                 "sesi belum dirilis oleh proktor.").format(session=session))
    key = packages.unwrap_content_key(bytes(row.wrapped), session=session)
    row.released_count += 1
    row.last_released_at = timezone.now()
    row.save(update_fields=["released_count", "last_released_at"])
    audit_record(actor=actor, action="package.content_key_release", obj=row,
                 summary={"session": session, "count": row.released_count})
    return key


def form_payload(form: TestForm) -> dict:
    """What a package carries: the form, its modules with routing ranges, every item version
    as stored (content with its key: the local server routes stage 2 and scores, D-6; the
    exam client receives items one by one without keys from delivery), stimuli and images."""
    modules, stimuli, media = [], {}, {}
    for module in form.modules.order_by("stage", "min_correct", "pk"):
        entries = module.entries.select_related("version__item", "version__stimulus__image")
        items = []
        for entry in entries.order_by("position"):
            version = entry.version
            items.append({
                "code": version.item.code, "version": version.number,
                "type": version.item_type, "prompt": version.prompt,
                "content": version.content,
                "stimulus": f"{version.stimulus.code}@{version.stimulus.version}"
                if version.stimulus else None,
                "reverse_keyed": version.reverse_keyed,
            })
            stimulus = version.stimulus
            if stimulus is not None:
                key = f"{stimulus.code}@{stimulus.version}"
                stimuli[key] = {"kind": stimulus.kind, "title": stimulus.title,
                                "body": stimulus.body, "table": stimulus.table,
                                "image": stimulus.image.sha256 if stimulus.image else None,
                                "image_alt": stimulus.image_alt}
                if stimulus.image is not None:
                    media[stimulus.image.sha256] = {
                        "media_type": stimulus.image.media_type,
                        "data": base64.b64encode(bytes(stimulus.image.data)).decode("ascii")}
        modules.append({"key": module.key, "stage": module.stage,
                        "difficulty": module.difficulty, "min_correct": module.min_correct,
                        "max_correct": module.max_correct, "items": items})
    return {"form": {"code": form.code, "title": form.title, "bank": form.bank,
                     "design": form.design, "domain": form.domain, "level": form.level,
                     "respondent": form.respondent},
            "modules": modules, "stimuli": stimuli, "media": media}


@transaction.atomic
def session_package_build(*, actor, form: TestForm, session: str) -> bytes:
    """The signed package of a locked form or panel, encrypted under the session's key."""
    _require_builder(actor)
    form = TestForm.objects.get(pk=form.pk)
    if form.status != FormStatus.LOCKED:
        raise ValidationError(_("Paket {code} belum dikunci untuk pelaksanaan; kunci dulu "
                                "sebelum membuat paket terenkripsi.").format(code=form.code))
    key = session_content_key(actor=actor, session=session)
    data = packages.seal_package(form_payload(form), content_key=key,
                                 kind=PACKAGE_KIND[form.design], ref=form.code,
                                 session=_check_session(session))
    audit_record(actor=actor, action="package.build", obj=form,
                 summary={"code": form.code, "session": session, "bytes": len(data)})
    return data

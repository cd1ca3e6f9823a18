"""Records of QTI imports and of sessions' content keys (D-7). Imported by items/models.py so
Django finds them; kept apart from the item bank's models on purpose (one module per issue
half)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QtiImport(models.Model):
    """One imported QTI file: who, what, and what it made. A form's items arrive as drafts, so
    the form's modules are filled from `layout` once its items are approved."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    items = models.JSONField(default=list)  # item codes, in package order
    stimuli = models.JSONField(default=list)  # stimulus codes created or reused
    forms = models.JSONField(default=list)  # form codes
    # form code → module key ("stage1", "stage2-easy") → item codes in order.
    layout = models.JSONField(default=dict)
    filled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class SessionContentKey(models.Model):
    """The content key of one session's packages, stored wrapped under the server's wrap key
    (anbk.items.packages.wrap_content_key). `session` is the scheduling session's reference;
    the delivery issue sets `token_released_at` when the proctor releases the token (D-3), and
    only then does release_content_key hand the key out."""

    session = models.CharField(_("sesi"), max_length=64, unique=True)
    key_id = models.CharField(max_length=16)
    wrapped = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    token_released_at = models.DateTimeField(_("token dirilis"), null=True, blank=True)
    released_count = models.PositiveIntegerField(default=0)
    last_released_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.session} ({self.key_id})"

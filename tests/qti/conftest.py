import pytest

from anbk.items import keys


@pytest.fixture
def keyring(settings, tmp_path, db):
    """A fresh key folder with one active signing key (D-7)."""
    settings.PRIVATE_ROOT = tmp_path / "private"
    keys.signing_key_create()
    return tmp_path / "private" / "keys"

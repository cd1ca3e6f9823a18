"""Session packages (D-7): a locked form's package is signed and encrypted under the
session's content key, which is released only after the session's token is released."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anbk.core.models import AuditEntry
from anbk.items import package_services, packages, services
from anbk.items.package_models import SessionContentKey
from tests.qti.helpers import bank_with_forms

SESSION = "2026-11-03-SD-1"


@pytest.fixture
def locked_panel(world, keyring):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    services.form_mark_ready(actor=world.item_reviewer, form=made["panel"])
    return services.form_lock(actor=world.item_reviewer, form=made["panel"])


def test_the_key_is_refused_until_the_token_is_released(world, locked_panel):
    data = package_services.session_package_build(actor=world.item_reviewer,
                                                  form=locked_panel, session=SESSION)
    with pytest.raises(package_services.ContentKeyLocked, match="token sesi belum dirilis"):
        package_services.release_content_key(actor=None, session=SESSION)
    package_services.session_token_released(actor=None, session=SESSION)
    key = package_services.release_content_key(actor=None, session=SESSION)
    header, payload = packages.open_package(data, content_key=key)
    assert (header.kind, header.ref, header.session) == ("panel", "NUM-SD-MST", SESSION)
    assert [m["key"] for m in payload["modules"]] == ["stage1", "stage2-easy", "stage2-hard"]
    assert [i["code"] for i in payload["modules"][0]["items"]] == ["NUM-PG", "NUM-PGK"]
    assert payload["modules"][2]["min_correct"] == 2
    assert len(payload["media"]) == 1 and "STM-GAMBAR@1" in payload["stimuli"]
    row = SessionContentKey.objects.get(session=SESSION)
    assert row.released_count == 1 and key not in bytes(row.wrapped)
    assert AuditEntry.objects.filter(action="package.content_key_release").count() == 1


def test_every_package_of_a_session_shares_its_key_and_other_sessions_do_not(
        world, locked_panel):
    one = package_services.session_package_build(actor=None, form=locked_panel, session="A")
    two = package_services.session_package_build(actor=None, form=locked_panel, session="A")
    other = package_services.session_package_build(actor=None, form=locked_panel, session="B")
    package_services.session_token_released(actor=None, session="A")
    key = package_services.release_content_key(actor=None, session="A")
    assert packages.open_package(one, content_key=key)[1] == packages.open_package(
        two, content_key=key)[1]
    with pytest.raises(packages.PackageWrongKey):
        packages.open_package(other, content_key=key)


def test_an_unknown_session_has_no_key(world, keyring):
    with pytest.raises(package_services.ContentKeyLocked):
        package_services.release_content_key(actor=None, session="TIDAK-ADA")
    with pytest.raises(ValidationError):
        package_services.session_token_released(actor=None, session="TIDAK-ADA")


def test_only_a_locked_form_is_packaged(world, keyring):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    with pytest.raises(ValidationError, match="belum dikunci"):
        package_services.session_package_build(actor=None, form=made["form"], session=SESSION)
    assert not SessionContentKey.objects.exists()


def test_only_reviewers_or_the_system_build_packages(world, locked_panel):
    for person in (world.item_author, world.centre, world.proctor):
        with pytest.raises(PermissionDenied):
            package_services.session_package_build(actor=person, form=locked_panel,
                                                   session=SESSION)


def test_a_session_reference_is_required(world, locked_panel):
    with pytest.raises(ValidationError):
        package_services.session_package_build(actor=None, form=locked_panel, session=" ")

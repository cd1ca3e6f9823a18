"""The login-account page of a school (J-7): issue educator logins, revoke a password."""

from django.urls import reverse

from anbk.scheduling.credentials import derive_password, verify_login
from anbk.scheduling.models import Credential
from anbk.scheduling.services import credentials_issue_participants


def test_the_operator_issues_educator_logins_and_revokes_a_card(client, world):  # rule J-7
    participant = credentials_issue_participants(actor=world.operator, school=world.sd,
                                                 students=[world.student])[0]
    client.force_login(world.operator)
    page = reverse("scheduling:credential_list", args=[world.sd.npsn])
    issued = client.post(reverse("scheduling:credentials_issue_educators",
                                 args=[world.sd.npsn]), follow=True)
    body = issued.content.decode()
    assert "1 akun login pendidik" in body
    assert "G20200001001" in body and "Dewi Lestari" in body and "P0111111111" in body
    old = derive_password(participant.username, 1)
    assert old not in body  # the list shows no password; only the printed card does
    revoked = client.post(reverse("scheduling:credential_revoke", args=[participant.pk]))
    assert revoked.status_code == 302 and revoked["Location"] == page
    assert verify_login(participant.username, old) is None
    assert Credential.objects.get(pk=participant.pk).version == 2


def test_a_get_does_not_issue_or_revoke(client, world):
    participant = credentials_issue_participants(actor=world.operator, school=world.sd,
                                                 students=[world.student])[0]
    client.force_login(world.operator)
    assert client.get(reverse("scheduling:credentials_issue_educators",
                              args=[world.sd.npsn])).status_code == 405
    assert client.get(reverse("scheduling:credential_revoke",
                              args=[participant.pk])).status_code == 405
    assert Credential.objects.get().version == 1


def test_an_outsider_sees_no_login_of_ours(client, world):
    credentials_issue_participants(actor=world.operator, school=world.sd,
                                   students=[world.student])
    client.force_login(world.operator_outsider)
    own = client.get(reverse("scheduling:credential_list", args=[world.sd_jateng.npsn]))
    assert own.status_code == 200 and "P0111111111" not in own.content.decode()
    assert client.get(reverse("scheduling:credential_list",
                              args=[world.sd.npsn])).status_code == 404

"""The demonstration bank (issue 6) through QTI: every demo form and panel exports valid QTI,
and export → import → export gives the same bytes for every one of them."""

import io
import zipfile

from anbk.items.demo import load_demo
from anbk.items.models import Item, ItemVersion, Stimulus, TestForm, VersionStatus
from anbk.items.qti import bank
from tests.qti.helpers import approve, upload


def test_every_demo_form_round_trips_byte_for_byte(world):
    load_demo(users={"penulis.soal": world.item_author, "penelaah.soal": world.item_reviewer})
    author = world.item_author
    exported = {form.code: bank.export_form(actor=author, form=form)
                for form in TestForm.objects.order_by("code")}
    assert len(exported) >= 2 and any(b"stage2-" in zipfile.ZipFile(io.BytesIO(data)).read(
        f"tests/{code}.xml") for code, data in exported.items())
    # Another, empty server.
    TestForm.objects.all().delete()
    Item.objects.all().delete()
    Stimulus.objects.all().delete()
    records = [bank.qti_import(actor=author, upload=upload(data, f"{code}.zip"))
               for code, data in exported.items()]
    for version in ItemVersion.objects.filter(status=VersionStatus.DRAFT):
        approve(author, world.item_reviewer, version)
    for record in records:
        bank.qti_import_fill_forms(actor=author, record=record)
    for code, data in exported.items():
        assert bank.export_form(actor=author, form=TestForm.objects.get(code=code)) == data, code

"""The QTI pages in the scoping matrix: the item bank is no region's, and only the centre's
instrument team sees it — authors import, authors and reviewers export (D-7)."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from anbk.items.qti import bank, writer
from tests.matrix import Detail, Page
from tests.qti.helpers import item, upload
from tests.qti.samples import items

BANK = frozenset({"item_author", "item_reviewer"})
AUTHOR = frozenset({"item_author"})


@dataclass(frozen=True)
class VersionDetail(Detail):
    """An item version is named by its item's code and its number."""

    def url_kwargs(self, w, whose: str) -> dict:
        version = getattr(w, self.obj if whose == "ours" else f"{self.obj}_jateng")
        return {"code": version.item.code, "number": version.number}


def _version(code: str):
    def make(world):
        return item(world.item_author, code, "multiple_choice")
    return make


def _form(code: str):
    def make(world):
        from anbk.items import services

        return services.form_create(actor=world.item_author, code=code, title=code,
                                    bank="akm", domain="numerasi", level="SD")
    return make


def _import(code: str):
    def make(world):
        version = item(world.item_author, code, "multiple_choice")
        data = bank.export_versions(actor=world.item_author, versions=[version], identifier="x")
        files = {n.replace(code, "Q" + code): d.replace(code.encode(), b"Q" + code.encode())
                 for n, d in _files(data).items()}
        from anbk.items.qti.writer import zip_files

        return bank.qti_import(actor=world.item_author, upload=upload(zip_files(files),
                                                                       f"{code}.zip"))
    return make


def _files(data: bytes) -> dict[str, bytes]:
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist()}


class _Rewinding(SimpleUploadedFile):
    """A file the matrix may post again and again (the test client reads it once a post)."""

    def read(self, *args):
        self.seek(0)
        return super().read(*args)


def _upload() -> dict:
    survey = items()[-1]
    return {"file": _Rewinding("SK-01.xml", writer.item_xml(survey)),
            "bank": "character_survey", "level": "SD", "aspect": "cooperation"}


MATRIX = {
    "items:qti_home": Page(BANK, lists="qti_import", shows="file_name", sees_ours=BANK,
                           sees_theirs=BANK),
    "items:qti_import": Page(AUTHOR, "post", _upload()),
    "items:qti_import_detail": Detail("qti_import", "pk", BANK, BANK),
    "items:qti_import_fill": Detail("qti_import", "pk", AUTHOR, AUTHOR, method="post"),
    "items:qti_export_item": VersionDetail("qti_version", "", BANK, BANK),
    "items:qti_export_form": Detail("qti_form", "code", BANK, BANK),
}
MAKERS = {
    "qti_import": _import("QTI-MATRIKS-1"),
    "qti_import_jateng": _import("QTI-MATRIKS-2"),
    "qti_version": _version("QTI-VERSI-1"),
    "qti_version_jateng": _version("QTI-VERSI-2"),
    "qti_form": _form("QTI-PAKET-1"),
    "qti_form_jateng": _form("QTI-PAKET-2"),
}

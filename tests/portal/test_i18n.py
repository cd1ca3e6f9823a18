"""Indonesian is the default language; English is selectable with the switcher in the page
header, and every string of the catalogue has an English translation compiled into the .mo."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from anbk.registry.importing import jobs

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def switch_to(client, language, next_url="/"):
    response = client.post(reverse("portal:set_language"),
                           {"language": language, "next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    return response


def test_it_speaks_indonesian_by_default(client, world):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="id">' in page and "Masuk ke Portal ANBK" in page
    client.force_login(world.district)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Beranda" in home and "Peserta Didik" in home


def test_it_switches_to_english_and_back(client, world):
    client.force_login(world.district)
    switch_to(client, "en", reverse("registry:school_list"))
    page = client.get(reverse("registry:school_list")).content.decode()
    assert '<html lang="en">' in page
    assert "Home" in page and "Students" in page and "School name" in page
    assert "Beranda" not in page
    switch_to(client, "id")
    assert "Beranda" in client.get(reverse("portal:home")).content.decode()


def test_service_messages_follow_the_language(client, world):
    switch_to(client, "en", reverse("accounts:login"))
    response = client.post(reverse("accounts:login"),
                           {"username": world.district.username, "password": "salah"})
    assert "Wrong username or password." in response.content.decode()


def test_an_english_browser_still_gets_indonesian(client, world):
    # School computers often run an English Windows: only the switcher changes the language.
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in page.content.decode()


def test_language_code_sets_the_default(client, world, settings):
    settings.LANGUAGE_CODE = "en"
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="id")
    assert '<html lang="en">' in page.content.decode()


def test_an_unknown_language_leaves_indonesian(client, world):
    client.post(reverse("portal:set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="id">' in client.get(reverse("accounts:login")).content.decode()


def _po_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file as {"msgid": …, "msgstr": …} (also msgctxt, msgid_plural,
    msgstr[N]); a fuzzy entry fails, since gettext would not use it."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                assert not (line.startswith("#,") and "fuzzy" in line), block
                continue
            if match := re.fullmatch(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")',
                                     line):
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            entries.append(fields)
    return entries


def _compiled_key(entry: dict, form: int | None = None):
    msgid = entry["msgid"]
    if "msgctxt" in entry:
        msgid = f"{entry['msgctxt']}\x04{msgid}"
    return msgid if form is None else (msgid, form)


def test_every_catalogue_string_is_translated_and_compiled():
    entries = _po_entries(LOCALE / "django.po")
    assert len(entries) > 100
    with open(LOCALE / "django.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog
    untranslated, stale = [], []
    for entry in entries:
        forms = sorted(key for key in entry if key.startswith("msgstr"))
        for key in forms:
            form = int(key[7:-1]) if key != "msgstr" else None
            if not entry[key]:
                untranslated.append(entry["msgid"])
            elif compiled.get(_compiled_key(entry, form)) != entry[key]:
                stale.append(entry["msgid"])
    assert untranslated == [], "run makemessages, then translate these in django.po"
    assert stale == [], "django.mo is older than django.po: run compilemessages"


def _checked_student_import(world):
    """A student import with one good and one bad row, run as the worker runs it: outside
    any request, in the default language."""
    rows = ["NPSN,NISN,Nama,JK,Tempat Lahir,Tanggal Lahir,Tingkat",
            f"{world.sd.npsn},0666666661,Ani Lestari,P,Bandung,17-08-2012,5",
            f"{world.sd.npsn},12345,Budi,L,Bandung,17-08-2012,5"]
    upload = SimpleUploadedFile("siswa.csv", "\n".join(rows).encode())
    with translation.override(settings.LANGUAGE_CODE):
        job = jobs.import_job_create(actor=world.district, kind="students", upload=upload)
        return jobs.import_job_run(job_id=job.pk)


def test_the_import_pages_speak_english(client, world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    client.force_login(world.district)
    switch_to(client, "en", reverse("imports:upload"))
    upload = client.get(reverse("imports:upload")).content.decode()
    assert '<html lang="en">' in upload
    assert "Data import" in upload and "Upload and check" in upload
    assert "CSV or XLSX file" in upload and "Your import history" in upload
    assert "Unggah" not in upload and "Riwayat" not in upload

    job = _checked_student_import(world)
    page = client.get(reverse("imports:job", args=[job.pk])).content.decode()
    assert "1 error found. Nothing was saved." in page
    assert "Errors found, nothing saved" in page  # the status badge
    assert "Download the error list (XLSX)" in page
    assert "Import only the 1 valid row<" in page
    assert "Ditemukan" not in page and "Unduh" not in page

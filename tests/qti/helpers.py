"""Bank content for the QTI tests, made through the item bank's services: stimuli of the
three kinds, an approved item of every type, a fixed form and a multistage panel."""

from django.core.files.uploadedfile import SimpleUploadedFile

from anbk.items import services
from anbk.items.models import Stimulus
from tests.qti.samples import PNG

AKM = {"domain": "numerasi", "level": "SD", "content_area": "number",
       "cognitive_level": "apply", "context": "personal"}
CONTENT = {
    "multiple_choice": {"choices": [{"id": "A", "text": "Rp15.000"},
                                    {"id": "B", "text": "Rp12.500"},
                                    {"id": "C", "text": "Rp10.000"}], "correct": ["B"]},
    "complex_multiple_choice": {"choices": [{"id": "A", "text": "Mangga lebih mahal"},
                                            {"id": "B", "text": "Jeruk lebih mahal"},
                                            {"id": "C", "text": "Selisihnya Rp2.500"}],
                                "correct": ["A", "C"]},
    "matching": {"sources": [{"id": "S1", "text": "Mangga"}, {"id": "S2", "text": "Jeruk"}],
                 "targets": [{"id": "T1", "text": "Rp15.000"}, {"id": "T2", "text": "Rp12.500"}],
                 "pairs": [["S1", "T1"], ["S2", "T2"]]},
    "short_answer": {"accepted": ["6250", "6.250"]},
    "essay": {"rubric": [{"points": 0, "description": "Salah atau kosong"},
                         {"points": 2, "description": "Cara dan hasil benar"}],
              "model_answer": "Ukur jaraknya.\n\nKalikan dengan skala."},
}


def stimuli(author) -> dict[str, Stimulus]:
    image = services.asset_create(actor=author, name="denah.png", data=PNG)
    return {
        "text": services.stimulus_create(
            actor=author, code="STM-TEKS", kind="text", title="Pasar Pagi", domain="numerasi",
            level="SD", body="Ibu pergi ke pasar.\nIa membeli buah.\n\nHarga naik."),
        "table": services.stimulus_create(
            actor=author, code="STM-TABEL", kind="table", title="Harga Buah",
            domain="numerasi", level="SD", body="Harga per kilogram.",
            table=[["Buah", "Harga"], ["Mangga", "15.000"], ["Jeruk", "12.500"]]),
        "image": services.stimulus_create(
            actor=author, code="STM-GAMBAR", kind="image", title="Denah", domain="numerasi",
            level="SD", image=image, image_alt="Denah sekolah"),
    }


def item(author, code: str, item_type: str, stimulus=None, **extra):
    return services.item_create(actor=author, code=code, bank="akm", item_type=item_type,
                                prompt=f"Soal {code}.\nBaca dengan teliti.",
                                content=CONTENT[item_type], stimulus=stimulus, **(AKM | extra))


def approve(author, reviewer, version):
    services.item_submit(actor=author, version=version)
    return services.item_review(actor=reviewer, version=version, approve=True)


def bank_with_forms(author, reviewer):
    """Approved items of the five AKM types on the three stimuli, a survey item, a fixed
    demo form and a demo panel with their modules filled."""
    s = stimuli(author)
    placed = [("NUM-PG", "multiple_choice", s["table"]),
              ("NUM-PGK", "complex_multiple_choice", s["table"]),
              ("NUM-JODOH", "matching", s["text"]), ("NUM-ISIAN", "short_answer", None),
              ("NUM-URAIAN", "essay", s["image"])]
    versions = [approve(author, reviewer, item(author, *row)) for row in placed]
    survey = approve(author, reviewer, services.item_create(
        actor=author, code="SK-GOTONG", bank="character_survey", item_type="scale",
        prompt="Saya membantu teman.", content={"scale": "agreement"}, level="SD",
        aspect="cooperation", reverse_keyed=True))
    form = services.form_create(actor=author, code="NUM-SD-DEMO", title="Numerasi demo",
                                bank="akm", domain="numerasi", level="SD", demo_size=True)
    services.module_set_items(actor=author, module=form.modules.get(), versions=versions)
    panel = services.form_create(actor=author, code="NUM-SD-MST", title="Panel numerasi",
                                 bank="akm", design="multistage", domain="numerasi",
                                 level="SD", demo_size=True, stage2=("easy", "hard"))
    modules = {m.key: m for m in panel.modules.all()}
    services.module_set_items(actor=author, module=modules["stage1"], versions=versions[:2])
    services.module_set_items(actor=author, module=modules["stage2-easy"],
                              versions=versions[2:4])
    services.module_set_items(actor=author, module=modules["stage2-hard"],
                              versions=versions[3:])
    services.panel_set_routes(actor=author, form=panel, ranges={"easy": (0, 1),
                                                                "hard": (2, 2)})
    return {"versions": versions, "survey": survey, "form": form, "panel": panel}


def upload(data: bytes, name: str = "paket.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)

"""Items of every type for the item-bank tests, made through the services."""

from anbk.items import services

CONTENT = {
    "multiple_choice": {"choices": [{"id": "A", "text": "Pagi"}, {"id": "B", "text": "Siang"},
                                    {"id": "C", "text": "Malam"}], "correct": ["A"]},
    "complex_multiple_choice": {
        "choices": [{"id": "A", "text": "Kucing"}, {"id": "B", "text": "Paus"},
                    {"id": "C", "text": "Ayam"}, {"id": "D", "text": "Kambing"}],
        "correct": ["A", "B", "D"]},
    "matching": {"sources": [{"id": "S1", "text": "Padi"}, {"id": "S2", "text": "Kopi"}],
                 "targets": [{"id": "T1", "text": "Sawah"}, {"id": "T2", "text": "Kebun"}],
                 "pairs": [["S1", "T1"], ["S2", "T2"]]},
    "short_answer": {"accepted": ["2,5"]},
    "essay": {"rubric": [{"points": 0, "description": "Tidak menjawab"},
                         {"points": 2, "description": "Alasan lengkap"}],
              "model_answer": "Karena ..."},
}
AKM_TYPES = tuple(CONTENT)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def akm_item(actor, code: str, item_type: str = "multiple_choice", *, domain="numerasi",
             level="SD", **extra):
    area, cognitive = ("number", "apply") if domain == "numerasi" else ("literary", "find")
    fields = {"item_type": item_type, "prompt": f"Pertanyaan {code}",
              "content": CONTENT[item_type], "domain": domain, "level": level,
              "content_area": area, "cognitive_level": cognitive, "context": "personal"}
    return services.item_create(actor=actor, code=code, bank="akm", **(fields | extra))


def approved(author, reviewer, code: str, item_type: str = "multiple_choice", **extra):
    version = akm_item(author, code, item_type, **extra)
    services.item_submit(actor=author, version=version)
    return services.item_review(actor=reviewer, version=version, approve=True)

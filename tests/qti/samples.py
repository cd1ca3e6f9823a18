"""QTI model samples: every item type, the three stimulus kinds, a fixed form and a panel."""

from anbk.items.qti.model import QtiItem, QtiMedia, QtiPackage, QtiSection, QtiStimulus, QtiTest

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def stimuli() -> dict[str, QtiStimulus]:
    return {
        "text": QtiStimulus("STM-TEKS", "Sungai di Kampung Kami", "text",
                            body="Setiap pagi, Rani berjalan ke sungai.\nAirnya jernih.\n\n"
                                 "Kini sungai itu dipenuhi sampah plastik.",
                            metadata={"domain": "literasi", "level": "SD",
                                      "content_area": "literary"}),
        "table": QtiStimulus("STM-TABEL", "Harga Buah di Pasar", "table",
                             body="Tabel berikut menunjukkan harga buah per kilogram.",
                             table=[["Buah", "Harga (Rp)"], ["Mangga", "15.000"],
                                    ["Jeruk", "12.500"]],
                             metadata={"domain": "numerasi", "level": "SD"}),
        "image": QtiStimulus("STM-GAMBAR", "Denah Sekolah", "image", body="Perhatikan denah.",
                             image=QtiMedia("media/0000.png", PNG), image_alt="Denah sekolah",
                             metadata={"domain": "numerasi", "level": "SD"}),
    }


def items() -> list[QtiItem]:
    s = stimuli()
    akm = {"bank": "akm", "domain": "literasi", "level": "SD", "content_area": "literary",
           "cognitive_level": "find", "context": "personal"}
    return [
        QtiItem("LIT-PG-01", "Sungai pilihan ganda", "multiple_choice",
                "Apa yang dilakukan Rani setiap pagi?",
                {"choices": [{"id": "A", "text": "Berjalan ke sungai"},
                             {"id": "B", "text": "Membaca buku"},
                             {"id": "C", "text": "Bermain bola"}], "correct": ["A"]},
                stimulus=s["text"], metadata=akm | {"irt_a": 1.25, "irt_b": -0.5}),
        QtiItem("LIT-PGK-01", "Sungai pilihan ganda kompleks", "complex_multiple_choice",
                "Pilih semua pernyataan yang benar.\nBisa lebih dari satu.",
                {"choices": [{"id": "A", "text": "Air sungai dulu jernih"},
                             {"id": "B", "text": "Sungai kini bersih"},
                             {"id": "C", "text": "Ada sampah plastik"}], "correct": ["A", "C"]},
                stimulus=s["text"], metadata=akm),
        QtiItem("NUM-JODOH-01", "Harga buah menjodohkan", "matching",
                "Jodohkan buah dengan harganya.",
                {"sources": [{"id": "S1", "text": "Mangga"}, {"id": "S2", "text": "Jeruk"}],
                 "targets": [{"id": "T1", "text": "Rp15.000"}, {"id": "T2", "text": "Rp12.500"},
                             {"id": "T3", "text": "Rp10.000"}],
                 "pairs": [["S1", "T1"], ["S2", "T2"]]},
                stimulus=s["table"], metadata={"bank": "akm", "domain": "numerasi",
                                               "level": "SD", "content_area": "number"}),
        QtiItem("NUM-ISIAN-01", "Setengah kilogram jeruk", "short_answer",
                "Berapa rupiah harga setengah kilogram jeruk?",
                {"accepted": ["6250", "6.250", "Rp6.250"]}, stimulus=s["table"],
                metadata={"bank": "akm", "domain": "numerasi", "level": "SD"}),
        QtiItem("NUM-URAIAN-01", "Jarak di denah", "essay",
                "Jelaskan cara menghitung jarak kelas ke kantin.",
                {"rubric": [{"points": 0, "description": "Tidak menjawab atau salah"},
                            {"points": 1, "description": "Cara benar, hasil salah"},
                            {"points": 2, "description": "Cara dan hasil benar"}],
                 "model_answer": "Ukur dengan penggaris.\n\nKalikan dengan skala."},
                stimulus=s["image"], metadata={"bank": "akm", "domain": "numerasi",
                                               "level": "SD"}),
        QtiItem("SK-01", "Kerja sama", "scale", "Saya senang membantu teman yang kesulitan.",
                {"scale": "agreement"},
                metadata={"bank": "character_survey", "level": "SD", "aspect": "cooperation",
                          "reverse_keyed": True}),
    ]


def package() -> QtiPackage:
    all_items = items()
    fixed = QtiTest("AKM-SD-CONTOH", "Paket contoh", [QtiSection("stage1", "Tahap 1",
                                                                 all_items[:5])],
                    metadata={"bank": "akm", "design": "fixed", "domain": "literasi",
                              "level": "SD", "demo_size": True})
    panel = QtiTest("MST-SD-CONTOH", "Panel contoh", [
        QtiSection("stage1", "Tahap 1", all_items[:2]),
        QtiSection("stage2-easy", "Tahap 2 mudah", all_items[2:3], 0, 1),
        QtiSection("stage2-hard", "Tahap 2 sulit", all_items[3:5], 2, 2)],
        metadata={"bank": "akm", "design": "multistage", "domain": "literasi",
                  "level": "SD"})
    return QtiPackage(items=all_items, tests=[fixed, panel])

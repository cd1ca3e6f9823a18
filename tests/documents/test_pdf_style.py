"""The house style every renderer shares (J-5): A4, DejaVu, Indonesian labels, page numbers."""

from reportlab.lib.pagesizes import A4

from anbk.documents import pdf
from tests.pdftext import pdf_pages, pdf_text


def _sample(rows: int) -> bytes:
    story = [
        *pdf.title_block("DAFTAR HADIR PESERTA", "SD Negeri 1 Cibiru", "Tahun 2026"),
        pdf.fields_table([("Nama Sekolah", "SD Negeri 1 Cibiru"), ("Ruang", "Lab 1")]),
        pdf.data_table(["Nama", "NISN"], [[f"Siti Nurhaliza <{i}> & Ñoño", f"{i:010d}"]
                                         for i in range(rows)]),
        pdf.signature_block([("Proktor", "Budi"), ("Pengawas", "")], "Bandung, 1 Mei 2026"),
    ]
    return pdf.render_pdf(story, title="Daftar Hadir")


def test_it_prints_names_with_diacritics_and_markup_characters():
    # rule J-5: names print as written, including <, & and letters outside ASCII
    text = pdf_text(_sample(3))
    assert "Siti Nurhaliza <1> & Ñoño" in text
    assert "DAFTAR HADIR PESERTA" in text
    assert "Bandung, 1 Mei 2026" in text


def test_it_numbers_pages_and_repeats_the_header_row():
    pages = pdf_pages(_sample(120))
    assert len(pages) > 1
    assert "Halaman 1" in pages[0] and f"Halaman {len(pages)}" in pages[-1]
    assert all("NISN" in page for page in pages)


def test_it_uses_a4_and_embeds_dejavu():
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_sample(1)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(A4[0]), round(A4[1]))
    fonts = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVu" in name for name in fonts)
    assert reader.metadata.title == "Daftar Hadir"

"""Read a PDF back as text, so tests check what a reader would see on the page."""

import io

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))

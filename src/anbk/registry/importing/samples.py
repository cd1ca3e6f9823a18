"""Sample import files shipped with the package (also linked from docs/import-formats.md)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SAMPLE_FILES = {"regions": "contoh-wilayah.csv", "schools": "contoh-sekolah.csv",
                "students": "contoh-peserta-didik.csv", "teachers": "contoh-pendidik.csv"}


def sample_path(kind: str) -> Path:
    return DATA_DIR / SAMPLE_FILES[kind]

"""Plain rows for the renderers' tests: names with diacritics and markup characters, long
school names, guests and reserves."""

from anbk.documents.cards import CardRow, SurveyCardRow
from anbk.documents.sheets import Seat, SessionInfo

NAMES = ("Siti Nurhaliza", "Ñoño Çağlar Ōtsuka Đặng Thị Hương", "Budi <Santoso> & Putra",
         "Muhammad Rizky Pratama Wijayakusuma Adinegoro Sastrowardoyo Mangkunegara")


def flat(text: str) -> str:
    """Text without whitespace: a name may wrap onto two lines of a card or a cell."""
    return "".join(text.split())


def card_row(i: int, name: str | None = None, school: str = "SD Negeri 1 Soreang") -> CardRow:
    return CardRow(name=name or NAMES[i % len(NAMES)], nisn=f"{i:010d}",
                   an_number=f"2-26-32-04-0001-{i:04d}-7", school=school,
                   username=f"p26{i:08d}", password="K7RW4MZP",
                   days=("Senin, 6-9-2021 · Sesi 1 · 07.30–09.40",
                         "Selasa, 7-9-2021 · Sesi 1 · 07.30–09.40"),
                   room="Lab Komputer 1 (ID proktor 2604010001)", seat=f"{i % 15 + 1:02d}")


def survey_row(i: int) -> SurveyCardRow:
    return SurveyCardRow(name=f"Drs. Ëndang Sukaésih {i}", role="Kepala Satuan Pendidikan",
                         id_label="NUPTK", id_value=f"{i:016d}", school="SD Negeri 1 Soreang",
                         username=f"g26{i:08d}", password="ABCD2345",
                         window="6–9 September 2021")


def session_info() -> SessionInfo:
    return SessionInfo(school="MI Nurul Huda Ñ", npsn="20212345",
                       region="Kab. Bandung, Jawa Barat",
                       room="Lab Komputer 1 · ID proktor 2604010001",
                       day="Hari 1 · Senin, 6 September 2021", session="Sesi 1 · 08.00–10.35",
                       tests="Literasi Membaca, Survei Karakter", year=2026)


def seats(count: int) -> tuple[Seat, ...]:
    return tuple(Seat(f"{i:02d}", f"2-26-32-04-0001-{i:04d}-7", f"{i:010d}",
                      NAMES[i % len(NAMES)], f"p26{i:08d}", is_reserve=i == count,
                      school="SD Negeri 2 Cibiru" if i == 2 else "")
                 for i in range(1, count + 1))

"""The error list of an import: every problem by row and column, in Indonesian."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

# Past this many, only the count grows: a file that is wrong everywhere would otherwise fill
# memory with a million copies of one message. Bad rows are still all remembered, so
# "import only the valid rows" skips every one of them.
MAX_LISTED_ERRORS = 50_000


@dataclass(frozen=True)
class Problem:
    row: int  # as a spreadsheet shows it; 0 for a problem with the whole file
    column: str  # the header as written in the file, or "" for the whole row/file
    message: str
    value: str = ""

    def text(self) -> str:
        if self.row and self.column:
            return _("Baris %(row)d, kolom %(col)s: %(msg)s") % {
                "row": self.row, "col": self.column, "msg": self.message}
        if self.row:
            return _("Baris %(row)d: %(msg)s") % {"row": self.row, "msg": self.message}
        return self.message

    def as_dict(self) -> dict:
        return asdict(self)


class ErrorLog:
    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.count = 0
        self.bad_rows: set[int] = set()
        self.fatal = False  # a problem with the whole file: no row can be imported

    def add(self, row: int, column: str, message: str, value="") -> None:
        self.count += 1
        if row:
            self.bad_rows.add(row)
        else:
            self.fatal = True
        if len(self.listed) < MAX_LISTED_ERRORS:
            shown = "" if value is None else str(value)
            self.listed.append(Problem(row, column, message, shown[:200]))

    def file_error(self, message: str) -> None:
        self.add(0, "", message)

    def __bool__(self) -> bool:
        return self.count > 0

    def sorted(self) -> list[Problem]:
        return sorted(self.listed, key=lambda e: (e.row, e.column))

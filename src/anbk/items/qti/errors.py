"""Problems found in a QTI file: each names the file, the element and the line."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    element: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return f"{where}: " + (f"<{self.element}> " if self.element else "") + self.message


class QtiError(Exception):
    """The file or package is refused; `problems` lists every reason found. Nothing was
    imported."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def local_name(tag) -> str:
    """'qti-choice-interaction' for '{ns}qti-choice-interaction'."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else str(tag)

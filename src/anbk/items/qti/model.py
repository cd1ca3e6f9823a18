"""What a QTI package carries, as plain data: the reader makes it, the writer reads it.

Text is kept normalised (`normalise`): paragraphs split by a blank line, lines within a
paragraph by a newline, runs of spaces collapsed. That is exactly what the XML can say with
<p> and <br/>, so export → import → export gives the same bytes.
"""

import re
from dataclasses import dataclass, field

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def normalise_line(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> list[list[str]]:
    """Paragraphs, each a list of lines, none empty."""
    result = []
    for block in _BLANK_LINE.split(text.replace("\r\n", "\n")):
        lines = [normalise_line(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            result.append(lines)
    return result


def normalise(text: str) -> str:
    return "\n\n".join("\n".join(lines) for lines in paragraphs(text))


@dataclass
class QtiMedia:
    href: str  # path in the package, e.g. "media/1a2b3c4d5e6f7a8b.png"
    data: bytes


@dataclass
class QtiStimulus:
    identifier: str  # the stimulus code
    title: str
    kind: str  # "text", "table" or "image"
    body: str = ""  # text: the text; table and image: the lead or caption
    table: list[list[str]] = field(default_factory=list)  # the first row is the header
    image: QtiMedia | None = None
    image_alt: str = ""
    metadata: dict = field(default_factory=dict)  # domain, level, content-area
    source: str = ""  # the file it was read from, for error messages


@dataclass
class QtiItem:
    identifier: str  # the item code
    title: str
    item_type: str  # anbk.core.instruments.ItemType value
    prompt: str
    content: dict  # the shape of anbk.items.content for item_type
    stimulus: QtiStimulus | None = None
    metadata: dict = field(default_factory=dict)  # bank and the tags
    source: str = ""


@dataclass
class QtiSection:
    identifier: str  # "stage1" or "stage2-<difficulty>"
    title: str
    items: list[QtiItem]
    min_correct: int | None = None  # stage 2: the number-correct range on stage 1
    max_correct: int | None = None


@dataclass
class QtiTest:
    identifier: str  # the form's code
    title: str
    sections: list[QtiSection]
    metadata: dict = field(default_factory=dict)  # bank, design, domain, level, respondent
    source: str = ""


@dataclass
class QtiPackage:
    items: list[QtiItem] = field(default_factory=list)  # every item, tests' items included
    tests: list[QtiTest] = field(default_factory=list)

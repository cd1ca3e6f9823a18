"""The one renderer of an item as a participant sees it. The author's and reviewer's preview
calls it, and so will the exam client (delivery, online and on the local server): whatever
the preview shows is exactly the exam's markup, and the markup never holds a key, a rubric
or a model answer (D-7: a participant's browser must learn nothing but the question).

The markup is the exam client's contract (docs/items.md): one `<section class="item">` per
item with data-item (code), data-version and data-type; answer inputs are named
`r-<code>` (a select per matching row: `r-<code>-<source id>`); a prefilled response (a
participant resuming after a drop-out, D-4) is shown checked or filled in.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from anbk.core.instruments import SCALES, ItemType
from anbk.items.models import Asset, ItemVersion, Stimulus, StimulusKind

TEMPLATE = "items/exam/item.html"


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by a blank line; single line breaks stay inside one."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _stimulus(stimulus: Stimulus | None, asset_url: Callable[[Asset], str]) -> dict | None:
    if stimulus is None:
        return None
    shown = {"code": stimulus.code, "version": stimulus.version, "title": stimulus.title,
             "kind": stimulus.kind, "paragraphs": paragraphs(stimulus.body)}
    if stimulus.kind == StimulusKind.TABLE:
        shown["header"], shown["rows"] = stimulus.table[0], stimulus.table[1:]
    if stimulus.kind == StimulusKind.IMAGE:
        shown["image_url"], shown["image_alt"] = asset_url(stimulus.image), stimulus.image_alt
    return shown


def _answer(version: ItemVersion, response) -> dict:
    """What the participant sees to answer with, and their response so far (never a key)."""
    content, kind = version.content, ItemType(version.item_type)
    if kind in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE):
        chosen = set(response or ())
        return {"choices": [{"id": c["id"], "text": c["text"], "chosen": c["id"] in chosen}
                            for c in content["choices"]],
                "several": kind == ItemType.COMPLEX_MULTIPLE_CHOICE}
    if kind == ItemType.MATCHING:
        given = {source: target for source, target in (response or ())}
        return {"rows": [{"id": s["id"], "text": s["text"], "chosen": given.get(s["id"], "")}
                         for s in content["sources"]],
                "targets": content["targets"]}
    if kind == ItemType.SCALE:
        labels = SCALES[content["scale"]]
        return {"scale": [{"position": i, "label": label, "chosen": response == i}
                          for i, label in enumerate(labels, start=1)]}
    return {"text": response or ""}


def render_item(version: ItemVersion, *, asset_url: Callable[[Asset], str],
                response=None, number: int | None = None) -> SafeString:
    """The item's exam markup. asset_url maps a stimulus image to where the caller serves
    it (the portal's image view; the exam client's unpacked package)."""
    return render_to_string(TEMPLATE, {
        "code": version.item.code, "version": version.number, "type": version.item_type,
        "number": number, "prompt": paragraphs(version.prompt),
        "stimulus": _stimulus(version.stimulus, asset_url), "answer": _answer(version, response),
        "name": f"r-{version.item.code}",
    })

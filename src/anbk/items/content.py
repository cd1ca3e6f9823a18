"""The content of an item version per type: its shape, checked before anything is stored.

Every shape maps onto one QTI 3.0 interaction (core/instruments.py ITEM_TYPES):

| type | content | QTI 3.0 |
|---|---|---|
| multiple_choice | `choices` [{id, text}], `correct` [one id] | choiceInteraction, max 1 |
| complex_multiple_choice | `choices`, `correct` [≥1 right, ≥1 wrong] | choiceInteraction, max 0 |
| matching | `sources`, `targets` [{id, text}], `pairs` [[s, t]] | matchInteraction |
| short_answer | `accepted` [texts] | textEntryInteraction (string) |
| essay | `rubric` [{points, description}], `model_answer` | extendedTextInteraction |
| scale | `scale` (a key of SCALES) | choiceInteraction, max 1, four choices |

Ids are QTI identifiers (a letter, then letters, digits, `_` or `-`).
"""

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from anbk.core.instruments import SCALES, SHORT_ANSWER_MAX_LENGTH, ItemType

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,31}$")
MAX_OPTIONS = 10


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _options(content: Mapping, field: str, errors: list[str], least: int) -> list[dict]:
    raw = content.get(field)
    if not isinstance(raw, list):
        errors.append(_("Daftar %(field)s tidak ada.") % {"field": field})
        return []
    options, seen = [], set()
    for position, option in enumerate(raw, start=1):
        option = option if isinstance(option, Mapping) else {}
        ident, text = _text(option.get("id")), _text(option.get("text"))
        if not IDENTIFIER.match(ident):
            errors.append(_("%(field)s ke-%(n)s: kode \"%(id)s\" tidak sah.")
                          % {"field": field, "n": position, "id": ident})
        elif ident in seen:
            errors.append(_("%(field)s: kode \"%(id)s\" dipakai dua kali.")
                          % {"field": field, "id": ident})
        if not text:
            errors.append(_("%(field)s ke-%(n)s: teks wajib diisi.")
                          % {"field": field, "n": position})
        seen.add(ident)
        options.append({"id": ident, "text": text})
    if not least <= len(options) <= MAX_OPTIONS:
        errors.append(_("%(field)s harus berisi %(least)s sampai %(most)s pilihan.")
                      % {"field": field, "least": least, "most": MAX_OPTIONS})
    return options


def _ids(value) -> list[str]:
    return [_text(v) for v in value] if isinstance(value, list) else []


def _choice(content: Mapping, errors: list[str], *, several: bool) -> dict:
    choices = _options(content, "choices", errors, 3 if several else 2)
    ids = [c["id"] for c in choices]
    correct = _ids(content.get("correct"))
    if any(c not in ids for c in correct) or len(set(correct)) != len(correct):
        errors.append(_("Kunci jawaban menyebut pilihan yang tidak ada."))
    if several and not 1 <= len(correct) < len(choices):
        errors.append(_("Pilihan ganda kompleks: sedikitnya satu pilihan benar dan satu "
                        "pilihan salah."))
    if not several and len(correct) != 1:
        errors.append(_("Pilihan ganda: tepat satu pilihan benar."))
    return {"choices": choices, "correct": [c for c in ids if c in correct]}


def _matching(content: Mapping, errors: list[str]) -> dict:
    sources = _options(content, "sources", errors, 2)
    targets = _options(content, "targets", errors, 2)
    source_ids, target_ids = {s["id"] for s in sources}, {t["id"] for t in targets}
    if source_ids & target_ids:
        errors.append(_("Kode pernyataan dan kode pasangan harus berbeda."))
    pairs = []
    raw = content.get("pairs")
    for pair in raw if isinstance(raw, list) else []:
        if (not isinstance(pair, list | tuple) or len(pair) != 2 or pair[0] not in source_ids
                or pair[1] not in target_ids):
            errors.append(_("Pasangan %(pair)s tidak sah.") % {"pair": pair})
            continue
        pairs.append([pair[0], pair[1]])
    if len({p[0] for p in pairs}) != len(pairs):
        errors.append(_("Setiap pernyataan dipasangkan dengan paling banyak satu pasangan."))
    if len(pairs) < 2:
        errors.append(_("Menjodohkan: sedikitnya dua pasangan benar."))
    order = [s["id"] for s in sources]
    return {"sources": sources, "targets": targets,
            "pairs": sorted(pairs, key=lambda p: order.index(p[0]))}


def _short_answer(content: Mapping, errors: list[str]) -> dict:
    accepted = [a for a in (_text(a) for a in content.get("accepted") or []) if a]
    if not accepted:
        errors.append(_("Isian singkat: sedikitnya satu jawaban yang diterima."))
    if any(len(a) > SHORT_ANSWER_MAX_LENGTH or "\n" in a for a in accepted):
        errors.append(_("Jawaban isian singkat adalah satu baris, paling panjang %(n)s "
                        "karakter.") % {"n": SHORT_ANSWER_MAX_LENGTH})
    return {"accepted": list(dict.fromkeys(accepted))}


def _essay(content: Mapping, errors: list[str]) -> dict:
    rubric = []
    for level in content.get("rubric") or []:
        level = level if isinstance(level, Mapping) else {}
        points, description = level.get("points"), _text(level.get("description"))
        if not isinstance(points, int) or isinstance(points, bool) or points < 0:
            errors.append(_("Rubrik: skor harus bilangan bulat 0 atau lebih."))
            continue
        if not description:
            errors.append(_("Rubrik: skor %(points)s belum diberi uraian.") % {"points": points})
        rubric.append({"points": points, "description": description})
    scores = [level["points"] for level in rubric]
    if len(rubric) < 2 or 0 not in scores or len(set(scores)) != len(scores):
        errors.append(_("Rubrik uraian: sedikitnya dua tingkat skor berbeda, termasuk skor 0."))
    return {"rubric": sorted(rubric, key=lambda level: level["points"]),
            "model_answer": _text(content.get("model_answer"))}


def _scale(content: Mapping, errors: list[str]) -> dict:
    scale = _text(content.get("scale")) or next(iter(SCALES))
    if scale not in SCALES:
        errors.append(_("Skala \"%(scale)s\" tidak dikenal.") % {"scale": scale})
    return {"scale": scale}


def clean_content(item_type: str, content) -> dict:
    """The content in its stored form (trimmed, ordered), or a ValidationError listing every
    problem (Indonesian)."""
    errors: list[str] = []
    content = content if isinstance(content, Mapping) else {}
    item_type = ItemType(item_type)
    if item_type in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE):
        cleaned = _choice(content, errors,
                          several=item_type == ItemType.COMPLEX_MULTIPLE_CHOICE)
    elif item_type == ItemType.MATCHING:
        cleaned = _matching(content, errors)
    elif item_type == ItemType.SHORT_ANSWER:
        cleaned = _short_answer(content, errors)
    elif item_type == ItemType.ESSAY:
        cleaned = _essay(content, errors)
    else:
        cleaned = _scale(content, errors)
    if errors:
        raise ValidationError({"content": errors})
    return cleaned

"""Authoring forms. An author writes an item's answers as plain lines (choices with "*" for
right ones, "statement | match" pairs, "points | description" rubric levels); the form turns
them into the content document of items/content.py and back. The services check everything
again, so a forged POST gains nothing."""

import string

from django import forms
from django.utils.translation import gettext_lazy as _

from anbk.core.instruments import COGNITIVE_LEVELS, CONTENT, SCALES, Bank, ItemType
from anbk.items.models import (
    ASPECT_CHOICES,
    BANK_CHOICES,
    CONTEXT_CHOICES,
    DIFFICULTY_CHOICES,
    DOMAIN_CHOICES,
    INDEX_CHOICES,
    ITEM_TYPE_CHOICES,
    LEVEL_CHOICES,
    RESPONDENT_CHOICES,
    Design,
    FormStatus,
    StimulusKind,
    VersionStatus,
)

ANY = [("", _("Semua"))]
NONE = [("", "—")]
_DOMAIN_LABELS = dict(DOMAIN_CHOICES)
CONTENT_AREA_CHOICES = [(key, f"{_DOMAIN_LABELS[domain]} · {label}")
                        for domain, areas in CONTENT.items() for key, label in areas.items()]
COGNITIVE_CHOICES = [(key, f"{_DOMAIN_LABELS[domain]} · {label}")
                     for domain, levels in COGNITIVE_LEVELS.items()
                     for key, label in levels.items()]
SCALE_CHOICES = [(key, " / ".join(str(label) for label in labels))
                 for key, labels in SCALES.items()]
_LINES = forms.Textarea(attrs={"rows": 6})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _split(line: str) -> tuple[str, str]:
    left, _bar, right = line.partition("|")
    return left.strip(), right.strip()


def choices_to_text(content: dict) -> str:
    correct = set(content.get("correct", ()))
    return "\n".join(("* " if c["id"] in correct else "") + c["text"]
                     for c in content.get("choices", ()))


def text_to_choices(text: str) -> dict:
    choices, correct = [], []
    for letter, line in zip(string.ascii_uppercase, _lines(text), strict=False):
        if line.startswith("*"):
            correct.append(letter)
            line = line[1:].strip()
        choices.append({"id": letter, "text": line})
    return {"choices": choices, "correct": correct}


def matching_to_text(content: dict) -> tuple[str, str]:
    targets = {t["id"]: t["text"] for t in content.get("targets", ())}
    pairs = dict(content.get("pairs", ()))
    rows = "\n".join(f"{s['text']} | {targets.get(pairs.get(s['id']), '')}".rstrip(" |")
                     for s in content.get("sources", ()))
    used = set(pairs.values())
    extra = "\n".join(text for ident, text in targets.items() if ident not in used)
    return rows, extra


def text_to_matching(rows: str, extra: str) -> dict:
    sources, targets, pairs = [], {}, []
    for number, line in enumerate(_lines(rows), start=1):
        left, right = _split(line)
        sources.append({"id": f"S{number}", "text": left})
        if right:
            targets.setdefault(right, f"T{len(targets) + 1}")
            pairs.append([f"S{number}", targets[right]])
    for line in _lines(extra):
        targets.setdefault(line, f"T{len(targets) + 1}")
    return {"sources": sources, "targets": [{"id": i, "text": t} for t, i in targets.items()],
            "pairs": pairs}


def rubric_to_text(content: dict) -> str:
    return "\n".join(f"{level['points']} | {level['description']}"
                     for level in content.get("rubric", ()))


def text_to_rubric(text: str) -> list[dict]:
    rubric = []
    for line in _lines(text):
        points, description = _split(line)
        rubric.append({"points": int(points) if points.isdigit() else points,
                       "description": description})
    return rubric


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Kode atau pertanyaan"), required=False, max_length=100,
                        widget=forms.SearchInput)
    bank = forms.ChoiceField(label=_("Bank"), required=False, choices=ANY + BANK_CHOICES)
    domain = forms.ChoiceField(label=_("Domain"), required=False, choices=ANY + DOMAIN_CHOICES)
    level = forms.ChoiceField(label=_("Jenjang"), required=False, choices=ANY + LEVEL_CHOICES)
    item_type = forms.ChoiceField(label=_("Bentuk"), required=False,
                                  choices=ANY + ITEM_TYPE_CHOICES)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=ANY + VersionStatus.choices)

    def selector_kwargs(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {"search": data.get("q", ""), **{k: data.get(k, "") for k in (
            "bank", "domain", "level", "item_type", "status")}}


class ItemStartForm(forms.Form):
    bank = forms.ChoiceField(label=_("Bank"), choices=BANK_CHOICES)
    item_type = forms.ChoiceField(label=_("Bentuk soal"), choices=ITEM_TYPE_CHOICES)


# The fields each bank asks for, besides the prompt and the answer.
BANK_FIELDS = {
    Bank.AKM: ("stimulus", "domain", "level", "content_area", "cognitive_level", "context"),
    Bank.PRACTICE: ("stimulus", "domain", "level", "content_area", "cognitive_level",
                    "context"),
    Bank.CHARACTER_SURVEY: ("level", "aspect", "reverse_keyed"),
    Bank.ENVIRONMENT_SURVEY: ("respondent", "level", "index", "reverse_keyed"),
}
# The answer fields each type asks for.
TYPE_FIELDS = {
    ItemType.MULTIPLE_CHOICE: ("choices",),
    ItemType.COMPLEX_MULTIPLE_CHOICE: ("choices",),
    ItemType.MATCHING: ("pairs", "extra_targets"),
    ItemType.SHORT_ANSWER: ("accepted",),
    ItemType.ESSAY: ("rubric", "model_answer"),
    ItemType.SCALE: ("scale",),
}


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Kode soal"), max_length=40,
                           help_text=_("Contoh: NUM-SD-001. Huruf kapital, angka, - dan _."))
    stimulus = forms.ChoiceField(label=_("Stimulus"), required=False)
    prompt = forms.CharField(label=_("Pertanyaan"), widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Pisahkan paragraf dengan satu baris kosong."))
    choices = forms.CharField(
        label=_("Pilihan jawaban"), widget=_LINES, required=False,
        help_text=_("Satu pilihan per baris; awali jawaban benar dengan *."))
    pairs = forms.CharField(
        label=_("Pasangan"), widget=_LINES, required=False,
        help_text=_("Satu baris per pernyataan: pernyataan | pasangan yang benar."))
    extra_targets = forms.CharField(
        label=_("Pasangan pengecoh"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Pilihan pasangan tambahan yang tidak benar, satu per baris."))
    accepted = forms.CharField(
        label=_("Jawaban yang diterima"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Satu per baris. Huruf besar/kecil dan spasi tidak berpengaruh; "
                    "2,5 sama dengan 2.5."))
    rubric = forms.CharField(
        label=_("Rubrik penskoran"), widget=_LINES, required=False,
        help_text=_("Satu baris per tingkat: skor | uraian. Sertakan skor 0."))
    model_answer = forms.CharField(label=_("Contoh jawaban (untuk penilai)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    scale = forms.ChoiceField(label=_("Skala"), choices=SCALE_CHOICES, required=False)
    domain = forms.ChoiceField(label=_("Domain"), choices=NONE + DOMAIN_CHOICES, required=False)
    level = forms.ChoiceField(label=_("Jenjang"), choices=NONE + LEVEL_CHOICES, required=False)
    content_area = forms.ChoiceField(label=_("Konten"), choices=NONE + CONTENT_AREA_CHOICES,
                                     required=False)
    cognitive_level = forms.ChoiceField(label=_("Level kognitif"),
                                        choices=NONE + COGNITIVE_CHOICES, required=False)
    context = forms.ChoiceField(label=_("Konteks"), choices=NONE + CONTEXT_CHOICES,
                                required=False)
    aspect = forms.ChoiceField(label=_("Aspek karakter"), choices=NONE + ASPECT_CHOICES,
                               required=False)
    respondent = forms.ChoiceField(label=_("Responden"), choices=NONE + RESPONDENT_CHOICES,
                                   required=False)
    index = forms.ChoiceField(label=_("Indeks"), choices=NONE + INDEX_CHOICES, required=False)
    reverse_keyed = forms.BooleanField(label=_("Pernyataan terbalik (skor dibalik)"),
                                       required=False)
    updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, bank: str, item_type: str, stimuli=(), creating: bool,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.bank, self.item_type = bank, item_type
        keep = {"prompt", "updated_at"} | set(BANK_FIELDS[Bank(bank)]) | set(
            TYPE_FIELDS[ItemType(item_type)])
        if creating:
            keep.add("code")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "stimulus" in self.fields:
            self.stimuli = {str(s.pk): s for s in stimuli}
            self.fields["stimulus"].choices = NONE + [(pk, str(s)) for pk, s in
                                                      self.stimuli.items()]
        for name in ("choices", "pairs", "accepted", "rubric"):
            if name in self.fields:
                self.fields[name].required = True

    @classmethod
    def initial_from(cls, version) -> dict:
        content = version.content
        rows, extra = matching_to_text(content)
        return {
            "prompt": version.prompt, "stimulus": str(version.stimulus_id or ""),
            "choices": choices_to_text(content), "pairs": rows, "extra_targets": extra,
            "accepted": "\n".join(content.get("accepted", ())),
            "rubric": rubric_to_text(content), "model_answer": content.get("model_answer", ""),
            "scale": content.get("scale", ""), "updated_at": version.updated_at.isoformat(),
            **{name: getattr(version, name) for name in (
                "domain", "level", "content_area", "cognitive_level", "context", "aspect",
                "respondent", "index", "reverse_keyed")},
        }

    def content(self) -> dict:
        data, kind = self.cleaned_data, ItemType(self.item_type)
        if kind in (ItemType.MULTIPLE_CHOICE, ItemType.COMPLEX_MULTIPLE_CHOICE):
            return text_to_choices(data["choices"])
        if kind == ItemType.MATCHING:
            return text_to_matching(data["pairs"], data.get("extra_targets", ""))
        if kind == ItemType.SHORT_ANSWER:
            return {"accepted": _lines(data["accepted"])}
        if kind == ItemType.ESSAY:
            return {"rubric": text_to_rubric(data["rubric"]),
                    "model_answer": data.get("model_answer", "")}
        return {"scale": data.get("scale", "")}

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        fields = {"prompt": data["prompt"], "content": self.content()}
        for name in BANK_FIELDS[Bank(self.bank)]:
            fields[name] = data.get(name)
        if "stimulus" in fields:
            fields["stimulus"] = self.stimuli.get(fields["stimulus"] or "")
        return fields


class ReviewForm(forms.Form):
    notes = forms.CharField(label=_("Catatan penelaah"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Wajib bila soal dikembalikan kepada penulis."))


class StimulusForm(forms.Form):
    code = forms.CharField(label=_("Kode stimulus"), max_length=40)
    kind = forms.ChoiceField(label=_("Jenis"), choices=StimulusKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    domain = forms.ChoiceField(label=_("Domain"), choices=DOMAIN_CHOICES)
    level = forms.ChoiceField(label=_("Jenjang"), choices=LEVEL_CHOICES)
    content_area = forms.ChoiceField(label=_("Konten"), choices=NONE + CONTENT_AREA_CHOICES,
                                     required=False)
    body = forms.CharField(label=_("Teks / keterangan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Pisahkan paragraf dengan satu baris kosong."))
    table = forms.CharField(label=_("Tabel"), required=False, widget=_LINES,
                            help_text=_("Satu baris per baris tabel, sel dipisah |. "
                                        "Baris pertama adalah judul kolom."))
    image = forms.FileField(label=_("Gambar (PNG/JPEG)"), required=False)
    image_alt = forms.CharField(label=_("Teks alternatif gambar"), max_length=300,
                                required=False)
    updated = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # code, domain and level identify a stimulus and stay
            for name in ("code", "domain", "level"):
                del self.fields[name]

    @staticmethod
    def table_text(table: list[list[str]]) -> str:
        return "\n".join(" | ".join(row) for row in table)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["table"] = [[cell.strip() for cell in line.split("|")]
                         for line in _lines(data.get("table", ""))]
        data.pop("updated", None)
        data.pop("image", None)
        return data


class StimulusFilterForm(forms.Form):
    q = forms.CharField(label=_("Kode atau judul"), required=False, max_length=100,
                        widget=forms.SearchInput)
    domain = forms.ChoiceField(label=_("Domain"), required=False, choices=ANY + DOMAIN_CHOICES)
    level = forms.ChoiceField(label=_("Jenjang"), required=False, choices=ANY + LEVEL_CHOICES)

    def selector_kwargs(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {"search": data.get("q", ""), "domain": data.get("domain", ""),
                "level": data.get("level", "")}


class FormFilterForm(forms.Form):
    q = forms.CharField(label=_("Kode atau nama"), required=False, max_length=100,
                        widget=forms.SearchInput)
    bank = forms.ChoiceField(label=_("Bank"), required=False, choices=ANY + BANK_CHOICES)
    design = forms.ChoiceField(label=_("Desain"), required=False, choices=ANY + Design.choices)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=ANY + FormStatus.choices)

    def selector_kwargs(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        return {"search": data.get("q", ""), **{k: data.get(k, "") for k in (
            "bank", "design", "status")}}


class TestFormForm(forms.Form):
    __test__ = False  # not a pytest class, despite the name

    code = forms.CharField(label=_("Kode"), max_length=40)
    title = forms.CharField(label=_("Nama"), max_length=200)
    bank = forms.ChoiceField(label=_("Bank"), choices=BANK_CHOICES)
    design = forms.ChoiceField(label=_("Desain"), choices=Design.choices)
    domain = forms.ChoiceField(label=_("Domain"), choices=NONE + DOMAIN_CHOICES, required=False)
    level = forms.ChoiceField(label=_("Jenjang"), choices=NONE + LEVEL_CHOICES, required=False)
    respondent = forms.ChoiceField(label=_("Responden (SLB)"),
                                   choices=NONE + RESPONDENT_CHOICES, required=False)
    stage2 = forms.MultipleChoiceField(label=_("Modul tahap 2 (panel)"),
                                       choices=DIFFICULTY_CHOICES, required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       initial=[value for value, _label in DIFFICULTY_CHOICES])
    demo_size = forms.BooleanField(
        label=_("Ukuran demo"), required=False,
        help_text=_("Bebas dari jumlah soal AKM (SD 30, SMP/SMA 36); tidak boleh dijadwalkan "
                    "untuk asesmen sungguhan."))


class ModuleItemsForm(forms.Form):
    codes = forms.CharField(label=_("Kode soal, berurutan"), widget=_LINES, required=False,
                            help_text=_("Satu kode per baris; dipakai versi disetujui "
                                        "terbaru."))


def parse_ranges(post, difficulties) -> dict[str, tuple[int, int]] | None:
    """The "min-<difficulty>" and "max-<difficulty>" fields of the routing form; None when
    one is missing or not a whole number."""
    ranges = {}
    for difficulty in difficulties:
        low, high = post.get(f"min-{difficulty}", ""), post.get(f"max-{difficulty}", "")
        if not (low.isdigit() and high.isdigit()):
            return None
        ranges[difficulty] = (int(low), int(high))
    return ranges

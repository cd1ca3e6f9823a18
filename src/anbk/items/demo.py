"""`anbk demo`: the item bank's original demonstration content (data/demo/*.json), written
for this project, loaded through the services as the demo author (penulis.soal) writes and
submits it and the demo reviewer (penelaah.soal) approves it.

Per level (SD, SMP, SMA): Literasi 12 items on 3 stimuli, Numerasi 12 items over the four
content areas, all five types; a fixed form and a multistage panel per domain (demo sizes,
docs/items.md), a practice form per domain, the Survei Karakter and the SLB forms. A few
items stay in other states so the review queue has work: one submitted, one returned.
"""

import json
from pathlib import Path

from django.db import transaction

from anbk.core.instruments import INSTRUMENT_LEVELS, Bank, Domain, Respondent
from anbk.items import services
from anbk.items.forms import text_to_choices, text_to_matching, text_to_rubric
from anbk.items.models import Design, Item, Module

DATA = Path(__file__).parent / "data" / "demo"
AUTHOR, REVIEWER = "penulis.soal", "penelaah.soal"
SHORT = {Domain.LITERASI: "LIT", Domain.NUMERASI: "NUM"}


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def content_of(spec: dict) -> dict:
    """The content document of a compact demo item (the authoring form's line formats)."""
    kind = spec["type"]
    if kind in ("multiple_choice", "complex_multiple_choice"):
        return text_to_choices("\n".join(spec["choices"]))
    if kind == "matching":
        return text_to_matching("\n".join(spec["pairs"]), "\n".join(spec.get("extra", ())))
    if kind == "short_answer":
        return {"accepted": spec["accepted"]}
    if kind == "essay":
        return {"rubric": text_to_rubric("\n".join(spec["rubric"])),
                "model_answer": spec.get("model_answer", "")}
    return {"scale": spec.get("scale", "agreement")}


class _Loader:
    def __init__(self, author, reviewer):
        self.author, self.reviewer = author, reviewer
        self.approved = {}  # code → approved ItemVersion

    def item(self, *, code: str, bank: str, spec: dict, workflow: str = "approved",
             **fields):
        version = services.item_create(actor=self.author, code=code, bank=bank,
                                       item_type=spec["type"], prompt=spec["prompt"],
                                       content=content_of(spec), **fields)
        if workflow == "draft":
            return version
        services.item_submit(actor=self.author, version=version)
        if workflow == "submitted":
            return version
        version = services.item_review(actor=self.reviewer, version=version,
                                       approve=workflow == "approved",
                                       notes=spec.get("notes", ""))
        self.approved[code] = version
        return version

    def form(self, *, code: str, title: str, bank: str, modules: dict[str, list[str]],
             design: str = Design.FIXED, routes: dict | None = None, **scope):
        form = services.form_create(actor=self.author, code=code, title=title, bank=bank,
                                    design=design, demo_size=True,
                                    stage2=[k for k in modules if k != "stage1"], **scope)
        by_key = {m.key: m for m in Module.objects.filter(form=form)}
        for key, codes in modules.items():
            module = by_key["stage1" if key == "stage1" else f"stage2-{key}"]
            services.module_set_items(actor=self.author, module=module,
                                      versions=[self.approved[c] for c in codes])
        if routes:
            services.panel_set_routes(actor=self.author, form=form,
                                      ranges={k: tuple(v) for k, v in routes.items()})
        return services.form_mark_ready(actor=self.reviewer, form=form)

    def akm(self, data: dict) -> None:
        level = data["level"]
        stimuli = {}
        for spec in data["stimuli"]:
            image = None
            if spec["kind"] == "image":
                image = services.asset_create(actor=self.author, name=spec["image"],
                                              data=(DATA / spec["image"]).read_bytes())
            stimuli[spec["code"]] = services.stimulus_create(
                actor=self.author, code=spec["code"], kind=spec["kind"], title=spec["title"],
                domain=spec["domain"], level=level, body=spec.get("body", ""),
                table=spec.get("table"), image=image, image_alt=spec.get("image_alt", ""),
                content_area=spec.get("content_area", ""))
        for spec in data["items"] + data.get("extra_items", []):
            self.item(code=spec["code"], bank=Bank.AKM, spec=spec,
                      workflow=spec.get("workflow", "approved"),
                      stimulus=stimuli.get(spec.get("stimulus")), domain=spec["domain"],
                      level=level, content_area=spec["content_area"],
                      cognitive_level=spec["cognitive_level"], context=spec["context"])
        for domain, panel in data["panels"].items():
            short, label = SHORT[domain], domain.title()
            codes = [s["code"] for s in data["items"] if s["domain"] == domain]
            self.form(code=f"AKM-{level}-{short}", title=f"AKM {label} {level} (demo)",
                      bank=Bank.AKM, domain=domain, level=level, modules={"stage1": codes})
            self.form(code=f"MST-{level}-{short}",
                      title=f"Panel adaptif {label} {level} (demo)", bank=Bank.AKM,
                      design=Design.MULTISTAGE, domain=domain, level=level,
                      routes=panel["routes"],
                      modules={k: panel[k] for k in ("stage1", "easy", "hard")})

    def practice(self, data: dict) -> None:
        for level in INSTRUMENT_LEVELS:
            codes: dict[str, list[str]] = {}
            for spec in data["items"]:
                code = f"LAT-{level}-{spec['code']}"
                self.item(code=code, bank=Bank.PRACTICE, spec=spec, domain=spec["domain"],
                          level=level)
                codes.setdefault(spec["domain"], []).append(code)
            for domain, listed in codes.items():
                self.form(code=f"LAT-{level}-{SHORT[domain]}",
                          title=f"Latihan {domain.title()} {level}", bank=Bank.PRACTICE,
                          domain=domain, level=level, modules={"stage1": listed})

    def surveys(self, data: dict) -> None:
        for level in INSTRUMENT_LEVELS:
            codes = []
            for number, spec in enumerate(data["character"], start=1):
                code = f"SK-{level}-{number:02d}"
                self.item(code=code, bank=Bank.CHARACTER_SURVEY, spec=spec | {"type": "scale"},
                          aspect=spec["aspect"], level=level,
                          reverse_keyed=spec.get("reverse", False))
                codes.append(code)
            self.form(code=f"SK-{level}", title=f"Survei Karakter {level}",
                      bank=Bank.CHARACTER_SURVEY, level=level, modules={"stage1": codes})
        prefixes = {Respondent.STUDENT: "S", Respondent.TEACHER: "G",
                    Respondent.PRINCIPAL: "KS"}
        for respondent, specs in data["environment"].items():
            levels = INSTRUMENT_LEVELS if respondent == Respondent.STUDENT else ("",)
            for level in levels:
                stem = "-".join(p for p in ("SLB", prefixes[respondent], level) if p)
                codes = []
                for number, spec in enumerate(specs, start=1):
                    code = f"{stem}-{number:02d}"
                    self.item(code=code, bank=Bank.ENVIRONMENT_SURVEY,
                              spec=spec | {"type": "scale"}, index=spec["index"],
                              respondent=respondent, level=level,
                              reverse_keyed=spec.get("reverse", False))
                    codes.append(code)
                self.form(code=stem, title=f"Survei Lingkungan Belajar {stem}",
                          bank=Bank.ENVIRONMENT_SURVEY, respondent=respondent, level=level,
                          modules={"stage1": codes})


@transaction.atomic  # one commit, not one per service call: the load stays fast
def load_demo(*, users: dict) -> None:
    """Load the demonstration bank once; a bank that already holds items is left alone."""
    if Item.objects.exists():
        return
    loader = _Loader(users[AUTHOR], users[REVIEWER])
    for level in INSTRUMENT_LEVELS:
        loader.akm(_read(f"akm-{level.lower()}.json"))
    loader.practice(_read("practice.json"))
    loader.surveys(_read("surveys.json"))

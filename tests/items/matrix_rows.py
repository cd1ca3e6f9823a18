"""The item bank in the scoping matrix and the permission table: only the centre's
instrument team (penulis soal, penelaah soal) sees items; not even the centre admin (D-7,
docs/decisions/0012-item-bank-access-and-versions.md). Items belong to no region, so "ours"
and "theirs" are two objects the team sees alike and everyone else never."""

from anbk.accounts.models import Role
from anbk.items import services
from tests.items.helpers import PNG, akm_item
from tests.matrix import Detail, Page

TEAM = frozenset({"item_author", "item_reviewer"})
AUTHOR = frozenset({"item_author"})
REVIEWER = frozenset({"item_reviewer"})


def _detail(obj: str, key: str, who=TEAM, **extra) -> Detail:
    return Detail(obj, key, who, who, **extra)


MATRIX = {
    "items:item_list": Page(TEAM, lists="item_version", shows="code", sees_ours=TEAM,
                            sees_theirs=TEAM),
    "items:item_create": Page(AUTHOR, data={"bank": "akm", "item_type": "essay"}),
    "items:review_queue": Page(TEAM),
    "items:item_detail": _detail("item_version", "pk"),
    "items:item_edit": _detail("item_version", "pk", AUTHOR),
    "items:item_preview": _detail("item_version", "pk"),
    "items:item_submit": _detail("item_version", "pk", AUTHOR, method="post"),
    "items:item_review": _detail("item_version", "pk", REVIEWER, method="post",
                                 data={"decision": "approve"}),
    "items:stimulus_list": Page(TEAM, lists="stimulus", shows="code", sees_ours=TEAM,
                                sees_theirs=TEAM),
    "items:stimulus_create": Page(AUTHOR),
    "items:stimulus_detail": _detail("stimulus", "pk"),
    "items:stimulus_edit": _detail("stimulus", "pk", AUTHOR),
    "items:asset": _detail("asset", "pk"),
    "items:form_list": Page(TEAM, lists="test_form", shows="code", sees_ours=TEAM,
                            sees_theirs=TEAM),
    "items:form_create": Page(AUTHOR),
    "items:form_detail": _detail("test_form", "code"),
    "items:panel_routes": _detail("test_form", "code", AUTHOR, method="post",
                                  data={"min-easy": "0", "max-easy": "1", "min-hard": "2",
                                        "max-hard": "3"}),
    "items:form_ready": _detail("test_form", "code", REVIEWER, method="post"),
    "items:form_reopen": _detail("test_form", "code", REVIEWER, method="post"),
    "items:form_lock": _detail("test_form", "code", REVIEWER, method="post"),
    "items:module_items": _detail("module", "pk", AUTHOR, method="post", data={"codes": ""}),
}


def _stimulus(world, code):
    return services.stimulus_create(actor=world.item_author, code=code, kind="text",
                                    title=f"Teks {code}", domain="literasi", level="SD",
                                    body="Satu paragraf.")


def _form(world, code):
    return services.form_create(actor=world.item_author, code=code, title=code, bank="akm",
                                design="multistage", domain="numerasi", level="SD",
                                demo_size=True, stage2=("easy", "hard"))


MAKERS = {
    "item_version": lambda world: akm_item(world.item_author, "N-OURS"),
    "item_version_jateng": lambda world: akm_item(world.item_author, "N-THEIRS"),
    "stimulus": lambda world: _stimulus(world, "S-OURS"),
    "stimulus_jateng": lambda world: _stimulus(world, "S-THEIRS"),
    "asset": lambda world: services.asset_create(actor=world.item_author, name="a.png",
                                                 data=PNG),
    "asset_jateng": lambda world: services.asset_create(actor=world.item_author, name="b.png",
                                                        data=PNG),
    "test_form": lambda world: _form(world, "P-OURS"),
    "test_form_jateng": lambda world: _form(world, "P-THEIRS"),
    "module": lambda world: _form(world, "P-MOD").modules.get(stage="1"),
    "module_jateng": lambda world: _form(world, "P-MOD-X").modules.get(stage="1"),
}

WHO = {
    "items.view_bank": {Role.ITEM_AUTHOR, Role.ITEM_REVIEWER},
    "items.author_items": {Role.ITEM_AUTHOR},
    "items.review_items": {Role.ITEM_REVIEWER},
}

"""The demonstration bank (issue 6): original content per level, every type, stimuli shared,
the surveys' tags (R-4, R-5), ready forms and one panel per domain, each key earning full
credit on its own item."""

from django.db.models import Count

from anbk.core.instruments import (
    CHARACTER_ASPECTS,
    CONTENT,
    ENVIRONMENT_INDICES,
    INSTRUMENT_LEVELS,
    ItemType,
)
from anbk.items.demo import load_demo
from anbk.items.models import FormStatus, Item, ItemVersion, Stimulus, TestForm, VersionStatus
from anbk.items.render import render_item
from anbk.items.routing import Route, route
from anbk.items.scoring import score_response


def _users(world) -> dict:
    return {"penulis.soal": world.item_author, "penelaah.soal": world.item_reviewer}


def test_the_demo_bank(world):
    """Loaded once (a full load takes seconds), then every property of the issue's list is
    checked on it; loading again changes nothing."""
    load_demo(users=_users(world))
    bank = ItemVersion.objects.select_related("item", "stimulus")
    _each_level_has_literasi_on_three_stimuli_and_numerasi_over_four_areas(bank)
    _surveys_cover_every_aspect_and_index(bank)
    _practice_and_forms_are_ready_with_one_panel_per_domain(bank)
    _the_review_queue_has_work(bank)
    _every_key_earns_full_credit_and_every_item_renders(bank)
    before = Item.objects.count()
    load_demo(users=_users(world))
    assert Item.objects.count() == before


def _each_level_has_literasi_on_three_stimuli_and_numerasi_over_four_areas(bank):
    for level in INSTRUMENT_LEVELS:
        akm = bank.filter(item__bank="akm", level=level, status=VersionStatus.APPROVED)
        literasi = akm.filter(domain="literasi")
        assert literasi.count() == 12
        assert literasi.values("stimulus").distinct().count() == 3
        assert set(literasi.values_list("content_area", flat=True)) == {"literary",
                                                                        "informational"}
        numerasi = akm.filter(domain="numerasi")
        assert numerasi.count() == 12
        assert set(numerasi.values_list("content_area", flat=True)) == set(CONTENT["numerasi"])
        assert set(akm.values_list("item_type", flat=True)) == set(ItemType) - {"scale"}
        kinds = set(Stimulus.objects.filter(level=level).values_list("kind", flat=True))
        assert kinds == {"text", "table", "image"}


def _surveys_cover_every_aspect_and_index(bank):  # rules
    for level in INSTRUMENT_LEVELS:
        character = bank.filter(item__bank="character_survey", level=level)
        assert character.count() == 12
        assert set(character.values_list("aspect", flat=True)) == set(CHARACTER_ASPECTS)
        assert character.filter(reverse_keyed=True).exists()
    environment = bank.filter(item__bank="environment_survey")
    per_respondent = dict(environment.filter(level__in=["", "SD"]).values_list("respondent")
                          .annotate(n=Count("id")))
    assert per_respondent == {"student": 10, "teacher": 10, "principal": 10}
    for respondent in ("student", "teacher", "principal"):
        mine = environment.filter(respondent=respondent)
        assert set(mine.values_list("index", flat=True)) == set(ENVIRONMENT_INDICES)
        assert mine.filter(reverse_keyed=True).exists()


def _practice_and_forms_are_ready_with_one_panel_per_domain(bank):
    assert bank.filter(item__bank="practice", level="SD").count() == 5
    assert not TestForm.objects.exclude(status=FormStatus.READY).exists()
    for level in INSTRUMENT_LEVELS:
        panels = TestForm.objects.filter(design="multistage", level=level)
        assert sorted(panels.values_list("domain", flat=True)) == ["literasi", "numerasi"]
    panel = TestForm.objects.get(code="MST-SD-NUM")
    routes = [Route(m.key, m.min_correct, m.max_correct)
              for m in panel.modules.filter(stage="2")]
    assert route(0, routes) == "stage2-easy" and route(4, routes) == "stage2-hard"


def _the_review_queue_has_work(bank):
    assert bank.filter(status=VersionStatus.SUBMITTED).count() == 1
    assert bank.filter(status=VersionStatus.RETURNED).exclude(review_notes="").count() == 1


def _key_response(version):
    content = version.content
    if version.item_type in ("multiple_choice", "complex_multiple_choice"):
        return content["correct"]
    if version.item_type == "matching":
        return content["pairs"]
    if version.item_type == "short_answer":
        return content["accepted"][0]
    return 4


def _every_key_earns_full_credit_and_every_item_renders(bank):
    for version in bank.exclude(item_type="essay"):
        score = score_response(version.item_type, version.content, _key_response(version))
        assert score.full, version
    for version in bank:
        html = render_item(version, asset_url=lambda asset: f"/a/{asset.pk}")
        assert version.item.code in html

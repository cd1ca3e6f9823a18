"""Multistage routing (AKM's adaptive design): after the stage-1 module, the number of its
items answered fully right picks the stage-2 module whose range holds it. Pure functions:
delivery calls `route` online and on the local server alike; `route_problems` checks a
panel's ranges before it may be marked ready.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from anbk.items.scoring import Score


@dataclass(frozen=True)
class Route:
    module: str  # Module.key
    min_correct: int
    max_correct: int


def number_correct(scores: Iterable[Score]) -> int:
    """Items of the routing module with full credit. Partial credit does not count: the
    rule stays a count of right answers, which proctors and reports can explain."""
    return sum(1 for score in scores if score.full)


def route_problems(routes: Sequence[Route], routing_items: int) -> list[str]:
    """Every way the ranges fail to send each possible stage-1 result (0…routing_items) to
    exactly one stage-2 module (Indonesian messages); empty when they do."""
    problems = []
    if len(routes) < 2:
        problems.append(_("Panel adaptif memerlukan sedikitnya dua modul tahap 2."))
    for r in routes:
        if r.min_correct > r.max_correct:
            problems.append(_("Modul %(m)s: batas bawah %(lo)s melebihi batas atas %(hi)s.")
                            % {"m": r.module, "lo": r.min_correct, "hi": r.max_correct})
    for correct in range(routing_items + 1):
        hits = [r.module for r in routes if r.min_correct <= correct <= r.max_correct]
        if not hits:
            problems.append(_("Peserta dengan %(n)s jawaban benar di tahap 1 tidak mendapat "
                              "modul tahap 2.") % {"n": correct})
        elif len(hits) > 1:
            problems.append(_("Peserta dengan %(n)s jawaban benar di tahap 1 cocok dengan "
                              "beberapa modul: %(m)s.") % {"n": correct, "m": ", ".join(hits)})
    beyond = [r.module for r in routes if r.max_correct > routing_items]
    if beyond:
        problems.append(_("Batas atas melebihi jumlah soal tahap 1 (%(n)s): %(m)s.")
                        % {"n": routing_items, "m": ", ".join(beyond)})
    return problems


def route(correct: int, routes: Sequence[Route]) -> str:
    """The stage-2 module for a number-correct. Ranges checked by route_problems never fail
    here; a broken panel raises rather than guess a module."""
    hits = [r.module for r in routes if r.min_correct <= correct <= r.max_correct]
    if len(hits) != 1:
        raise ValueError(f"number-correct {correct} routes to {hits or 'nothing'}")
    return hits[0]


def even_routes(modules: Sequence[str], routing_items: int) -> list[Route]:
    """Ranges that split 0…routing_items into consecutive bands, one per module from the
    easiest: the default an author starts from."""
    count = len(modules)
    bounds = [round(i * (routing_items + 1) / count) for i in range(count + 1)]
    return [Route(m, bounds[i], bounds[i + 1] - 1) for i, m in enumerate(modules)]

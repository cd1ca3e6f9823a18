"""Item scoring benchmark: N responses through the pure scoring keys of items/scoring.py vs. a
baseline that only compares each response with its key (exact equality, no partial credit,
no normalisation), on the same responses.

    .venv/bin/python benchmarks/bench_scoring.py --responses 1000000

The responses are a fixed mix over the five AKM types (as in a form: 40% multiple choice,
15% complex multiple choice, 15% matching, 20% short answer, 10% essay, which is not
auto-scored and only dispatched), about half of them right, drawn with a fixed seed. The
figure that matters is responses per second per core: national scoring is ~60 million
responses (two million participants × 30 items).
"""

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")

from anbk.items.scoring import score_response  # noqa: E402

SEED = 2021
CHOICES = {"choices": [{"id": c, "text": c} for c in "ABCD"], "correct": ["C"]}
COMPLEX = {"choices": [{"id": c, "text": c} for c in "ABCDE"], "correct": ["A", "C", "D"]}
MATCHING = {"sources": [{"id": f"S{i}", "text": ""} for i in range(1, 5)],
            "targets": [{"id": f"T{i}", "text": ""} for i in range(1, 5)],
            "pairs": [["S1", "T1"], ["S2", "T2"], ["S3", "T3"], ["S4", "T4"]]}
SHORT = {"accepted": ["2,5", "dua setengah"]}
ESSAY = {"rubric": [{"points": 0, "description": ""}, {"points": 2, "description": ""}]}


def responses(count: int, rng: random.Random) -> list[tuple[str, dict, object]]:
    made = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.40:
            made.append(("multiple_choice", CHOICES, [rng.choice("ABCD")]))
        elif roll < 0.55:
            made.append(("complex_multiple_choice", COMPLEX,
                         [c for c in "ABCDE" if rng.random() < 0.5]))
        elif roll < 0.70:
            made.append(("matching", MATCHING,
                         [[f"S{i}", f"T{rng.choice((i, i, (i % 4) + 1))}"] for i in range(1, 5)]))
        elif roll < 0.90:
            made.append(("short_answer", SHORT,
                         rng.choice(["2,5", " 2.5 ", "2,50", "Dua Setengah", "25", "3"])))
        else:
            made.append(("essay", ESSAY, "jawaban uraian"))
    return made


def baseline_key(item_type: str, content: dict):
    if item_type in ("multiple_choice", "complex_multiple_choice"):
        return sorted(content["correct"])
    if item_type == "matching":
        return sorted(map(tuple, content["pairs"]))
    if item_type == "short_answer":
        return content["accepted"]
    return None


def baseline(item_type: str, content: dict, response) -> int:
    key = baseline_key(item_type, content)
    if item_type in ("multiple_choice", "complex_multiple_choice"):
        return int(sorted(response) == key)
    if item_type == "matching":
        return int(sorted(map(tuple, response)) == key)
    if item_type == "short_answer":
        return int(response in key)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=200_000)
    args = parser.parse_args()
    data = responses(args.responses, random.Random(SEED))
    print(f"{args.responses:,} responses; {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} cores")

    # CPU time is the steadier figure on a shared machine; wall time is printed beside it.
    wall, cpu = time.perf_counter(), time.process_time()
    full = sum(1 for t, c, r in data if score_response(t, c, r).full)
    ours = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    exact = sum(baseline(t, c, r) for t, c, r in data)
    base = (time.perf_counter() - wall, time.process_time() - cpu)
    for label, (w, c), count in (("scoring keys", ours, f"{full:,} full credit"),
                                 ("baseline (exact equality)", base, f"{exact:,} exact")):
        print(f"{label}: wall {w:.2f} s, CPU {c:.2f} s, {args.responses / c:,.0f} "
              f"responses per CPU second ({count})")
    print(f"ratio (CPU): {ours[1] / base[1]:.1f}× the baseline's time")


if __name__ == "__main__":
    main()

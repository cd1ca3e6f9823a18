"""Package and QTI benchmark (issue 6, D-7): sealing and opening signed, encrypted test
packages, and QTI 3.0 export and import, each beside a baseline that does the same
serialisation without the crypto (packages) or without XML and schema validation (QTI).

    .venv/bin/python benchmarks/bench_packages.py --items 36 --packages 200
    .venv/bin/python benchmarks/bench_packages.py --items 36 --packages 2000 --qti-items 600

Packages: a panel-sized payload (`--items` items with prompts, choices and a 150 KB image as
base64) sealed for `--packages` sessions (every session gets its own content key, as in
delivery), then every package verified and opened. Baseline: canonical JSON + zlib of the
same payload, no encryption or signature. QTI: `--qti-items` items of the six types on shared
stimuli written as one content package (zip) and read back with every check (safe parsing,
schema validation, conversion); baseline: the same items through json.dumps/json.loads.
"""

import argparse
import base64
import json
import os
import platform
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.qti.samples


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anbk.settings")
    os.environ.setdefault("ANBK_VAR_DIR", tempfile.mkdtemp(prefix="anbk-bench-"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)  # key changes are audited


def panel_payload(items: int) -> dict:
    image = os.urandom(150 * 1024)  # images do not compress; text does
    return {
        "form": {"code": "NUM-SMP-MST", "design": "multistage"},
        "modules": [{"key": "stage1", "items": [
            {"code": f"NUM-{n:03}", "type": "multiple_choice",
             "prompt": f"Sebuah toko menjual {n} buku dengan harga Rp{n * 1500:,}. " * 4,
             "content": {"choices": [{"id": c, "text": f"Pilihan {c} untuk soal {n}"}
                                     for c in "ABCD"], "correct": ["B"]}}
            for n in range(items)]}],
        "media": {"denah": base64.b64encode(image).decode("ascii")},
    }


def timed(label: str, fn, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<44} {repeat:>6} × in {seconds:8.3f} s  ({seconds / repeat * 1000:8.3f} ms "
          "each)", flush=True)
    return seconds


def bench_packages(items: int, count: int) -> None:
    from anbk.items import keys, packages

    keys.signing_key_create()
    payload = panel_payload(items)
    signer, trusted = keys.active_signer(), keys.public_keys()
    content_keys = [packages.new_content_key() for _ in range(count)]
    sealed = []
    size = len(packages.canonical_json(payload))
    print(f"packages: payload {size / 1024:.0f} KB ({items} items + 150 KB image), "
          f"{count} sessions")
    seal = timed("seal (JSON, zlib, AES-256-GCM, Ed25519)",
                 lambda: sealed.append(packages.seal_package(
                     payload, content_key=content_keys[len(sealed)], kind="panel",
                     ref="NUM-SMP-MST", session=f"S{len(sealed)}", signer=signer)), count)
    opened = iter(range(count))
    open_ = timed("verify + open",
                  lambda: packages.open_package(sealed[(i := next(opened))],
                                                content_key=content_keys[i], trusted=trusted),
                  count)
    verified = iter(range(count))
    timed("verify only (sync, no key)",
          lambda: packages.verify_package(sealed[next(verified)], trusted=trusted), count)
    base_data = []
    base = timed("baseline: canonical JSON + zlib",
                 lambda: base_data.append(zlib.compress(packages.canonical_json(payload), 9)),
                 count)
    base_open = timed("baseline: inflate + JSON parse",
                      lambda: json.loads(zlib.decompress(base_data[0])), count)
    print(f"  package size {len(sealed[0]) / 1024:.0f} KB (baseline {len(base_data[0]) / 1024:.0f}"
          f" KB); seal/baseline {seal / base:.2f}×, open/baseline {open_ / base_open:.2f}×")


def bench_qti(count: int) -> None:
    import dataclasses

    from anbk.items.qti import reader, writer
    from anbk.items.qti.model import QtiPackage
    from tests.qti.samples import items as sample_items

    originals = sample_items()
    made = []
    for n in range(count):
        template = originals[n % len(originals)]
        made.append(dataclasses.replace(template, identifier=f"{template.identifier}-{n:04}"))
    package = QtiPackage(items=made)
    print(f"qti: {count} items (six types, three shared stimuli)")
    data = []
    write = timed("export: XML + zip", lambda: data.append(
        writer.build_package(package, identifier="bench")), 1)
    files = {}

    def read():
        import io
        import zipfile

        archive = zipfile.ZipFile(io.BytesIO(data[0]))
        files.update({n: archive.read(n) for n in archive.namelist()})
        reader.read_package(files)

    read_s = timed("import: safe parse + schema + convert", read, 1)
    plain = [dataclasses.asdict(i) for i in made]
    for entry in plain:
        if entry["stimulus"] and entry["stimulus"]["image"]:
            entry["stimulus"]["image"]["data"] = entry["stimulus"]["image"]["data"].hex()
    dumped = []
    base_w = timed("baseline: json.dumps", lambda: dumped.append(json.dumps(plain)), 1)
    base_r = timed("baseline: json.loads", lambda: json.loads(dumped[0]), 1)
    print(f"  zip {len(data[0]) / 1024:.0f} KB; export/baseline {write / base_w:.0f}×, "
          f"import/baseline {read_s / base_r:.0f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=36, help="items in the panel payload")
    parser.add_argument("--packages", type=int, default=200, help="sessions to seal for")
    parser.add_argument("--qti-items", type=int, default=600)
    args = parser.parse_args()
    setup()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    bench_packages(args.items, args.packages)
    bench_qti(args.qti_items)


if __name__ == "__main__":
    main()

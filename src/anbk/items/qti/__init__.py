"""QTI 3.0 import and export (issue 6): items, stimuli, tests and IMS content packages.

- `model`: the plain data a package carries (no Django): QtiItem, QtiStimulus, QtiTest.
- `safe`: hostile input — XML without DTDs or entities, zips without slips or bombs.
- `schema`: validation against the vendored XSDs (schemas/, docs/decisions/0015).
- `writer`: model → XML and a deterministic zip; `reader`: zip or XML → model.
- `bank`: model ↔ the item bank (anbk.items.models), import in one transaction.

docs/qti.md describes the mapping and the limits.
"""

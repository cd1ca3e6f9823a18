"""What the scoping matrix (tests/portal/test_scoping_matrix.py) and the permission table
(tests/accounts/test_rules.py) are made of, and how each app adds its own rows.

An app's tests add rows in `tests/<app>/matrix_rows.py`, which may define:
- `MATRIX`: URL name → Page | Detail (who may open it, with which objects),
- `MAKERS`: object name → function(world) making an object the rows name (ours, and
  "<name>_jateng" for theirs),
- `WHO`: permission name → the roles that hold it.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

import tests

# Everyone with an account in tests/people.py; "*_outsider" are in Jawa Tengah.
PEOPLE = ("centre", "province", "kemenag_province", "district", "kemenag_district",
          "operator", "proctor", "technician", "supervisor", "item_author", "item_reviewer",
          "province_outsider", "district_outsider", "operator_outsider")
EVERYONE = frozenset(PEOPLE)
# Roles that see registry data and manage accounts (the teams and the school operator).
DATA = EVERYONE - {"proctor", "technician", "supervisor", "item_author", "item_reviewer"}
# Who sees SD Negeri 1 Soreang (Kab. Bandung, district Dinas) and what hangs off it.
SEES_SD = frozenset({"centre", "province", "district", "operator"})
# Who sees SD Negeri 1 Purwokerto (Banyumas, Jawa Tengah).
SEES_SD_JATENG = frozenset({"centre", "province_outsider", "district_outsider",
                            "operator_outsider"})
# The teacher serves the SD and the MI (Kemenag) of Kab. Bandung (P-8).
SEES_TEACHER = SEES_SD | {"kemenag_district", "kemenag_province"}
# An import job, its file and its errors belong to the uploader alone.
UPLOADER, UPLOADER_JATENG = frozenset({"district"}), frozenset({"district_outsider"})


@dataclass(frozen=True)
class Page:
    """A URL without an object: `opens` may open it, anyone else gets a 404. A list names
    the world's object it `lists` (ours; theirs is "<name>_jateng") and the attribute it
    `shows`: each is on the page only for who sees it."""

    opens: frozenset[str]
    method: str = "get"
    data: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)
    lists: str = ""
    shows: str = ""
    sees_ours: frozenset[str] = SEES_SD
    sees_theirs: frozenset[str] = SEES_SD_JATENG


@dataclass(frozen=True)
class Detail:
    """A URL naming one object of the world by its attribute `key` (also the URL keyword):
    ours, or theirs ("<obj>_jateng"); each allowed only to who sees it, others get 404."""

    obj: str
    key: str
    sees_ours: frozenset[str] = SEES_SD
    sees_theirs: frozenset[str] = SEES_SD_JATENG
    method: str = "get"
    data: dict = field(default_factory=dict)

    def url_kwargs(self, w, whose: str) -> dict:
        target = getattr(w, self.obj if whose == "ours" else f"{self.obj}_jateng")
        return {self.key: getattr(target, self.key)}

    def sees(self, whose: str) -> frozenset[str]:
        return self.sees_ours if whose == "ours" else self.sees_theirs


def app_parts():
    """Every tests/<app>/matrix_rows.py module, in name order."""
    for info in sorted(pkgutil.iter_modules(tests.__path__), key=lambda i: i.name):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.matrix_rows")
            except ModuleNotFoundError as missing:
                if missing.name != f"tests.{info.name}.matrix_rows":
                    raise


def merged(attribute: str, base: dict) -> dict:
    """base plus every app's dict of that name; a key defined twice is an error."""
    result = dict(base)
    for part in app_parts():
        for key, value in getattr(part, attribute, {}).items():
            assert key not in result, f"{key} defined twice ({part.__name__})"
            result[key] = value
    return result

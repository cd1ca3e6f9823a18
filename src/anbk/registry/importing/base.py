"""What every import kind shares: reading one row's cells into fields, and the hooks the
pipeline calls (see pipeline.py for the order)."""

from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db.models import Q, Value
from django.db.models.fields import BigIntegerField, CharField
from django.utils import timezone
from django.utils.translation import gettext as _

from anbk.core.scoping import school_q
from anbk.registry.importing import sql
from anbk.registry.importing.columns import Column, Header
from anbk.registry.importing.errors import ErrorLog
from anbk.registry.importing.reading import Row
from anbk.registry.importing.values import Invalid, as_text
from anbk.registry.models import School

# One SELECT … IN (…) per this many keys: far below SQLite's and PostgreSQL's parameter
# limits, and large enough that a million rows need only a few thousand queries.
LOOKUP_CHUNK = 900


class Conflict(Exception):
    """The database changed between validation and writing; nothing is written."""


@dataclass
class Record:
    row: int
    key: Hashable
    fields: dict
    known: bool = False  # validation found it in the database already


class RowReader:
    """One data row: parses cells by column and records every problem."""

    __slots__ = ("number", "cells", "header", "errors", "ok")

    def __init__(self, row: Row, header: Header, errors: ErrorLog):
        self.number, self.cells, self.header, self.errors = row.number, row.cells, header, errors
        self.ok = True

    def values(self, columns: tuple[Column, ...]) -> dict:
        """Every column's value by key; columns the file left out are not in the result.

        The same checks as value(), unrolled: this loop runs for every cell of the file."""
        found, cells = {}, self.cells
        width = len(cells)
        for column, index in self.header.plan(columns):
            raw = cells[index] if index < width else ""
            if raw.__class__ is str:
                if not raw or raw.isspace():
                    raw = None
            if raw is None:
                if not column.blank_allowed():
                    self.error(column, _("wajib diisi"))
                    continue
                found[column.key] = column.default
                continue
            try:
                found[column.key] = column.parse(raw)
            except Invalid as problem:
                self.error(column, str(problem), raw)
        return found

    def error(self, column: Column, message: str, raw="") -> None:
        self.ok = False
        label = self.header.labels.get(column.key, column.label)
        self.errors.add(self.number, label, message, as_text(raw) if raw != "" else "")


def max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def chunks(items: Iterable, size: int = LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def scope_q(actor) -> Q:
    """The schools an import by this actor may touch; the command line (no actor) has all."""
    return Q() if actor is None else school_q(actor)


class AuthorityCheck:
    """Whether an actor holds authority over a school with these attributes, by evaluating the
    actor's school_q against them (core.scoping stays the one definition of scope). Few
    distinct combinations occur in a file, so each is asked once."""

    def __init__(self, actor):
        self.q = scope_q(actor)
        self._cache: dict[tuple, bool] = {}

    def allows(self, *, agency: str, tier: str, district_id, province_id, pk=None) -> bool:
        key = (agency, tier, district_id, province_id, pk)
        if key not in self._cache:
            self._cache[key] = self._evaluate(agency, tier, district_id, province_id, pk)
        return self._cache[key]

    def _evaluate(self, agency, tier, district_id, province_id, pk) -> bool:
        from django.db.models.sql import Query
        from django.db.models.sql.constants import SINGLE

        if not self.q:
            return True
        # Like Q.check(), minus its two lenient habits: NULL comparisons counted as a match
        # and a database error counted as allowed. Absent ids become -1, which no row has.
        ids = {"district_id": district_id, "province_id": province_id, "pk": pk, "id": pk}
        query = Query(None)
        for name, value in ids.items():
            query.add_annotation(Value(-1 if value is None else value, BigIntegerField()),
                                 name, select=False)
        query.add_annotation(Value(agency, CharField()), "agency", select=False)
        query.add_annotation(Value(tier, CharField()), "tier", select=False)
        query.add_annotation(Value(1), "_check")
        query.add_q(self.q)
        return query.get_compiler(using="default").execute_sql(SINGLE) is not None


class FirstSeen:
    """Remembers where each key first appeared, to report duplicates within the file on both
    rows. For kinds whose files stay small (regions, schools, teachers)."""

    def __init__(self) -> None:
        self.first: dict[Hashable, int] = {}
        self.flagged: set[int] = set()

    def see(self, key: Hashable, row: int) -> int | None:
        """The row where key was first seen, or None when this is its first appearance."""
        first = self.first.setdefault(key, row)
        return None if first == row else first

    def flag_first(self, row: int) -> bool:
        """True once per first row, so its own error is added a single time."""
        if row in self.flagged:
            return False
        self.flagged.add(row)
        return True


class NumericDuplicates:
    """Duplicate numeric keys (NISN) among millions of rows in two machine-word arrays:
    16 bytes a row, where a dict would take about a hundred."""

    def __init__(self) -> None:
        self.keys, self.rows = array("q"), array("q")

    def add(self, key: int, row: int) -> None:
        self.keys.append(key)
        self.rows.append(row)

    def groups(self) -> dict[int, list[int]]:
        """Every key that occurs more than once, with its rows in file order."""
        repeated, previous = set(), None
        for key in sorted(self.keys):
            if key == previous:
                repeated.add(key)
            previous = key
        found: dict[int, list[int]] = {}
        if repeated:
            for key, row in zip(self.keys, self.rows, strict=True):
                if key in repeated:
                    found.setdefault(key, []).append(row)
        return found


class SchoolsInScope:
    """NPSN → the school's id, name, bentuk and level, for schools the actor may import into.
    An NPSN outside the actor's scope is treated as unknown, so its existence is not
    revealed. Looked up per batch, remembered for the rest of the file."""

    FIELDS = ("pk", "npsn", "name", "bentuk", "level")

    def __init__(self, actor):
        self.q = scope_q(actor)
        self.known: dict[str, dict | None] = {}

    def load(self, npsns: Iterable[str]) -> None:
        wanted = {n for n in npsns if n not in self.known}
        for part in chunks(wanted):
            for school in School.objects.filter(self.q, npsn__in=part).values(*self.FIELDS):
                self.known[school["npsn"]] = school
        for npsn in wanted:
            self.known.setdefault(npsn, None)

    def get(self, npsn: str) -> dict | None:
        return self.known.get(npsn)


class Changes:
    """New and changed objects of one model, written with one bulk insert and one bulk
    update per batch."""

    def __init__(self, model):
        self.model = model
        self.new, self.changed, self.fields = [], [], set()
        self._changed_ids: set[int] = set()
        self.stamped = any(f.name == "updated_at" for f in model._meta.fields)

    def create(self, **fields) -> None:
        self.new.append(fields)

    def update(self, obj, fields: dict) -> bool:
        """Copy the fields that differ onto obj; False when nothing differs."""
        diff = {k: val for k, val in fields.items() if getattr(obj, k) != val}
        if not diff:
            return False
        for k, val in diff.items():
            setattr(obj, k, val)
        if self.stamped:
            # bulk_update skips auto_now, so the time of change is set here.
            obj.updated_at = timezone.now()
            diff["updated_at"] = obj.updated_at
        if id(obj) not in self._changed_ids:
            self._changed_ids.add(id(obj))
            self.changed.append(obj)
        self.fields.update(diff)
        return True

    def save(self, counts: Counter | None = None, *, need_pks: bool = False) -> list:
        """Write the batch. With need_pks the new rows go through the ORM and come back as
        objects with primary keys, in the order they were created; else they are inserted
        with plain SQL and nothing comes back."""
        created = []
        if need_pks:
            created = self.model.objects.bulk_create([self.model(**f) for f in self.new])
        else:
            sql.insert(self.model, self.new)
        if self.changed:
            self.model.objects.bulk_update(self.changed, sorted(self.fields))
        if counts is not None:
            counts["created"] += len(self.new)
            counts["updated"] += len(self.changed)
        return created


class Importer:
    """Base of the four kinds. Pass 1: parse() each row, check() each batch, finish().
    Pass 2 (one transaction): prepare(), write() each batch of valid records, flush()."""

    kind = ""
    columns: tuple[Column, ...] = ()
    # Who may run it, named in accounts/rules.py (the command line, with no actor, always may).
    permission = ""

    def __init__(self, *, actor, errors: ErrorLog):
        self.actor = actor
        self.errors = errors
        self.schools = SchoolsInScope(actor)

    def parse(self, row: RowReader) -> Record | None:
        raise NotImplementedError

    def check(self, records: list[Record]) -> None:
        """Checks that need the database or earlier rows; add errors with self.reject()."""

    def finish(self) -> None:
        """Checks that can only be made once every row has been seen."""

    def prepare(self) -> None:
        """First step of the write transaction."""

    def write(self, records: list[Record], counts: Counter) -> None:
        raise NotImplementedError

    def flush(self, counts: Counter) -> None:
        """Last step of the write transaction."""

    header: Header | None = None

    def reject(self, row: int, column: Column, message: str, value="") -> None:
        label = self.header.labels.get(column.key, column.label) if self.header else column.label
        self.errors.add(row, label, message, value)

    def attach_schools(self, records: list[Record], column: Column
                       ) -> list[tuple[Record, dict]]:
        """Resolve each record's NPSN (key "npsn" in its fields) to a school in the actor's
        scope, store its id as fields["school_id"], and reject the rest."""
        self.schools.load(r.fields["npsn"] for r in records)
        found = []
        for record in records:
            npsn = record.fields["npsn"]
            school = self.schools.get(npsn)
            if school is None:
                self.reject(record.row, column, _("NPSN %(n)s belum terdaftar atau di luar "
                                                  "kewenangan Anda") % {"n": npsn}, npsn)
            else:
                record.fields["school_id"] = school["pk"]
                found.append((record, school))
        return found

    def reject_duplicate(self, seen: FirstSeen, key, row: int, column: Column, what: str,
                         value: str) -> bool:
        """Reject a repeated key on this row and, once, on the row where it first stood."""
        first = seen.see(key, row)
        if first is None:
            return False
        self.reject(row, column, _("%(what)s sudah ada di baris %(row)d")
                    % {"what": what, "row": first}, value)
        if seen.flag_first(first):
            self.reject(first, column, _("%(what)s muncul lagi di baris %(row)d")
                        % {"what": what, "row": row}, value)
        return True


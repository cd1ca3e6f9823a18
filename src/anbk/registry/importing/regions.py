"""Regions: provinces (Kemendagri code PP) and districts (PP.KK) from `Kode, Nama, Jenis`."""

from collections import Counter

from django.utils.translation import gettext as _

from anbk.registry.importing import values as v
from anbk.registry.importing.base import (
    Changes,
    FirstSeen,
    Importer,
    Record,
    RowReader,
    chunks,
    max_length,
)
from anbk.registry.importing.columns import Column
from anbk.registry.models import Region, RegionKind

_KINDS = {"provinsi": RegionKind.PROVINCE, "prov": RegionKind.PROVINCE,
          "kabupaten": RegionKind.REGENCY, "kab": RegionKind.REGENCY,
          "kota": RegionKind.CITY, "kotamadya": RegionKind.CITY}

CODE = Column("code", "Kode", v.region_code,
              ("Kode Wilayah", "Kode Kemendagri", "Kode Provinsi/Kabupaten/Kota"))
NAME = Column("name", "Nama", v.text(max_length(Region, "name")),
              ("Nama Wilayah", "Nama Provinsi/Kabupaten/Kota"))
KIND = Column("kind", "Jenis", v.choice(_KINDS, "provinsi, kabupaten atau kota"),
              ("Jenis Wilayah", "Tingkat Wilayah"))


class RegionImporter(Importer):
    kind = "regions"
    columns = (CODE, NAME, KIND)
    permission = "imports.import_regions"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = FirstSeen()
        self.file_provinces: set[str] = set()
        self.pending_parents: list[tuple[Record, str]] = []
        self.deferred: list[Record] = []

    def parse(self, row: RowReader) -> Record | None:
        fields = row.values(self.columns)
        if not row.ok:
            return None
        code, kind = fields.pop("code"), fields["kind"]
        is_province = "." not in code
        if is_province != (kind == RegionKind.PROVINCE):
            row.error(KIND, _("jenis %(kind)s tidak cocok dengan kode %(code)s (provinsi "
                              "berkode 2 digit, kabupaten/kota berkode PP.KK)")
                      % {"kind": kind, "code": code}, kind)
            return None
        return Record(row.number, code, fields)

    def check(self, records: list[Record]) -> None:
        for record in records:
            if self.reject_duplicate(self.seen, record.key, record.row, CODE,
                                     _("kode %(c)s") % {"c": record.key}, record.key):
                continue
            if record.fields["kind"] == RegionKind.PROVINCE:
                self.file_provinces.add(record.key)
            else:
                self.pending_parents.append((record, record.key[:2]))

    def finish(self) -> None:
        parents = {code for _r, code in self.pending_parents} - self._valid_file_provinces()
        known = set()
        for part in chunks(parents):
            known.update(Region.objects.filter(code__in=part, kind=RegionKind.PROVINCE)
                         .values_list("code", flat=True))
        for record, parent in self.pending_parents:
            if parent not in known and parent not in self._valid_file_provinces():
                self.reject(record.row, CODE, _("provinsi %(p)s belum terdaftar dan tidak ada di "
                                            "berkas ini") % {"p": parent}, record.key)
        self.pending_parents.clear()

    def _valid_file_provinces(self) -> set[str]:
        return {c for c in self.file_provinces if self.seen.first[c] not in self.errors.bad_rows}

    def write(self, records: list[Record], counts: Counter) -> None:
        provinces = [r for r in records if r.fields["kind"] == RegionKind.PROVINCE]
        self._upsert(provinces, counts)
        # A district may come before its province in the file: districts go last.
        self.deferred.extend(r for r in records if r.fields["kind"] != RegionKind.PROVINCE)

    def flush(self, counts: Counter) -> None:
        for part in chunks(self.deferred):
            self._upsert(part, counts)
        self.deferred.clear()

    def _upsert(self, records: list[Record], counts: Counter) -> None:
        if not records:
            return
        existing = Region.objects.in_bulk([r.key for r in records], field_name="code")
        parent_codes = {r.key[:2] for r in records if "." in r.key}
        parents = {code: pk for code, pk in Region.objects.filter(
            code__in=parent_codes, kind=RegionKind.PROVINCE).values_list("code", "pk")}
        changes = Changes(Region)
        for record in records:
            fields = dict(record.fields)
            fields["parent_id"] = parents.get(record.key[:2]) if "." in record.key else None
            region = existing.get(record.key)
            if region is None:
                changes.create(code=record.key, **fields)
            elif not changes.update(region, fields):
                counts["unchanged"] += 1
        changes.save(counts)

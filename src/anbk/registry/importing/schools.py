"""Schools (satuan pendidikan) from Dapodik/EMIS exports, upserted by NPSN."""

from collections import Counter

from django.utils.translation import gettext as _

from anbk.core.rules import BENTUK, Agency, Level, Tier, bentuk_lookup
from anbk.registry.importing import values as v
from anbk.registry.importing.base import (
    AuthorityCheck,
    Changes,
    FirstSeen,
    Importer,
    Record,
    RowReader,
    chunks,
    max_length,
)
from anbk.registry.importing.columns import Column
from anbk.registry.models import DataSource, Region, RegionKind, School, SchoolStatus

_STATUS = {"negeri": SchoolStatus.PUBLIC, "n": SchoolStatus.PUBLIC,
           "swasta": SchoolStatus.PRIVATE, "s": SchoolStatus.PRIVATE}
_SOURCE = {"dapodik": DataSource.DAPODIK, "emis": DataSource.EMIS}
_LEVELS = {lv.value.casefold(): lv for lv in Level} | {
    f"{lv.value.casefold()}sederajat": lv for lv in Level}
_BENTUK_NAMES = ", ".join(BENTUK)


def _bentuk(raw):
    found = bentuk_lookup(v.as_text(raw))
    if found is None:
        raise v.Invalid(_("bentuk '%(v)s' tidak dikenal; gunakan salah satu dari %(ok)s")
                        % {"v": v.as_text(raw), "ok": _BENTUK_NAMES})
    return found.code


def _district_code(raw) -> str:
    code = v.region_code(raw)
    if "." not in code:
        raise v.Invalid(_("harus kode kabupaten/kota (PP.KK), bukan kode provinsi %(c)s")
                        % {"c": code})
    return code


NPSN = Column("npsn", "NPSN", v.npsn)
NAME = Column("name", "Nama Sekolah", v.text(max_length(School, "name")),
              ("Nama", "Nama Satuan Pendidikan", "Nama Madrasah"))
BENTUK_COL = Column("bentuk", "Bentuk Pendidikan", _bentuk, ("Bentuk", "Jenis Sekolah"))
STATUS = Column("status", "Status Sekolah", v.choice(_STATUS, "Negeri atau Swasta"),
                ("Status", "Status Satuan Pendidikan"))
# Empty only for schools the centre holds (SILN, SPK abroad): checked against the bentuk.
DISTRICT = Column("district_code", "Kode Kabupaten/Kota", _district_code,
                  ("Kode Kabupaten", "Kode Kab/Kota", "Kode Kab", "Kode Kota", "Kode Wilayah"),
                  allow_blank=True)
ADDRESS = Column("address", "Alamat", v.text(max_length(School, "address")),
                 ("Alamat Jalan", "Alamat Sekolah"), required=False, default="")
LATITUDE = Column("latitude", "Lintang", v.coordinate(90), ("Latitude", "Lat"),
                  required=False)
LONGITUDE = Column("longitude", "Bujur", v.coordinate(180), ("Longitude", "Long", "Lng", "Lon"),
                   required=False)
SOURCE = Column("source", "Sumber Data", v.choice(_SOURCE, "Dapodik atau EMIS"), ("Sumber",),
                required=False)
PENGGERAK = Column("is_penggerak", "Sekolah Penggerak", v.yes_no, ("Penggerak",),
                   required=False, default=False)
SMK_PK = Column("is_smk_pk", "SMK Pusat Keunggulan", v.yes_no, ("SMK PK",), required=False,
                default=False)
LEVEL = Column("level", "Jenjang", v.choice(_LEVELS, "SD, SMP, SMA atau SMK"),
               ("Jenjang Pendidikan",), required=False)
COUNTRY = Column("country", "Negara", v.text(max_length(School, "country")), required=False,
                 default="Indonesia")


class SchoolImporter(Importer):
    kind = "schools"
    columns = (NPSN, NAME, BENTUK_COL, STATUS, DISTRICT, ADDRESS, LATITUDE, LONGITUDE, SOURCE,
               PENGGERAK, SMK_PK, LEVEL, COUNTRY)
    permission = "imports.import_schools"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = FirstSeen()
        self.authority = AuthorityCheck(self.actor)
        self.districts: dict[str, tuple[int, int]] | None = None

    def parse(self, row: RowReader) -> Record | None:
        fields = row.values(self.columns)
        if not row.ok:
            return None
        npsn = fields.pop("npsn")
        bentuk = BENTUK[fields["bentuk"]]
        fields["agency"], fields["tier"] = bentuk.agency.value, bentuk.tier.value
        stated_level = fields.pop("level", None)
        if bentuk.level is None and stated_level is None:
            row.error(LEVEL, _("wajib diisi untuk bentuk %(b)s (SD, SMP, SMA atau SMK)")
                      % {"b": bentuk.code})
        elif bentuk.level is not None and stated_level not in (None, bentuk.level):
            row.error(LEVEL, _("bentuk %(b)s berjenjang %(lv)s") % {
                "b": bentuk.code, "lv": bentuk.level.value}, stated_level.value)
        fields["level"] = (bentuk.level or stated_level or Level.SD).value
        if fields.get("district_code") is None and bentuk.tier != Tier.CENTRE:
            row.error(DISTRICT, _("wajib diisi untuk bentuk %(b)s") % {"b": bentuk.code})
        if "latitude" in fields and "longitude" in fields and (
                (fields["latitude"] is None) != (fields["longitude"] is None)):
            missing = LATITUDE if fields["latitude"] is None else LONGITUDE
            row.error(missing, _("lintang dan bujur diisi berdua atau dikosongkan berdua"))
        if fields.get("is_smk_pk") and fields["level"] != Level.SMK:
            row.error(SMK_PK, _("hanya untuk sekolah berjenjang SMK"), "Ya")
        return Record(row.number, npsn, fields) if row.ok else None

    def _district_ids(self) -> dict[str, tuple[int, int]]:
        if self.districts is None:
            self.districts = {
                code: (pk, parent)
                for code, pk, parent in Region.objects.exclude(kind=RegionKind.PROVINCE)
                .values_list("code", "pk", "parent_id")}
        return self.districts

    def check(self, records: list[Record]) -> None:
        fresh = [r for r in records if not self.reject_duplicate(
            self.seen, r.key, r.row, NPSN, f"NPSN {r.key}", r.key)]
        existing = {}
        for part in chunks(r.key for r in fresh):
            for row in School.objects.filter(npsn__in=part).values(
                    "pk", "npsn", "agency", "tier", "district_id", "province_id"):
                existing[row["npsn"]] = row
        for record in fresh:
            fields = record.fields
            code = fields.pop("district_code", None)
            district_id = province_id = None
            if code is not None:
                if code not in self._district_ids():
                    self.reject(record.row, DISTRICT, _("kabupaten/kota %(c)s belum terdaftar")
                                % {"c": code}, code)
                    continue
                district_id, province_id = self._district_ids()[code]
            fields["district_id"], fields["province_id"] = district_id, province_id
            old = existing.get(record.key)
            if old is not None and not self.authority.allows(
                    agency=old["agency"], tier=old["tier"], district_id=old["district_id"],
                    province_id=old["province_id"], pk=old["pk"]):
                self.reject(record.row, NPSN, _("NPSN %(n)s sudah terdaftar untuk sekolah di "
                                                "luar kewenangan Anda") % {"n": record.key},
                            record.key)
            elif not self.authority.allows(agency=fields["agency"], tier=fields["tier"],
                                           district_id=district_id, province_id=province_id,
                                           pk=old["pk"] if old else None):
                self.reject(record.row, BENTUK_COL, _(
                    "bentuk %(b)s di wilayah ini di luar kewenangan Anda") % {
                    "b": fields["bentuk"]}, fields["bentuk"])

    def write(self, records: list[Record], counts: Counter) -> None:
        existing = School.objects.in_bulk([r.key for r in records], field_name="npsn")
        changes = Changes(School)
        for record in records:
            fields = dict(record.fields)
            school = existing.get(record.key)
            if school is None:
                if fields.get("source") is None:
                    fields["source"] = (DataSource.EMIS if fields["agency"] == Agency.KEMENAG
                                        else DataSource.DAPODIK)
                changes.create(npsn=record.key, **fields)
                continue
            if "source" in fields and fields["source"] is None:
                del fields["source"]  # an empty cell keeps what the school already has
            if not changes.update(school, fields):
                counts["unchanged"] += 1
        changes.save(counts)

"""Places for synthetic data: real provinces and districts with their Kemendagri codes
(Kepmendagri 300.2.2-2138/2025), a rough centre and half-size in degrees for coordinates,
kecamatan/town names for school names and birth places, and the mix of naming traditions
of the people who live there (keys of synth_names.CULTURES).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    code: str  # PP.KK
    name: str  # without the "Kabupaten"/"Kota" prefix: the kind says which
    kind: str  # "kabupaten" or "kota"
    lat: float
    lon: float
    span: float  # half the side of the box, in degrees of latitude
    towns: tuple[str, ...]
    cultures: tuple[tuple[str, int], ...]
    weight: int  # relative share of schools

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def label(self) -> str:
        """How people write the district in a school name: "Kota Bandung", "Garut"."""
        return f"Kota {self.name}" if self.kind == "kota" else self.name


PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "53": "Nusa Tenggara Timur",
    "63": "Kalimantan Selatan",
    "71": "Sulawesi Utara",
    "73": "Sulawesi Selatan",
    "81": "Maluku",
}

_SUNDA = (("sunda", 7), ("muslim", 3), ("jawa", 1))
_SUNDA_CITY = (("sunda", 5), ("muslim", 3), ("jawa", 2), ("tionghoa", 1), ("batak", 1))
_JAWA = (("jawa", 7), ("muslim", 3))
_JAWA_CITY = (("jawa", 6), ("muslim", 3), ("tionghoa", 1), ("batak", 1))
_BETAWI = (("muslim", 5), ("jawa", 3), ("sunda", 2), ("batak", 1), ("tionghoa", 1),
           ("minang", 1))

DISTRICTS: tuple[District, ...] = (
    # Jawa Barat: the demo province (its first four districts are the demo's).
    District("32.04", "Bandung", "kabupaten", -7.10, 107.60, 0.18,
             ("Soreang", "Baleendah", "Majalaya", "Cicalengka", "Banjaran", "Dayeuhkolot",
              "Ciparay", "Pangalengan", "Rancaekek", "Cileunyi", "Margahayu", "Katapang"),
             _SUNDA, 9),
    District("32.73", "Bandung", "kota", -6.915, 107.61, 0.045,
             ("Cibiru", "Coblong", "Sukajadi", "Antapani", "Kiaracondong", "Buahbatu",
              "Lengkong", "Cicendo", "Andir", "Ujungberung", "Arcamanik", "Sukasari",
              "Bojongloa Kaler", "Regol"),
             _SUNDA_CITY, 6),
    District("32.77", "Cimahi", "kota", -6.88, 107.54, 0.025,
             ("Cimahi Utara", "Cimahi Tengah", "Cimahi Selatan", "Cibabat", "Leuwigajah",
              "Cipageran", "Melong", "Cigugur Tengah"),
             _SUNDA_CITY, 2),
    District("32.17", "Bandung Barat", "kabupaten", -6.84, 107.45, 0.14,
             ("Ngamprah", "Padalarang", "Lembang", "Cisarua", "Parongpong", "Batujajar",
              "Cililin", "Cipatat", "Cikalongwetan", "Sindangkerta"),
             _SUNDA, 5),
    District("32.01", "Bogor", "kabupaten", -6.55, 106.80, 0.22,
             ("Cibinong", "Citeureup", "Ciawi", "Leuwiliang", "Parung", "Gunung Putri",
              "Jonggol", "Dramaga", "Ciomas", "Cileungsi"),
             _SUNDA, 12),
    District("32.05", "Garut", "kabupaten", -7.25, 107.90, 0.28,
             ("Tarogong Kidul", "Garut Kota", "Cibatu", "Bayongbong", "Leles", "Malangbong",
              "Cikajang", "Pameungpeuk", "Kadungora", "Samarang"),
             _SUNDA, 9),
    District("32.09", "Cirebon", "kabupaten", -6.77, 108.50, 0.14,
             ("Sumber", "Weru", "Plered", "Arjawinangun", "Palimanan", "Lemahabang",
              "Astanajapura", "Ciledug", "Kapetakan"),
             (("jawa", 4), ("sunda", 3), ("muslim", 4)), 7),
    District("32.76", "Depok", "kota", -6.40, 106.82, 0.05,
             ("Beji", "Pancoran Mas", "Sukmajaya", "Cimanggis", "Sawangan", "Cinere", "Tapos",
              "Limo", "Bojongsari", "Cilodong"),
             _BETAWI, 5),
    # Jawa Tengah and DI Yogyakarta.
    District("33.74", "Semarang", "kota", -7.00, 110.42, 0.06,
             ("Banyumanik", "Tembalang", "Pedurungan", "Semarang Barat", "Ngaliyan",
              "Gajahmungkur", "Candisari", "Genuk", "Gunungpati", "Mijen"),
             _JAWA_CITY, 6),
    District("33.02", "Banyumas", "kabupaten", -7.45, 109.15, 0.18,
             ("Purwokerto Utara", "Purwokerto Selatan", "Sokaraja", "Ajibarang", "Banyumas",
              "Wangon", "Baturraden", "Kembaran", "Cilongok", "Sumbang"),
             _JAWA, 8),
    District("33.72", "Surakarta", "kota", -7.57, 110.82, 0.03,
             ("Laweyan", "Serengan", "Pasar Kliwon", "Jebres", "Banjarsari"), _JAWA_CITY, 3),
    District("33.10", "Klaten", "kabupaten", -7.70, 110.60, 0.11,
             ("Klaten Tengah", "Delanggu", "Pedan", "Prambanan", "Wedi", "Jatinom", "Cawas",
              "Ceper"),
             _JAWA, 6),
    District("33.29", "Brebes", "kabupaten", -7.00, 108.95, 0.18,
             ("Brebes", "Bumiayu", "Ketanggungan", "Losari", "Tanjung", "Larangan",
              "Paguyangan", "Bulakamba"),
             (("jawa", 6), ("muslim", 4), ("sunda", 1)), 8),
    District("34.71", "Yogyakarta", "kota", -7.80, 110.37, 0.03,
             ("Gondokusuman", "Umbulharjo", "Kotagede", "Mergangsan", "Jetis", "Tegalrejo",
              "Wirobrajan"),
             _JAWA_CITY, 3),
    District("34.04", "Sleman", "kabupaten", -7.71, 110.36, 0.11,
             ("Depok", "Mlati", "Ngaglik", "Gamping", "Kalasan", "Godean", "Sleman", "Pakem",
              "Berbah"),
             _JAWA, 6),
    District("34.03", "Gunungkidul", "kabupaten", -8.00, 110.60, 0.18,
             ("Wonosari", "Playen", "Semanu", "Karangmojo", "Patuk", "Tanjungsari", "Ponjong"),
             _JAWA, 5),
    # Jawa Timur.
    District("35.78", "Surabaya", "kota", -7.27, 112.74, 0.06,
             ("Wonokromo", "Rungkut", "Gubeng", "Tambaksari", "Sukolilo", "Tegalsari",
              "Genteng", "Kenjeran", "Wiyung", "Benowo"),
             _JAWA_CITY, 9),
    District("35.07", "Malang", "kabupaten", -8.10, 112.65, 0.22,
             ("Kepanjen", "Singosari", "Lawang", "Pakis", "Turen", "Dampit", "Tumpang",
              "Gondanglegi", "Karangploso"),
             _JAWA, 10),
    District("35.15", "Sidoarjo", "kabupaten", -7.45, 112.70, 0.08,
             ("Sidoarjo", "Waru", "Taman", "Candi", "Porong", "Krian", "Buduran", "Gedangan",
              "Tanggulangin"),
             _JAWA, 7),
    District("35.09", "Jember", "kabupaten", -8.17, 113.70, 0.22,
             ("Kaliwates", "Sumbersari", "Patrang", "Ambulu", "Balung", "Puger", "Tanggul",
              "Kencong"),
             (("jawa", 5), ("muslim", 5)), 9),
    District("35.28", "Pamekasan", "kabupaten", -7.10, 113.48, 0.09,
             ("Pamekasan", "Pademawu", "Galis", "Larangan", "Proppo", "Pegantenan"),
             (("muslim", 9), ("jawa", 1)), 5),
    # DKI Jakarta and Banten.
    District("31.74", "Jakarta Selatan", "kota", -6.26, 106.81, 0.05,
             ("Kebayoran Baru", "Tebet", "Pasar Minggu", "Cilandak", "Jagakarsa",
              "Mampang Prapatan", "Pancoran", "Setiabudi"),
             _BETAWI, 6),
    District("31.75", "Jakarta Timur", "kota", -6.23, 106.90, 0.05,
             ("Cakung", "Duren Sawit", "Jatinegara", "Kramat Jati", "Makasar", "Matraman",
              "Pulo Gadung", "Cipayung"),
             _BETAWI, 7),
    District("36.71", "Tangerang", "kota", -6.18, 106.63, 0.04,
             ("Cipondoh", "Karawaci", "Tangerang", "Ciledug", "Larangan", "Pinang",
              "Batuceper", "Neglasari"),
             _BETAWI, 5),
    # Sumatera.
    District("11.71", "Banda Aceh", "kota", 5.55, 95.32, 0.03,
             ("Baiturrahman", "Kuta Alam", "Syiah Kuala", "Ulee Kareng", "Lueng Bata",
              "Banda Raya", "Meuraxa", "Jaya Baru"),
             (("aceh", 8), ("muslim", 2)), 2),
    District("11.06", "Aceh Besar", "kabupaten", 5.40, 95.50, 0.18,
             ("Jantho", "Darussalam", "Ingin Jaya", "Krueng Barona Jaya", "Montasik",
              "Lhoknga", "Indrapuri"),
             (("aceh", 9), ("muslim", 1)), 4),
    District("12.71", "Medan", "kota", 3.59, 98.67, 0.06,
             ("Medan Baru", "Medan Johor", "Medan Helvetia", "Medan Sunggal", "Medan Tembung",
              "Medan Denai", "Medan Amplas", "Medan Petisah"),
             (("batak", 4), ("mandailing", 2), ("melayu", 2), ("jawa", 2), ("tionghoa", 1)),
             7),
    District("12.07", "Deli Serdang", "kabupaten", 3.53, 98.80, 0.18,
             ("Lubuk Pakam", "Tanjung Morawa", "Percut Sei Tuan", "Sunggal", "Pancur Batu",
              "Batang Kuis", "Namorambe"),
             (("jawa", 4), ("batak", 3), ("melayu", 2), ("mandailing", 1)), 7),
    District("12.02", "Tapanuli Utara", "kabupaten", 2.00, 98.97, 0.18,
             ("Tarutung", "Siborongborong", "Sipoholon", "Pahae Jae", "Muara", "Pangaribuan"),
             (("batak", 10),), 3),
    District("12.17", "Samosir", "kabupaten", 2.60, 98.70, 0.13,
             ("Pangururan", "Simanindo", "Nainggolan", "Onan Runggu", "Palipi"),
             (("batak", 10),), 2),
    District("13.71", "Padang", "kota", -0.95, 100.36, 0.06,
             ("Koto Tangah", "Kuranji", "Padang Utara", "Padang Barat", "Lubuk Begalung",
              "Pauh", "Nanggalo", "Bungus Teluk Kabung"),
             (("minang", 8), ("muslim", 2)), 5),
    District("13.06", "Agam", "kabupaten", -0.25, 100.15, 0.18,
             ("Lubuk Basung", "Tilatang Kamang", "Banuhampu", "Baso", "Ampek Angkek",
              "Tanjung Raya", "Matur"),
             (("minang", 9), ("muslim", 1)), 4),
    District("13.75", "Bukittinggi", "kota", -0.305, 100.37, 0.02,
             ("Guguk Panjang", "Mandiangin Koto Selayan", "Aur Birugo Tigo Baleh"),
             (("minang", 9), ("muslim", 1)), 1),
    District("14.71", "Pekanbaru", "kota", 0.51, 101.45, 0.06,
             ("Tampan", "Marpoyan Damai", "Bukit Raya", "Sukajadi", "Senapelan", "Rumbai",
              "Payung Sekaki"),
             (("melayu", 4), ("minang", 3), ("jawa", 2), ("batak", 1)), 5),
    District("14.01", "Kampar", "kabupaten", 0.33, 101.10, 0.2,
             ("Bangkinang", "Kampar", "Siak Hulu", "Tambang", "Tapung", "Kampar Kiri",
              "XIII Koto Kampar"),
             (("melayu", 6), ("minang", 2), ("jawa", 2)), 4),
    # Kalimantan.
    District("63.71", "Banjarmasin", "kota", -3.32, 114.59, 0.04,
             ("Banjarmasin Utara", "Banjarmasin Selatan", "Banjarmasin Tengah",
              "Banjarmasin Barat", "Banjarmasin Timur"),
             (("banjar", 8), ("jawa", 2)), 3),
    District("63.03", "Banjar", "kabupaten", -3.35, 114.95, 0.18,
             ("Martapura", "Astambul", "Karang Intan", "Gambut", "Sungai Tabuk", "Aluh-Aluh"),
             (("banjar", 9), ("jawa", 1)), 4),
    # Sulawesi.
    District("73.71", "Makassar", "kota", -5.14, 119.43, 0.04,
             ("Panakkukang", "Tamalate", "Rappocini", "Biringkanaya", "Tamalanrea",
              "Manggala", "Mariso", "Ujung Pandang"),
             (("bugis", 7), ("muslim", 2), ("tionghoa", 1)), 6),
    District("73.06", "Gowa", "kabupaten", -5.30, 119.60, 0.18,
             ("Somba Opu", "Bajeng", "Pallangga", "Bontonompo", "Tinggimoncong", "Parangloe",
              "Bontomarannu"),
             (("bugis", 9), ("muslim", 1)), 5),
    District("73.08", "Bone", "kabupaten", -4.70, 120.15, 0.28,
             ("Tanete Riattang", "Palakka", "Awangpone", "Sibulue", "Mare", "Kahu",
              "Dua Boccoe"),
             (("bugis", 10),), 6),
    District("71.71", "Manado", "kota", 1.48, 124.84, 0.04,
             ("Wenang", "Malalayang", "Sario", "Tikala", "Mapanget", "Wanea", "Tuminting",
              "Singkil"),
             (("minahasa", 8), ("muslim", 2)), 4),
    District("71.02", "Minahasa", "kabupaten", 1.30, 124.90, 0.13,
             ("Tondano Barat", "Kawangkoan", "Langowan Timur", "Remboken", "Kakas", "Eris",
              "Pineleng", "Tombulu"),
             (("minahasa", 10),), 4),
    # Bali, Nusa Tenggara Timur, Maluku.
    District("51.71", "Denpasar", "kota", -8.65, 115.22, 0.04,
             ("Denpasar Barat", "Denpasar Timur", "Denpasar Selatan", "Denpasar Utara"),
             (("bali", 7), ("jawa", 2), ("muslim", 1)), 4),
    District("51.03", "Badung", "kabupaten", -8.58, 115.18, 0.09,
             ("Mengwi", "Kuta", "Kuta Utara", "Kuta Selatan", "Abiansemal", "Petang"),
             (("bali", 8), ("jawa", 2)), 4),
    District("51.08", "Buleleng", "kabupaten", -8.20, 115.00, 0.18,
             ("Buleleng", "Seririt", "Sawan", "Tejakula", "Gerokgak", "Banjar", "Sukasada"),
             (("bali", 9), ("muslim", 1)), 5),
    District("51.04", "Gianyar", "kabupaten", -8.50, 115.32, 0.07,
             ("Ubud", "Sukawati", "Gianyar", "Blahbatuh", "Tampaksiring", "Payangan",
              "Tegallalang"),
             (("bali", 10),), 4),
    District("53.71", "Kupang", "kota", -10.17, 123.60, 0.04,
             ("Oebobo", "Kelapa Lima", "Maulafa", "Alak", "Kota Raja", "Kota Lama"),
             (("ntt", 8), ("muslim", 1), ("jawa", 1)), 3),
    District("53.07", "Sikka", "kabupaten", -8.65, 122.25, 0.14,
             ("Alok", "Kewapante", "Nita", "Paga", "Lela", "Talibura"),
             (("ntt", 10),), 4),
    District("53.08", "Ende", "kabupaten", -8.80, 121.65, 0.14,
             ("Ende", "Wolowaru", "Detusoko", "Nangapanda", "Maurole"),
             (("ntt", 7), ("muslim", 3)), 4),
    District("81.71", "Ambon", "kota", -3.70, 128.18, 0.05,
             ("Sirimau", "Nusaniwe", "Baguala", "Teluk Ambon", "Leitimur Selatan"),
             (("maluku", 9), ("muslim", 1)), 3),
)

DISTRICTS_BY_CODE: dict[str, District] = {d.code: d for d in DISTRICTS}

# Where people are born when they were not born in the district they now live in.
BIG_CITIES: tuple[str, ...] = (
    "Jakarta", "Bandung", "Surabaya", "Medan", "Semarang", "Makassar", "Yogyakarta",
    "Palembang", "Padang", "Denpasar", "Malang", "Bogor", "Bekasi", "Tangerang", "Pekanbaru",
    "Banjarmasin", "Manado", "Kupang", "Ambon", "Banda Aceh",
)

STREETS: tuple[str, ...] = (
    "Merdeka", "Jend. Sudirman", "Pahlawan", "Diponegoro", "Ahmad Yani", "Gatot Subroto",
    "Pendidikan", "Veteran", "Kartini", "Cendrawasih", "Melati", "Kenanga", "Flamboyan",
    "Siliwangi", "Gajah Mada", "Hayam Wuruk", "Pemuda", "Imam Bonjol", "Teuku Umar",
    "Sisingamangaraja", "Hasanuddin", "Sam Ratulangi", "Pattimura", "Dr. Wahidin",
    "Ki Hajar Dewantara", "KH. Hasyim Asy'ari", "Cut Nyak Dien", "Pangeran Antasari",
    "Raya Pos", "Mawar",
)

VILLAGE_PREFIXES: tuple[str, ...] = ("Kp.", "Dusun", "Desa", "Perum")

VILLAGES: tuple[str, ...] = (
    "Sukamaju", "Sukamanah", "Sukasari", "Mekarsari", "Margamulya", "Cibodas", "Karangsari",
    "Sidomulyo", "Sumbersari", "Tegalsari", "Wonorejo", "Kedungsari", "Jatimulya", "Mekarjaya",
    "Tanjungsari", "Sukajaya", "Harapan Jaya", "Bojongsoang", "Pasirjati", "Ciherang",
)

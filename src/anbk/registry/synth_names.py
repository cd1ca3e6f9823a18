"""Indonesian personal names for synthetic data, by naming tradition.

Most Indonesians have no inherited family name: a name is one to three given names, often a
first name plus a second element that reads like a surname (Sundanese "Asep Saepudin",
Javanese "Budi Santoso"). Batak, Minahasa, Ambon, Flores/Timor and Chinese-Indonesian names
end in a family name (marga, fam). Balinese names start with I/Ni and a birth-order name.
Children born after 2005 often carry the newer names of MODERN_*.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...] = ()
    female_second: tuple[str, ...] = ()
    family: tuple[str, ...] = ()  # inherited name, always last
    male_titles: tuple[str, ...] = ()  # hereditary titles, rare, always first
    female_titles: tuple[str, ...] = ()
    modern: str = "muslim"  # which MODERN_* list children's names also come from ("" none)
    balinese: bool = False


MODERN_MUSLIM = Culture(
    male=("Rizky", "Aditya", "Fajar", "Raka", "Rafi", "Arkan", "Naufal", "Farhan", "Dimas",
          "Bima", "Gilang", "Alif", "Zidan", "Daffa", "Fathan", "Rayyan", "Azka", "Haikal",
          "Reza", "Satria", "Galih", "Rendi", "Ilham", "Fikri", "Rafa", "Abyan", "Athar",
          "Arsya", "Alvaro", "Kenzie", "Dzaki", "Hafidz", "Akmal", "Radit", "Yusuf", "Irfan"),
    female=("Nabila", "Alya", "Aulia", "Salsabila", "Zahra", "Keisha", "Nayla", "Aisyah",
            "Putri", "Anisa", "Dinda", "Citra", "Amelia", "Kirana", "Adinda", "Cantika",
            "Azzahra", "Shafa", "Khanza", "Naura", "Syifa", "Intan", "Laras", "Tiara",
            "Kayla", "Aurelia", "Hana", "Fadhila", "Nadhira", "Qonita", "Raisa", "Zaskia"),
    male_second=("Pratama", "Ramadhan", "Saputra", "Putra", "Maulana", "Firmansyah",
                 "Hidayat", "Nugraha", "Setiawan", "Alfarizi", "Akbar", "Syahputra",
                 "Kurniawan", "Hakim", "Permana", "Alfian", "Fadillah", "Aditama", "Prasetya",
                 "Al Fatih", "Ar-Rasyid", "Dwi Putra", "Nur Hidayat"),
    female_second=("Putri", "Ramadhani", "Azzahra", "Aulia", "Lestari", "Safitri",
                   "Rahmadani", "Maharani", "Anggraini", "Permatasari", "Kusuma", "Nuraini",
                   "Oktaviani", "Febriani", "Agustina", "Wulandari", "Pratiwi", "Puspitasari",
                   "Zahira", "Khairunnisa", "Nur Fadilah", "Putri Ayu"),
)

MODERN_CHRISTIAN = Culture(
    male=("Kevin", "Gabriel", "Michael", "Jonathan", "Daniel", "Samuel", "Yosua", "Christian",
          "Nathanael", "Felix", "Andreas", "Elia", "Rafael", "Kenny", "Jeremy", "Vincent"),
    female=("Jessica", "Natalia", "Clarissa", "Angelina", "Gracia", "Michelle", "Vanessa",
            "Priskila", "Glory", "Olivia", "Stefani", "Theresia", "Cindy", "Jovita", "Keren",
            "Meilani"),
    modern="",
)

CULTURES: dict[str, Culture] = {
    "sunda": Culture(
        male=("Asep", "Ujang", "Dede", "Cecep", "Dadang", "Yayan", "Wawan", "Iwan", "Entis",
              "Engkus", "Ade", "Yudi", "Agus", "Rudi", "Deden", "Dani", "Jajang", "Aep", "Oman",
              "Eman", "Ridwan", "Hendra", "Iman", "Kurnia", "Ajat", "Cucu", "Eep", "Hadi"),
        female=("Euis", "Neneng", "Iis", "Imas", "Yuyun", "Lilis", "Enung", "Eti", "Rina",
                "Nining", "Tati", "Dewi", "Popon", "Neng", "Nenden", "Irma", "Lina", "Wulan",
                "Ai", "Yanti", "Tuti", "Eulis", "Nia", "Rini", "Ela", "Cicih", "Teti"),
        male_second=("Saepudin", "Supriatna", "Sunarya", "Hidayat", "Permana", "Kurniawan",
                     "Nugraha", "Suryana", "Ramdani", "Sopandi", "Mulyana", "Setiawan",
                     "Gunawan", "Rustandi", "Somantri", "Hermawan", "Sobari", "Firmansyah",
                     "Kusnadi", "Sutisna", "Suhendar", "Rohendi", "Saepuloh", "Hidayatulloh"),
        female_second=("Rahmawati", "Nurhayati", "Komalasari", "Sumiati", "Rosmiati",
                       "Kurniasih", "Handayani", "Wulandari", "Marlina", "Sulastri",
                       "Herawati", "Nurjanah", "Sukaesih", "Maryati", "Fitriani", "Rohaeti",
                       "Mulyani", "Sopiah", "Nurlaela", "Juariah", "Kartika"),
    ),
    "jawa": Culture(
        male=("Budi", "Agus", "Eko", "Dwi", "Tri", "Joko", "Slamet", "Bambang", "Sugeng",
              "Heru", "Bayu", "Teguh", "Wahyu", "Hadi", "Yoga", "Gatot", "Wisnu", "Arif",
              "Sigit", "Bagus", "Puji", "Suryo", "Yanto", "Anton", "Hari", "Didik", "Edi"),
        female=("Sri", "Dwi", "Tri", "Endang", "Rini", "Yuni", "Retno", "Ratna", "Dyah", "Ika",
                "Sari", "Wulan", "Ani", "Tutik", "Puji", "Nanik", "Endah", "Kartika", "Dewi",
                "Siti", "Indah", "Lestari", "Nur", "Fitri", "Yeni", "Wiwik", "Sekar"),
        male_second=("Santoso", "Setiawan", "Prasetyo", "Wibowo", "Nugroho", "Susilo",
                     "Purnomo", "Hartono", "Sutrisno", "Wahyudi", "Kurniawan", "Saputro",
                     "Raharjo", "Pranoto", "Sulistyo", "Widodo", "Handoko", "Gunawan",
                     "Riyadi", "Haryanto", "Setiadi", "Suprapto", "Wijayanto", "Cahyono"),
        female_second=("Wahyuni", "Rahayu", "Lestari", "Handayani", "Susanti", "Wulandari",
                       "Astuti", "Rahmawati", "Kusumawati", "Purwanti", "Setyaningsih",
                       "Utami", "Suryani", "Widyastuti", "Ningsih", "Pratiwi", "Hastuti",
                       "Indriyani", "Sulistyowati", "Yuliani", "Mulyaningsih", "Sumarni"),
    ),
    "muslim": Culture(
        male=("Muhammad", "Ahmad", "Abdul", "Mochamad", "Moh.", "M.", "Rizki", "Fauzi",
              "Ilham", "Hafiz", "Fadli", "Ridwan", "Yusuf", "Ibrahim", "Ismail", "Zainal",
              "Syaiful", "Hasan", "Husain", "Ma'ruf", "Ja'far", "Amin", "Sholeh", "Zulkifli",
              "Nur", "Imam", "Luqman", "Hamzah"),
        female=("Siti", "Nur", "Nurul", "Aisyah", "Fatimah", "Khadijah", "Zahra", "Aminah",
                "Maryam", "Hasanah", "Rahmah", "Nabila", "Azizah", "Latifah", "Halimah",
                "Zulaikha", "Mu'minah", "Sa'adah", "Umi", "Ainun", "Laila", "Syarifah"),
        male_second=("Hidayat", "Arifin", "Rahman", "Rahim", "Aziz", "Hakim", "Mubarok",
                     "Jamaluddin", "Kamaluddin", "Fathurrahman", "Syafi'i", "Nu'man",
                     "Iskandar", "Abdullah", "Faisal", "Rosyid", "Anwar", "Mahmud", "Yusuf",
                     "Al-Amin", "Maulana", "Hasbullah"),
        female_second=("Aisyah", "Fatimah", "Nurhaliza", "Hasanah", "Hidayah", "Khoirunnisa",
                       "Salsabila", "Azizah", "Fadhilah", "Jannah", "Latifah", "Rohmah",
                       "Mufidah", "Zakiyah", "Maghfiroh", "Nur Aini", "Umairoh", "Rahmawati",
                       "Mutmainnah", "Hafsah"),
    ),
    "tionghoa": Culture(
        male=("Hendra", "Budi", "Kevin", "Yohanes", "Andi", "William", "Steven", "Rudy",
              "Hengky", "Johan", "Felix", "Sutanto", "Edwin", "Ferry", "Jimmy", "Harianto"),
        female=("Lina", "Michelle", "Susan", "Linda", "Melinda", "Cindy", "Fenny", "Lily",
                "Grace", "Yenny", "Meiliana", "Jessica", "Vivian", "Stella", "Lanny", "Wenny"),
        family=("Wijaya", "Gunawan", "Halim", "Tanoto", "Salim", "Kusuma", "Tanjaya",
                "Hartanto", "Sutanto", "Santoso", "Lim", "Tan", "Setiadi", "Widjaja", "Tjandra",
                "Hartono", "Lie", "Gozali"),
        modern="",
    ),
    "batak": Culture(
        male=("Jonathan", "Daniel", "Samuel", "Yosua", "Hotman", "Togar", "Martua", "Parulian",
              "Bonar", "Sahat", "Tigor", "Rudolf", "Frans", "Roy", "Benny", "Hendrik",
              "Anggiat", "Marihot", "Poltak", "Sabar", "Bintang", "Tumpal", "Robert", "Jansen"),
        female=("Maria", "Ruth", "Debora", "Lasma", "Tiurma", "Sondang", "Rosmawati",
                "Elisabeth", "Sarah", "Lamtiur", "Rotua", "Hotmaida", "Juliana", "Friska",
                "Grace", "Yohana", "Romauli", "Tiolina", "Ester", "Nurcahaya", "Dame"),
        family=("Siregar", "Simanjuntak", "Nainggolan", "Hutapea", "Sitompul", "Pardede",
                "Situmorang", "Sinaga", "Manurung", "Panjaitan", "Sihombing", "Simatupang",
                "Hutagalung", "Pasaribu", "Tambunan", "Silalahi", "Napitupulu", "Sitorus",
                "Gultom", "Siahaan", "Tampubolon", "Sembiring", "Ginting", "Tarigan", "Purba",
                "Saragih", "Damanik", "Karo-Karo", "Perangin-angin", "Sianturi"),
        modern="christian",
    ),
    "mandailing": Culture(
        male=("Ahmad", "Muhammad", "Syahrial", "Rahmat", "Sutan", "Mangaraja", "Irwan",
              "Zulkarnain", "Fahri", "Hamdan", "Rusli", "Taufik", "Amir", "Saipul"),
        female=("Nurhayati", "Siti", "Rosmaini", "Nurlela", "Masdelina", "Hotnida", "Fitri",
                "Annisa", "Rahma", "Nur Aisyah", "Delima", "Sahara"),
        family=("Nasution", "Lubis", "Harahap", "Siregar", "Daulay", "Rangkuti", "Batubara",
                "Pulungan", "Hasibuan", "Matondang", "Ritonga", "Dalimunthe"),
    ),
    "minang": Culture(
        male=("Afrizal", "Syafril", "Zulkifli", "Yendri", "Efendi", "Rahmat", "Fauzan",
              "Hendri", "Irwan", "Yusril", "Ardi", "Doni", "Rino", "Zulfahmi", "Alfi", "Fikri",
              "Yulizar", "Rusli", "Asrul", "Nofrizal", "Elfi", "Syahril"),
        female=("Yusnaini", "Erlinda", "Desfitri", "Rahmi", "Yulia", "Elvi", "Rosna",
                "Nurmaisyah", "Fitri", "Yelfi", "Mardiah", "Wirda", "Hayati", "Yessi",
                "Novita", "Rahmadani", "Zurni", "Afni", "Nelli", "Suci"),
        male_second=("Hidayat", "Putra", "Saputra", "Chaniago", "Koto", "Piliang", "Tanjung",
                     "Jambak", "Sikumbang", "Guci", "Rahman", "Efendi", "Syamsuddin",
                     "Amran"),
        female_second=("Rahmi", "Yanti", "Hayati", "Novianti", "Suryani", "Fitriani",
                       "Marlina", "Yusra", "Chaniago", "Zulaikha", "Elfira", "Dewi"),
    ),
    "melayu": Culture(
        male=("Syahrul", "Zulkarnain", "Azmi", "Faisal", "Hamdan", "Khairul", "Mahmud",
              "Razak", "Firdaus", "Ismail", "Harun", "Saiful", "Jefri", "Amran", "Zainal",
              "Rizal"),
        female=("Nurhasanah", "Zuraidah", "Norma", "Fauziah", "Rohani", "Salmah", "Zubaidah",
                "Aminah", "Suryani", "Wan Nurul", "Rosnah", "Mariani", "Juliana", "Hasnah"),
        male_second=("Effendi", "Hamid", "Rahman", "Syahputra", "Ismail", "Harahap", "Yusuf",
                     "Abdullah", "Kadir", "Hasan"),
        female_second=("Hanim", "Ningsih", "Wati", "Fitri", "Sari", "Hayati", "Nurjannah",
                       "Asmara"),
        male_titles=("Tengku", "Wan", "Raja"),
        female_titles=("Tengku", "Wan", "Syarifah"),
    ),
    "aceh": Culture(
        male=("Muhammad", "Zulfikar", "Fadhil", "Razali", "Mukhlis", "Azhari", "Safrizal",
              "Munawar", "Husaini", "Nasruddin", "Jufri", "Iskandar", "Rizki", "Maulidin",
              "Khairil", "Zulfahmi", "Amiruddin", "Fakhrurrazi"),
        female=("Nurul", "Rahmi", "Fitria", "Nurjannah", "Raihan", "Zuraida", "Mardhiah",
                "Rosmiati", "Meutia", "Khairunnisa", "Nurhaliza", "Safrina", "Maulida",
                "Yusrawati", "Intan", "Zahratul"),
        male_second=("Ibrahim", "Husin", "Abdullah", "Ismail", "Yusuf", "Hasan", "Amin",
                     "Daud", "Zakaria", "Ramli", "Sufi", "Syah"),
        female_second=("Fadhilah", "Husna", "Aini", "Rahmah", "Safitri", "Zahara", "Hayati",
                       "Maghfirah", "Ulfa", "Rizkia"),
        male_titles=("Teuku",),
        female_titles=("Cut",),
    ),
    "banjar": Culture(
        male=("Muhammad", "Ahmad", "Rahmadi", "Noor", "Rusdi", "Syahrani", "Gazali", "Rifani",
              "Arbain", "Hairul", "Fahrurrazi", "Jumadi", "Murjani", "Saberan"),
        female=("Noor", "Fitriani", "Rusmini", "Hamidah", "Jamilah", "Masitah", "Rabiatul",
                "Siti", "Nurlatifah", "Mahmudah", "Raudah", "Hidayah", "Normaliana"),
        male_second=("Rizky Noor", "Arsyad", "Hidayat", "Fauzan", "Ansyari", "Hasan",
                     "Effendi", "Rahman", "Yamani", "Noor"),
        female_second=("Adawiyah", "Aulia", "Fitri", "Hasanah", "Jannah", "Noor Aida",
                       "Rahmah", "Wahdah", "Ulfah"),
        male_titles=("Gusti",),
        female_titles=("Gusti",),
    ),
    "bugis": Culture(
        male=("Muh.", "Muhammad", "Syamsuddin", "Akbar", "Ardiansyah", "Haeruddin",
              "Baharuddin", "Amiruddin", "Nasrullah", "Syahrir", "Darwis", "Ilham", "Irfan",
              "Asri", "Sudirman", "Rusdi", "Hamzah", "Jusman", "Ridwan", "Fadli", "Arham"),
        female=("Nurhayati", "Hasnah", "Rosmiati", "Sitti", "Nurul", "Hasriani", "Nurhaedah",
                "Jumriani", "Kasmawati", "Rahmatia", "Sukmawati", "Hasmawati", "Irmawati",
                "Nurlaela", "Megawati", "Fatmawati", "Hasmiah", "Sumarni", "Rahmi"),
        male_second=("Ilham", "Akbar", "Ashar", "Said", "Arsyad", "Rahman", "Amir", "Yusuf",
                     "Nur", "Basri", "Hamka", "Daeng Tika", "Syarif", "Tahir"),
        female_second=("Amalia", "Rahayu", "Ramadhani", "Arifin", "Hafsah", "Nurjannah",
                       "Wahyuni", "Asri", "Syam", "Daeng Baji"),
        male_titles=("Andi",),
        female_titles=("Andi",),
    ),
    "minahasa": Culture(
        male=("Stevan", "Jefry", "Meiky", "Rivo", "Frangky", "Denny", "Ronald", "Alfrets",
              "Novri", "Christian", "Marcel", "Kevin", "Gerald", "Rendy", "Jonathan", "Vicky",
              "Reinhard", "Hendrik", "Fendy", "Glenn"),
        female=("Grace", "Meity", "Novita", "Angelica", "Vanny", "Stefani", "Injilia",
                "Priskila", "Jessica", "Olivia", "Natalia", "Feibe", "Deysi", "Christy",
                "Mega", "Lenny", "Marlyn", "Vera", "Jein"),
        family=("Rumondor", "Wenas", "Lumowa", "Sondakh", "Pangemanan", "Tumbelaka",
                "Mandagi", "Kalangi", "Lumintang", "Tumiwa", "Wowor", "Rompas", "Sumual",
                "Rorimpandey", "Kaunang", "Rumengan", "Pontoh", "Supit", "Tambuwun",
                "Lengkong", "Tangkilisan", "Walangitan", "Karundeng", "Mamahit"),
        modern="christian",
    ),
    "ntt": Culture(
        male=("Yohanes", "Fransiskus", "Yosef", "Petrus", "Paulus", "Agustinus", "Marselinus",
              "Kornelis", "Yakobus", "Stefanus", "Aloysius", "Bernardus", "Dominikus",
              "Gregorius", "Hieronimus", "Yulius", "Antonius", "Oktavianus", "Maksimus"),
        female=("Maria", "Theresia", "Yuliana", "Agnes", "Maria Goreti", "Yasinta", "Veronika",
                "Katarina", "Margaretha", "Elisabeth", "Skolastika", "Imaculata", "Fransiska",
                "Florentina", "Getrudis", "Yosefina", "Magdalena", "Benedikta"),
        family=("Da Costa", "Fernandes", "Da Silva", "Ndun", "Lake", "Bria", "Nope", "Manafe",
                "Tefa", "Nenabu", "Seran", "Leki", "Wona", "Mere", "Kleden", "Lewar",
                "Pareira", "Sogen", "Bere", "Ratu", "Nuwa", "Djami", "Lado", "Bani", "Tanone",
                "Parera", "Wake", "Goa"),
        modern="christian",
    ),
    "maluku": Culture(
        male=("Johan", "Frans", "Yopie", "Marthen", "Semuel", "Alfred", "Jacob", "Hendrik",
              "Abdul", "Ali", "Rizal", "Yusran", "Frederik", "Costantinus"),
        female=("Magdalena", "Yohana", "Mariana", "Paulina", "Elisabeth", "Nona", "Sarah",
                "Fatma", "Hadija", "Salma", "Ruth", "Yuliana", "Meyti"),
        family=("Pattiasina", "Latuheru", "Siahaya", "Tuhumury", "Wattimena", "Lekatompessy",
                "Matulessy", "Tanamal", "Pelupessy", "Tuasikal", "Marasabessy", "Ohorella",
                "Latuconsina", "Tuanaya", "Sahetapy", "Pattinama", "Souisa", "Leiwakabessy"),
        modern="christian",
    ),
    "bali": Culture(
        male=("Agus", "Adi", "Arya", "Dharma", "Suarjana", "Artawan", "Sudarsana", "Wirawan",
              "Adnyana", "Darmawan", "Sukadana", "Astawa", "Mahendra", "Widiana", "Putra",
              "Yudiantara", "Pramana", "Sanjaya", "Budiarta", "Suryawan", "Eka", "Krisna"),
        female=("Ayu", "Sri", "Dewi", "Puspita", "Suastini", "Pradnyani", "Lestari", "Wahyuni",
                "Sukmawati", "Purnami", "Ariani", "Yuliantari", "Sumertini", "Kartini",
                "Astiti", "Widiastuti", "Candra", "Ratih", "Sukerti", "Paramita"),
        male_second=("Suarjana", "Artawan", "Wirawan", "Adnyana", "Saputra", "Wijaya",
                     "Pramana", "Sudiarta", "Kusuma", "Antara", "Arsana", "Widnyana"),
        female_second=("Lestari", "Dewi", "Suastini", "Pradnyani", "Sari", "Rahayu",
                       "Wulandari", "Sukmawati", "Astuti", "Paramitha", "Damayanti"),
        modern="",
        balinese=True,
    ),
}

# Birth-order names (nama urutan kelahiran) and caste titles for Balinese names.
BALI_ORDER: dict[str, tuple[str, ...]] = {
    "L": ("Wayan", "Putu", "Gede", "Made", "Kadek", "Nengah", "Nyoman", "Komang", "Ketut"),
    "P": ("Wayan", "Putu", "Luh", "Made", "Kadek", "Nengah", "Nyoman", "Komang", "Ketut"),
}
BALI_MALE_TITLES: tuple[str, ...] = ("Ida Bagus", "I Gusti Ngurah", "Anak Agung Gede")
BALI_FEMALE_TITLES: tuple[str, ...] = ("Ida Ayu", "I Gusti Ayu", "Anak Agung Ayu")

# Foreign teachers (WNA) at Satuan Pendidikan Kerja sama.
FOREIGN_MALE: tuple[str, ...] = (
    "John Smith", "David Miller", "José Fernández", "Jürgen Bauer", "Kenji Tanaka",
    "Rahul Sharma", "Pierre Lefèvre", "Michael O'Brien", "Lars Sørensen", "Tomás Novák",
)
FOREIGN_FEMALE: tuple[str, ...] = (
    "Emily Johnson", "Sarah Wilson", "Mélanie Dubois", "Anna Müller", "Yuki Sato",
    "Priya Nair", "Chloé Martin", "Siobhán Kelly", "Zoë Andersen", "María González",
)

# Pieces of private school names. A networked foundation ("Muhammadiyah", "PGRI") numbers its
# schools per district and names the place ("SMP Muhammadiyah 4 Bandung"); a standalone one
# does not ("MTs Al-Ikhlas").
ISLAMIC_FOUNDATIONS: tuple[tuple[str, bool], ...] = (
    ("Al-Ikhlas", False), ("Al-Hidayah", False), ("Al-Falah", False), ("Nurul Huda", False),
    ("Darul Ulum", False), ("Miftahul Huda", False), ("Al-Ma'arif", False),
    ("Nurul Iman", False), ("Al-Azhar", True), ("Darussalam", False),
    ("Baitul Hikmah", False), ("Al-Muhajirin", False), ("Riyadhul Jannah", False),
    ("Hidayatul Mubtadiin", False), ("Al-Irsyad", True), ("Persis", True),
    ("Muhammadiyah", True), ("Ma'arif NU", True), ("Al-Amanah", False), ("At-Taqwa", False),
    ("Al-Furqon", False), ("Islam Terpadu Insan Kamil", False), ("Mathla'ul Anwar", True),
    ("Tarbiyatul Islamiyah", False), ("Nahdlatul Wathan", True),
)
CHRISTIAN_FOUNDATIONS: tuple[tuple[str, bool], ...] = (
    ("Kristen BPK Penabur", True), ("Katolik Santo Yusup", False),
    ("Katolik Santa Maria", False), ("Kristen Kalam Kudus", False), ("Kristen Immanuel", False),
    ("Katolik Santa Ursula", False), ("Kristen Petra", True), ("Advent", True),
    ("Katolik Santo Aloysius", False), ("Kristen YPKM", True), ("Katolik Frater", False),
    ("GMIM", True), ("Methodist", True), ("HKBP", True), ("Katolik Santo Yosef", False),
)
HINDU_FOUNDATIONS: tuple[tuple[str, bool], ...] = (
    ("Dwijendra", True), ("Saraswati", True), ("Widya Kumara", False),
    ("Pariwisata Triatma Jaya", False), ("Dharma Praja", False), ("Wisata Darma", False),
)
GENERAL_FOUNDATIONS: tuple[tuple[str, bool], ...] = (
    ("Bhakti Nusantara", False), ("Pelita Bangsa", False), ("Tunas Harapan", False),
    ("Bina Taruna", False), ("Pasundan", True), ("Taman Siswa", True), ("PGRI", True),
    ("Karya Pembangunan", True), ("Budi Utomo", False), ("Harapan Bangsa", False),
    ("Mutiara Bunda", False), ("Insan Cendekia", False), ("Tunas Bangsa", False),
    ("Bina Insani", False), ("Dharma Putra", False), ("Yadika", True), ("Kartika", True),
    ("Angkasa", True), ("Bhayangkari", True), ("Nusa Putra", False), ("Widya Dharma", False),
    ("Teknologi Informatika", False), ("Kesehatan Bakti Husada", False),
)
SLB_FOUNDATIONS: tuple[str, ...] = (
    "Pembina", "Asih Budi", "YPLB", "Dharma Asih", "Purnama Asih", "BC Budi Nurani",
    "Bhakti Luhur", "Autis Prananda", "Widya Bhakti", "Putra Jaya",
)
PKBM_NAMES: tuple[str, ...] = (
    "Bina Mandiri", "Tunas Harapan", "Mitra Sejahtera", "Cahaya Ilmu", "Karya Mandiri",
    "Harapan Bangsa", "Nurul Ilmi", "Bina Warga", "Sinar Pagi", "Mekar Jaya", "Al-Hikmah",
    "Pelita Hati", "Bakti Pertiwi",
)
SPK_NAMES: tuple[str, ...] = (
    "Bina Bangsa School", "Nusantara International School", "Cendekia Global School",
    "Harapan Global School", "Mentari Intercultural School", "Tunas Muda International School",
    "Garuda World Academy", "Pelangi Cambridge School",
)

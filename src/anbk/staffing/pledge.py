"""The integrity pledge (pakta integritas) officials sign in the portal (S-7; POS BAB IV H,
JUKNIS VII B). Its version is core.staffing.PLEDGE_VERSION; a changed text needs a new one."""

from django.utils.translation import gettext_lazy as _

PLEDGE_OPENING = _("Saya yang bertanda tangan di bawah ini, dalam rangka pelaksanaan Asesmen "
                   "Nasional, dengan ini menyatakan bahwa saya:")
PLEDGE_STATEMENTS = (
    _("akan melaksanakan tugas sebagai %(role)s dengan jujur, disiplin, teliti, dan "
      "bertanggung jawab sesuai Prosedur Operasional Standar (POS) Asesmen Nasional;"),
    _("tidak akan membawa dan/atau menggunakan perangkat komunikasi elektronik, kamera, dan "
      "sejenisnya di dalam ruang asesmen;"),
    _("akan menjaga kerahasiaan soal, token, kartu login, dan data peserta, serta tidak akan "
      "menggandakan, menyebarkan, atau membocorkannya;"),
    _("tidak akan memberi isyarat, petunjuk, dan/atau bantuan apa pun kepada peserta yang "
      "berkaitan dengan jawaban soal;"),
    _("bersedia menerima sanksi sesuai ketentuan peraturan perundang-undangan apabila "
      "melanggar pernyataan ini."),
)


def statements(role_label: str) -> list[str]:
    return [str(text) % {"role": role_label} for text in PLEDGE_STATEMENTS]

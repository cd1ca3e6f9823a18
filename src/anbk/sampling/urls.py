from django.urls import path

from anbk.sampling import views

app_name = "sampling"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("jalankan/", views.run_start, name="run_start"),
    path("sampling/<int:pk>/", views.run_detail, name="run_detail"),
    path("asesmen/", views.assessment, name="assessment"),
    path("sekolah/", views.school_list, name="school_list"),
    path("sekolah/tetapkan-dnt/", views.finalise_ready, name="finalise_ready"),
    path("sekolah/<str:npsn>/", views.school_detail, name="school_detail"),
    path("sekolah/<str:npsn>/kelayakan/", views.eligibility, name="eligibility"),
    path("sekolah/<str:npsn>/konfirmasi-semua/", views.confirm_all, name="confirm_all"),
    path("sekolah/<str:npsn>/sampling-ulang/", views.resample, name="resample"),
    path("sekolah/<str:npsn>/tetapkan-dnt/", views.finalise, name="finalise"),
    path("sekolah/<str:npsn>/cadangan/", views.reserves, name="reserves"),
    path("nominasi/<int:pk>/konfirmasi/", views.participant_confirm,
         name="participant_confirm"),
    path("nominasi/<int:pk>/tandai/", views.participant_flag, name="participant_flag"),
    path("nominasi/<int:pk>/selesaikan/", views.participant_resolve,
         name="participant_resolve"),
    path("sekolah/<str:npsn>/surat-orang-tua.pdf", views.parent_letters,
         name="parent_letters"),
    path("sekolah/<str:npsn>/dns.csv", views.export, {"kind": "dns", "fmt": "csv"},
         name="dns_csv"),
    path("sekolah/<str:npsn>/dns.pdf", views.export, {"kind": "dns", "fmt": "pdf"},
         name="dns_pdf"),
    path("sekolah/<str:npsn>/dnt.csv", views.export, {"kind": "dnt", "fmt": "csv"},
         name="dnt_csv"),
    path("sekolah/<str:npsn>/dnt.pdf", views.export, {"kind": "dnt", "fmt": "pdf"},
         name="dnt_pdf"),
    path("wilayah/<str:code>/dns.pdf", views.district_dns, name="district_dns"),
    path("responden-slb/", views.respondents, name="respondents"),
]

from django.urls import include, path

urlpatterns = [
    path("akun/", include("anbk.accounts.urls")),
    path("data/", include("anbk.registry.urls")),
    path("impor/", include("anbk.registry.importing.urls")),
    path("peserta/", include("anbk.sampling.urls")),
    path("kesiapan/", include("anbk.readiness.urls")),
    path("pelaksana/", include("anbk.staffing.urls")),
    path("instrumen/", include("anbk.items.urls")),
    path("jadwal/", include("anbk.scheduling.urls")),
    path("dokumen/", include("anbk.documents.urls")),
    path("", include("anbk.portal.urls")),
]

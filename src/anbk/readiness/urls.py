from django.urls import path

from anbk.readiness import views

app_name = "readiness"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sekolah/<str:npsn>/", views.school_detail, name="school_detail"),
    path("sekolah/<str:npsn>/laporan/", views.report_edit, name="report_edit"),
    path("sekolah/<str:npsn>/kirim/", views.report_submit, name="report_submit"),
    path("sekolah/<str:npsn>/verifikasi/", views.report_verify, name="report_verify"),
    path("sekolah/<str:npsn>/moda/", views.decide, name="decide"),
    path("penetapan/", views.decision_list, name="decision_list"),
    path("penetapan/sk.pdf", views.decree, name="decree"),
    path("berbagi/", views.sharing, name="sharing"),
    path("berbagi/terima/", views.sharing_accept, name="sharing_accept"),
    path("tim-teknis/", views.tech_team, name="tech_team"),
    path("tim-teknis/tambah/", views.tech_add, name="tech_add"),
    path("tim-teknis/<int:pk>/hapus/", views.tech_remove, name="tech_remove"),
]

from django.urls import path

from anbk.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.home, name="home"),
    path("sekolah/<str:npsn>/", views.school_view, name="school"),
    path("sekolah/<str:npsn>/kartu-login.pdf", views.cards_pdf, name="cards"),
    path("sekolah/<str:npsn>/kartu-slb.pdf", views.survey_cards_pdf, name="survey_cards"),
    path("sekolah/<str:npsn>/rekap.pdf", views.recap_pdf, name="recap"),
    path("sesi/<int:session>/ruang/<int:room>/hari/<int:day>/daftar-hadir.pdf",
         views.attendance_pdf, name="attendance"),
    path("sesi/<int:session>/ruang/<int:room>/hari/<int:day>/berita-acara.pdf",
         views.session_report_pdf, name="session_report"),
    path("sesi/<int:session>/ruang/<int:room>/hari/<int:day>/unggah/<str:kind>/",
         views.scan_upload_view, name="scan_upload"),
    path("pindaian/<int:pk>/", views.scan_file, name="scan_file"),
    path("gabungan/", views.batch_list_view, name="batches"),
    path("gabungan/<int:pk>/", views.batch_view, name="batch"),
    path("gabungan/<int:pk>/progres/", views.batch_progress, name="batch_progress"),
    path("gabungan/<int:pk>/unduh.zip", views.batch_download, name="batch_download"),
]

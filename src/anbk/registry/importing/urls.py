from django.urls import path

from anbk.registry.importing import views

app_name = "imports"
urlpatterns = [
    path("", views.upload_view, name="upload"),
    path("contoh/<str:kind>.csv", views.sample_view, name="sample"),
    path("<int:pk>/", views.job_view, name="job"),
    path("<int:pk>/progres/", views.job_progress_view, name="progress"),
    path("<int:pk>/galat.xlsx", views.job_errors_view, name="errors"),
    path("<int:pk>/impor-baris-valid/", views.job_retry_view, name="retry"),
    path("<int:pk>/jalankan-ulang/", views.job_rerun_view, name="rerun"),
]

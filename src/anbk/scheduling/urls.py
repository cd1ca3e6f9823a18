from django.urls import path

from anbk.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.home, name="home"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender/<int:pk>/ubah/", views.calendar_edit, name="calendar_edit"),
    path("sekolah/<str:npsn>/", views.school_schedule, name="school_schedule"),
    path("sekolah/<str:npsn>/akun-login/", views.credential_list, name="credential_list"),
    path("sekolah/<str:npsn>/akun-login/terbitkan-pendidik/",
         views.credentials_issue_educators, name="credentials_issue_educators"),
    path("akun-login/<int:pk>/cabut/", views.credential_revoke, name="credential_revoke"),
]
urlpatterns += [
    path("sekolah/<str:npsn>/sesi/", views.sessions, name="sessions"),
    path("sekolah/<str:npsn>/penempatan/", views.placement, name="placement"),
    path("sekolah/<str:npsn>/penempatan/jalankan/", views.placement_run, name="placement_run"),
    path("peserta/<int:pk>/tempat/", views.placement_move, name="placement_move"),
    path("sekolah/<str:npsn>/cek-kelengkapan/", views.checklist, name="checklist"),
    path("cek-kelengkapan/", views.checklist_list, name="checklist_list"),
]

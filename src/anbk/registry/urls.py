from django.urls import path

from anbk.registry import views

app_name = "registry"
urlpatterns = [
    path("sekolah/", views.school_list, name="school_list"),
    path("sekolah/pilihan/", views.school_options, name="school_options"),
    path("sekolah/<str:npsn>/", views.school_detail, name="school_detail"),
    path("peserta-didik/", views.student_list, name="student_list"),
    path("peserta-didik/<str:nisn>/", views.student_detail, name="student_detail"),
    path("pendidik/", views.teacher_list, name="teacher_list"),
    path("pendidik/<str:nik>/", views.person_detail, name="person_detail"),
]

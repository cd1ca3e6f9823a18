from django.urls import path

from anbk.staffing import views

app_name = "staffing"
urlpatterns = [
    path("", views.school_list, name="school_list"),
    path("kekurangan/", views.gaps, name="gaps"),
    path("pengawas/", views.supervisors, name="supervisors"),
    path("pakta-integritas/", views.pledge, name="pledge"),
    path("pakta-integritas/<int:pk>/pdf/", views.pledge_pdf, name="pledge_pdf"),
    path("sekolah/<str:npsn>/", views.school_detail, name="school"),
    path("sekolah/<str:npsn>/ruang/", views.room_create, name="room_create"),
    path("sekolah/<str:npsn>/petugas/", views.official_create, name="official_create"),
    path("sekolah/<str:npsn>/tugaskan/", views.assign, name="assign"),
    path("sekolah/<str:npsn>/pelatihan/", views.training, name="training"),
    path("sekolah/<str:npsn>/daftar-id-proktor/", views.proctor_list_pdf,
         name="proctor_list_pdf"),
    path("ruang/<int:pk>/server/", views.server_create, name="server_create"),
    path("ruang/<int:pk>/ubah/", views.room_update, name="room_update"),
    path("ruang/<int:pk>/hapus/", views.room_delete, name="room_delete"),
    path("server/<int:pk>/hapus/", views.server_delete, name="server_delete"),
    path("petugas/<int:pk>/akun/", views.official_account, name="official_account"),
    path("petugas/<int:pk>/hapus/", views.official_delete, name="official_delete"),
    path("penugasan/<int:pk>/hapus/", views.unassign, name="unassign"),
]

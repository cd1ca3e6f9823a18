from django.urls import path

from anbk.items import qti_views

app_name = "items"
urlpatterns: list = [
    # QTI 3.0 import and export (docs/qti.md).
    path("qti/", qti_views.qti_home, name="qti_home"),
    path("qti/impor/", qti_views.qti_import, name="qti_import"),
    path("qti/impor/<int:pk>/", qti_views.qti_import_detail, name="qti_import_detail"),
    path("qti/impor/<int:pk>/isi-modul/", qti_views.qti_import_fill, name="qti_import_fill"),
    path("qti/ekspor/soal/<str:code>/<int:number>/", qti_views.qti_export_item,
         name="qti_export_item"),
    path("qti/ekspor/paket/<str:code>/", qti_views.qti_export_form, name="qti_export_form"),
]

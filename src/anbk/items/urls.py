from django.urls import path

from anbk.items import qti_views, views

app_name = "items"
urlpatterns = [
    path("soal/", views.item_list_view, name="item_list"),
    path("soal/baru/", views.item_create_view, name="item_create"),
    path("soal/<int:pk>/", views.item_detail_view, name="item_detail"),
    path("soal/<int:pk>/ubah/", views.item_edit_view, name="item_edit"),
    path("soal/<int:pk>/pratinjau/", views.item_preview_view, name="item_preview"),
    path("soal/<int:pk>/ajukan/", views.item_submit_view, name="item_submit"),
    path("soal/<int:pk>/telaah/", views.item_review_view, name="item_review"),
    path("telaah/", views.review_queue_view, name="review_queue"),
    path("stimulus/", views.stimulus_list_view, name="stimulus_list"),
    path("stimulus/baru/", views.stimulus_create_view, name="stimulus_create"),
    path("stimulus/<int:pk>/", views.stimulus_detail_view, name="stimulus_detail"),
    path("stimulus/<int:pk>/ubah/", views.stimulus_edit_view, name="stimulus_edit"),
    path("gambar/<int:pk>/", views.asset_view, name="asset"),
    path("paket/", views.form_list_view, name="form_list"),
    path("paket/baru/", views.form_create_view, name="form_create"),
    path("paket/<str:code>/", views.form_detail_view, name="form_detail"),
    path("paket/<str:code>/rute/", views.panel_routes_view, name="panel_routes"),
    path("paket/<str:code>/siap/", views.form_ready_view, name="form_ready"),
    path("paket/<str:code>/draf/", views.form_reopen_view, name="form_reopen"),
    path("paket/<str:code>/kunci/", views.form_lock_view, name="form_lock"),
    path("modul/<int:pk>/isi/", views.module_items_view, name="module_items"),
    # QTI 3.0 import and export (docs/qti.md).
    path("qti/", qti_views.qti_home, name="qti_home"),
    path("qti/impor/", qti_views.qti_import, name="qti_import"),
    path("qti/impor/<int:pk>/", qti_views.qti_import_detail, name="qti_import_detail"),
    path("qti/impor/<int:pk>/isi-modul/", qti_views.qti_import_fill, name="qti_import_fill"),
    path("qti/ekspor/soal/<str:code>/<int:number>/", qti_views.qti_export_item,
         name="qti_export_item"),
    path("qti/ekspor/paket/<str:code>/", qti_views.qti_export_form, name="qti_export_form"),
]

from django.urls import include, path

urlpatterns = [
    path("akun/", include("anbk.accounts.urls")),
    path("data/", include("anbk.registry.urls")),
    path("impor/", include("anbk.registry.importing.urls")),
    path("", include("anbk.portal.urls")),
]

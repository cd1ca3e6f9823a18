from django.urls import include, path

urlpatterns = [
    path("akun/", include("anbk.accounts.urls")),
    path("", include("anbk.portal.urls")),
]

from django.urls import path

from anbk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("kata-sandi/", views.password_change_view, name="password_change"),
]

from django.urls import path

from anbk.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("kata-sandi/", views.password_change_view, name="password_change"),
    path("pengguna/", views.user_list_view, name="user_list"),
    path("pengguna/terbitkan/", views.user_issue_view, name="user_issue"),
    path("pengguna/<int:pk>/", views.user_detail_view, name="user_detail"),
    path("pengguna/<int:pk>/buka-kunci/", views.user_unlock_view, name="user_unlock"),
    path("pengguna/<int:pk>/atur-ulang-sandi/", views.user_reset_password_view,
         name="user_reset_password"),
    path("pengguna/<int:pk>/status/", views.user_set_active_view, name="user_set_active"),
]

from django.urls import path
from django.views.i18n import set_language

from anbk.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("bahasa/", set_language, name="set_language"),
]

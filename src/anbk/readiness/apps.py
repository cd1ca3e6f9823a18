from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "anbk.readiness"
    label = "readiness"

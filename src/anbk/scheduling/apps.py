from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "anbk.scheduling"
    label = "scheduling"

from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "anbk.sampling"
    label = "sampling"

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "anbk.registry"
    label = "registry"

from django.apps import AppConfig


class ItemsConfig(AppConfig):
    name = "anbk.items"
    label = "items"

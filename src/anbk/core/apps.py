from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anbk.core"
    label = "core"
    verbose_name = "Inti"

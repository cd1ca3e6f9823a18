from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "anbk.portal"
    label = "portal"

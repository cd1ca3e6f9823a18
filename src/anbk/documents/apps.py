from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "anbk.documents"
    label = "documents"

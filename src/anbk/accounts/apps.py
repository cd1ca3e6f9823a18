from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "anbk.accounts"
    label = "accounts"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "acuclinic.accounts"
    label = "accounts"
    verbose_name = "Accounts"

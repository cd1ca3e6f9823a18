from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "anbk.staffing"
    label = "staffing"

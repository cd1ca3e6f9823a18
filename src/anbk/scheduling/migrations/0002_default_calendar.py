"""Seed the national calendar with the 2021 default of POS BAB XI (J-1)."""

from django.db import migrations

from anbk.scheduling.calendar import calendar_seed


def seed(apps, schema_editor):
    calendar_seed(apps.get_model("scheduling", "CalendarEntry"))


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

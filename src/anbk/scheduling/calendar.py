"""The default national calendar (J-1) as rows of scheduling.CalendarEntry."""

from anbk.core.schedule import DEFAULT_CALENDAR_2021


def calendar_seed(model) -> int:
    """Write DEFAULT_CALENDAR_2021 into an empty calendar table; a calendar the centre has
    already edited is left alone. `model` is CalendarEntry (or its historical version in a
    migration). Returns the number of rows written."""
    if model.objects.exists():
        return 0
    rows = [model(level=row.level.value, wave=row.wave, kind=row.kind.value, title=row.title,
                  start=row.start, end=row.end,
                  excluded=[day.isoformat() for day in row.excluded])
            for row in DEFAULT_CALENDAR_2021]
    model.objects.bulk_create(rows)
    return len(rows)

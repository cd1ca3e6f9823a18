"""Set-based SQL for the hot paths of a large import, where the ORM's per-value work would
dominate: a million-row file spends seconds just preparing parameters otherwise.

Only plain SELECT … IN and INSERT statements, built from the models' own metadata, with
values adapted the way Django adapts them (connection.ops), so rows read back through the
ORM are identical to ones it wrote.
"""

from django.db import connection, models
from django.utils import timezone


def select_in(sql: str, keys: list) -> list[tuple]:
    """Run `sql`, written with `IN ({keys})`, for these keys. PostgreSQL gets them as one
    array parameter (= ANY), which spares the driver parsing hundreds of placeholders."""
    if not keys:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql.replace("IN ({keys})", "= ANY(%s)"), [list(keys)])
        else:
            cursor.execute(sql.format(keys=", ".join(["%s"] * len(keys))), keys)
        return cursor.fetchall()


_MISSING = object()


def _adapter(field: models.Field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if isinstance(field, models.CharField):
        # TextChoices members are str subclasses; the database driver wants plain str.
        return lambda v: v if v.__class__ is str else str(v)
    return None


def insert(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT rows given as {attname: value} with one executemany; fields a row leaves out
    take the model's default (auto_now fields: now). No primary keys come back."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    # A column a row leaves out takes its default, adapted once here: the timestamps of a
    # million-row insert would otherwise be formatted a million times.
    plan = []
    for field in fields:
        adapt = _adapter(field)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        else:
            default = field.get_default()
        if adapt and default is not None:
            default = adapt(default)
        plan.append((field.attname, adapt, default))
    values = []
    for row in rows:
        line = []
        for name, adapt, default in plan:
            value = row.get(name, _MISSING)
            if value is _MISSING:
                line.append(default)
            else:
                line.append(adapt(value) if adapt and value is not None else value)
        values.append(line)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a statement per row (a round trip each). It runs on
            # the driver's cursor, so its errors are turned into Django's here (a unique
            # violation must arrive as IntegrityError, like every other write's).
            with connection.wrap_database_errors, cursor.cursor.copy(
                    f"COPY {table} ({columns}) FROM STDIN") as copy:
                for line in values:
                    copy.write_row(line)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES "
                               f"({', '.join(['%s'] * len(fields))})", values)

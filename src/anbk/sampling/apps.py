from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "anbk.sampling"
    label = "sampling"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from anbk.sampling.keys import register_sqlite_function

        connection_created.connect(register_sqlite_function,
                                   dispatch_uid="anbk_sampling_sqlite_key")

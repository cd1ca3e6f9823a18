"""`anbk manage prune_imports --days N`: delete the files of import jobs finished N days ago."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from anbk.registry.importing.jobs import import_files_prune


class Command(BaseCommand):
    help = ("Delete the uploaded files, progress and error lists of import jobs that finished "
            "more than --days days ago (default 30). The jobs and their counts stay.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        if days < 1:
            raise CommandError(_("--days paling sedikit 1"))
        report = import_files_prune(actor=None, days=days)
        self.stdout.write(
            _("Berkas %(jobs)d impor dihapus: %(folders)d folder, %(files)d berkas, %(size)s.")
            % {"jobs": report.jobs, "folders": report.folders, "files": report.files,
               "size": filesizeformat(report.bytes)})

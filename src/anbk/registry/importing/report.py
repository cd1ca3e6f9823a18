"""The error list as a spreadsheet a district operator can open, sort and fix from."""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from anbk.registry.importing.errors import Problem


def errors_xlsx(problems: list[Problem], file_name: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet(_("Galat"))
    bold = book.add_format({"bold": True, "bg_color": "#EEF2F8"})
    text = book.add_format({"num_format": "@"})  # keeps NISN 0012345678 as written
    sheet.write(0, 0, _("Galat impor berkas %(f)s") % {"f": file_name}, bold)
    headers = [_("Baris"), _("Kolom"), _("Nilai"), _("Keterangan")]
    for col, title in enumerate(headers):
        sheet.write(2, col, title, bold)
    for index, problem in enumerate(problems, 3):
        if problem.row:
            sheet.write_number(index, 0, problem.row)
        sheet.write_string(index, 1, problem.column)
        sheet.write_string(index, 2, problem.value, text)
        sheet.write_string(index, 3, problem.message)
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 2, 24)
    sheet.set_column(3, 3, 90)
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, 2 + len(problems), 3)
    book.close()
    return buffer.getvalue()

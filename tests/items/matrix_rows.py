"""The item bank in the scoping matrix and the permission table: only the centre's
instrument team (penulis soal, penelaah soal) sees items; not even the centre admin (D-7,
docs/decisions/0012-item-bank-access-and-versions.md)."""

from anbk.accounts.models import Role

WHO = {
    "items.view_bank": {Role.ITEM_AUTHOR, Role.ITEM_REVIEWER},
    "items.author_items": {Role.ITEM_AUTHOR},
    "items.review_items": {Role.ITEM_REVIEWER},
}

"""The import kinds and who may run each."""

from anbk.registry.importing.base import Importer
from anbk.registry.importing.regions import RegionImporter
from anbk.registry.importing.schools import SchoolImporter
from anbk.registry.importing.students import StudentImporter
from anbk.registry.importing.teachers import TeacherImporter

KINDS: dict[str, type[Importer]] = {
    cls.kind: cls for cls in (RegionImporter, SchoolImporter, StudentImporter, TeacherImporter)
}


def kinds_for(actor) -> list[str]:
    """The kinds an account may import, in the order the upload form lists them."""
    if actor is None:
        return []
    return [kind for kind, cls in KINDS.items() if actor.has_perm(cls.permission)]

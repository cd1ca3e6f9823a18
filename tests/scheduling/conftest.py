import pytest

from anbk.scheduling.calendar import calendar_seed
from anbk.scheduling.models import CalendarEntry


@pytest.fixture(autouse=True)
def _credential_secret(settings):
    settings.ANBK_CREDENTIAL_SECRET = "uji-rahasia-kartu-login"


@pytest.fixture
def calendar(db):
    """The default calendar: seeded by a migration, but a live-server test elsewhere may
    have flushed the tables since."""
    calendar_seed(CalendarEntry)
    return CalendarEntry.objects.all()

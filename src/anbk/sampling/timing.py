"""When the participant list may still change on the day (P-9).

`reserve_deadline(school)` is the one place that looks up a school's first session start:
the school's schedule (anbk.scheduling.selectors.first_session_start) once its host has set
sessions; until then the start time set on the assessment (Assessment.starts_at).
"""

import datetime

from anbk.core.participation import RESERVE_CUTOFF


def reserve_deadline(school) -> datetime.datetime | None:
    """The last moment a reserve may be activated at this school: 15 minutes before session
    1 of day 1. None while no start time is known (activation is then refused)."""
    from anbk.sampling.selectors import current_assessment
    from anbk.scheduling.selectors import first_session_start

    start = first_session_start(school)
    if start is None:
        assessment = current_assessment()
        start = assessment.starts_at if assessment else None
    return start - RESERVE_CUTOFF if start else None

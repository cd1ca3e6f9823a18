"""Who may do what: the role predicates and every named permission of the project, in one place.

| permission | centre | province | district | school operator | proctor, technician, supervisor |
|---|---|---|---|---|---|
| `portal.view_home` | ✓ | ✓ | ✓ | ✓ | ✓ |
| `portal.view_registry` | ✓ | ✓ | ✓ | ✓ | |
| `portal.read_audit` | ✓ | | | | |
| `accounts.manage_accounts` | ✓ | ✓ | ✓ | ✓ | |
| `imports.use_imports` | ✓ | ✓ | ✓ | ✓ | |
| `imports.import_regions` | ✓ | | | | |
| `imports.import_schools` | ✓ | ✓ | ✓ | | |
| `imports.import_students` | ✓ | ✓ | ✓ | ✓ | |
| `imports.import_teachers` | ✓ | ✓ | ✓ | ✓ | |
| `imports.load_siln` | ✓ | | | | |
| `documents.print_documents` | ✓ | ✓ | ✓ | ✓ | proctor |
| `documents.upload_scans` | | | | ✓ | proctor |
| `documents.batch_print` | ✓ | ✓ | ✓ | | |
| `sampling.view_participants` | ✓ | ✓ | ✓ | ✓ | |
| `sampling.run_sampling` | ✓ | ✓ | ✓ | | |
| `sampling.resolve_dns` | ✓ | ✓ | ✓ | | |
| `sampling.finalise_dnt` | ✓ | ✓ | | | |
| `sampling.verify_dns` | | | | ✓ | |
| `sampling.activate_reserves` | | | | ✓ | |
| `sampling.set_assessment_dates` | ✓ | | | | |
| `readiness.view_readiness` | ✓ | ✓ | ✓ | ✓ | |
| `readiness.report_readiness` | ✓ | ✓ | ✓ | ✓ | |
| `readiness.verify_readiness` | ✓ | ✓ | ✓ | | |
| `readiness.decide_moda` | ✓ | ✓ | ✓ | | |
| `readiness.share_resources` | ✓ | ✓ | ✓ | | |
| `readiness.view_tech_teams` | ✓ | ✓ | ✓ | ✓ | ✓ |
| `readiness.manage_tech_teams` | ✓ | ✓ | ✓ | | |
| `staffing.manage_staffing` | ✓ | ✓ | ✓ | ✓ | |
| `staffing.assign_supervisors` | ✓ | ✓ | ✓ | | |
| `staffing.record_training` | ✓ | ✓ | ✓ | | |
| `staffing.sign_pledge` | | | | | ✓ |
| `items.view_bank` | penulis soal, penelaah soal only | | | | |
| `items.author_items` | penulis soal only | | | | |
| `items.review_items` | penelaah soal only | | | | |
| `scheduling.view_calendar` | ✓ | ✓ | ✓ | ✓ | ✓ |
| `scheduling.edit_calendar` | ✓ | | | | |
| `scheduling.manage_credentials` | ✓ | ✓ | ✓ | ✓ | |
| `scheduling.manage_sessions` | ✓ | ✓ | ✓ | ✓ | |
| `scheduling.view_checklist` | ✓ | ✓ | ✓ | ✓ | ✓ |

An anonymous, inactive or locked account has none of them. Ask with `user.has_perm(name)`
(`{% if perms.portal.read_audit %}` in a template); a view guards itself with
`anbk.portal.access.permission_required_404`. Two neighbouring questions are answered
elsewhere, on purpose: *where* a permitted account may act (which schools, students,
accounts) by the actor-scoped selectors (`anbk.core.scoping.school_q`), and which roles an
account may issue by the issuance table `anbk.accounts.services.ISSUABLE` (S-8).
docs/decisions/0004-permissions.md explains the choices.
"""

import rules

from anbk.accounts.models import Role


def in_good_standing(user) -> bool:
    """Signed in, active and not locked: an account that may act at all. A lock refuses new
    logins; this keeps a session opened before the lock from acting on."""
    return bool(user is not None and user.is_authenticated and user.is_active
                and user.locked_at is None)


def _role_predicate(name: str, *roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    def test(user) -> bool:
        return in_good_standing(user) and user.role in wanted

    return rules.Predicate(test, name=name)


is_centre = _role_predicate("is_centre", Role.CENTRE_ADMIN)
is_province_team = _role_predicate("is_province_team", Role.PROVINCE_TEAM)
is_district_team = _role_predicate("is_district_team", Role.DISTRICT_TEAM)
is_school_operator = _role_predicate("is_school_operator", Role.SCHOOL_OPERATOR)
is_proctor = _role_predicate("is_proctor", Role.PROCTOR)
is_technician = _role_predicate("is_technician", Role.TECHNICIAN)
is_supervisor = _role_predicate("is_supervisor", Role.SUPERVISOR)
is_item_author = _role_predicate("is_item_author", Role.ITEM_AUTHOR)
is_item_reviewer = _role_predicate("is_item_reviewer", Role.ITEM_REVIEWER)
has_role = _role_predicate("has_role", *Role)

# The centre and the technical teams of the regions: they hold authority over schools.
is_staff_team = is_centre | is_province_team | is_district_team
# Who keeps the registry: the teams, and a school operator for its own school. Proctors,
# technicians and supervisors work in the test rooms and see their school on the home page.
keeps_registry = is_staff_team | is_school_operator

PERMISSIONS: dict[str, rules.Predicate] = {
    "portal.view_home": has_role,
    "portal.view_registry": keeps_registry,
    "portal.read_audit": is_centre,
    # Opening the account pages; which accounts an issuer may create is ISSUABLE's question.
    "accounts.manage_accounts": keeps_registry,
    # Kemendagri region codes are national reference data.
    "imports.import_regions": is_centre,
    # Teams add schools under their authority; a school account cannot create schools.
    "imports.import_schools": is_staff_team,
    "imports.import_students": keeps_registry,
    "imports.import_teachers": keeps_registry,
    "imports.load_siln": is_centre,

    # Participants: eligibility, sampling, DNS/DNT, reserves, letters (sampling/, issue 3).
    # Lists are read by whoever keeps the registry; the services check the authority behind
    # each write (anbk.sampling.authority): the team of the school's tier samples and
    # resolves flags (P-6), the province (centre for SILN/SPK) finalises the DNT (P-7), the
    # school verifies its DNS and activates reserves (P-7, P-9).
    "sampling.view_participants": keeps_registry,
    "sampling.run_sampling": is_staff_team,
    "sampling.resolve_dns": is_staff_team,
    "sampling.finalise_dnt": is_centre | is_province_team,
    "sampling.verify_dns": is_school_operator,
    "sampling.activate_reserves": is_school_operator,
    "sampling.set_assessment_dates": is_centre,

    # ICT readiness, calculator, moda/status, resource sharing (readiness/, issue 4).
    # A school reports its own readiness (a team may enter it for a school from the paper
    # form of a verval visit); the teams verify it and decide moda and status (S-1), pair
    # guests with hosts (S-2) and keep their contacts, which every account of the schools
    # they serve may read (S-9).
    "readiness.view_readiness": keeps_registry,
    "readiness.report_readiness": keeps_registry,
    "readiness.verify_readiness": is_staff_team,
    "readiness.decide_moda": is_staff_team,
    "readiness.share_resources": is_staff_team,
    "readiness.view_tech_teams": is_staff_team | is_school_operator | is_proctor
    | is_technician | is_supervisor,
    "readiness.manage_tech_teams": is_staff_team,

    # Rooms, proctor servers, staff, supervisors, pledges (staffing/, issue 4).
    # A school registers its rooms, proctor servers, proctors and technicians (JUKNIS V: its
    # own choice); the teams see and help. Supervisors are placed crosswise by the teams
    # (JUKNIS VII), who also train the officials (POS BAB IV K). Officials sign their pledge.
    "staffing.manage_staffing": keeps_registry,
    "staffing.assign_supervisors": is_staff_team,
    "staffing.record_training": is_staff_team,
    "staffing.sign_pledge": is_proctor | is_technician | is_supervisor,

    # Items, surveys, forms, panels, QTI, packages (items/, issue 6). Test content is a
    # secret state document (D-7): only the centre's instrument team reads it, not even the
    # centre admin (docs/decisions/0012-item-bank-access-and-versions.md).
    "items.view_bank": is_item_author | is_item_reviewer,
    # Write and edit items and stimuli, submit them, assemble forms and panels.
    "items.author_items": is_item_author,
    # Approve or return items; mark forms and panels ready; lock them for delivery.
    "items.review_items": is_item_reviewer,

    # Calendar, sessions, placement, credentials (scheduling/, issue 5).
    # The calendar concerns everyone who runs a test day (J-1); only the centre moves it.
    "scheduling.view_calendar": is_staff_team | is_school_operator | is_proctor
    | is_technician | is_supervisor,
    "scheduling.edit_calendar": is_centre,
    # Login cards carry passwords: who keeps the registry issues, revokes and prints them.
    "scheduling.manage_credentials": keeps_registry,
    # The school (the host, for its guests too) sets sessions and seats; the teams may help.
    "scheduling.manage_sessions": keeps_registry,
    # "Cek Kelengkapan Data": the proctor checks every respondent's data (POS BAB IV).
    "scheduling.view_checklist": is_staff_team | is_school_operator | is_proctor
    | is_technician | is_supervisor,

    # Printed documents and signed scans (documents/, issue 5).
    # Cards and lists of a school: its operator and proctor (POS: the proctor prints the
    # login cards and hands them out), and the teams above it.
    "documents.print_documents": keeps_registry | is_proctor,
    # The signed scans go back from the school after every session (POS BAB V).
    "documents.upload_scans": is_school_operator | is_proctor,
    # All of a team's schools as one zip, built in the background.
    "documents.batch_print": is_staff_team,
}
# The import pages are there for whoever may import at least one kind.
PERMISSIONS["imports.use_imports"] = (
    PERMISSIONS["imports.import_regions"] | PERMISSIONS["imports.import_schools"]
    | PERMISSIONS["imports.import_students"] | PERMISSIONS["imports.import_teachers"])

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)

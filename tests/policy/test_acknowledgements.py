"""Acknowledging the published policy: once per member, linked to the roster; the share
per department; recorded and imported acknowledgements; the export."""

from __future__ import annotations

import io

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan.models import Employee
from socialroadmap.internalscan.services import create_employee
from socialroadmap.policy import services
from socialroadmap.policy.models import Acknowledgement
from socialroadmap.policy.shares import acknowledgement_shares
from tests.conftest import Persona
from tests.policy.helpers import published


def person(persona: Persona, name: str, department: str, email: str = "") -> Employee:
    employee = create_employee(
        persona.organization, full_name=name, department=department, actor=None
    )
    if email:
        Employee.objects.filter(pk=employee.pk).update(email=email)
        employee.refresh_from_db()
    return employee


def test_nothing_to_acknowledge_before_publication(owner: Persona, member: Persona) -> None:
    with pytest.raises(ServiceError, match="no version of the policy is published"):
        services.acknowledge(owner.organization, actor=member.user)


def test_a_member_acknowledges_once_per_version(owner: Persona, member: Persona) -> None:
    version = published(owner)
    row, created = services.acknowledge(owner.organization, actor=member.user)
    again, created_again = services.acknowledge(owner.organization, actor=member.user)
    assert created and not created_again and again == row
    assert (row.version, row.user, row.employee, row.source) == (version, member.user, None, "self")
    assert Acknowledgement.objects.count() == 1
    assert AuditEntry.objects.filter(kind="acknowledgement", action="create").count() == 1
    # The next published version asks again.
    published(owner, {"working_time": {"choice": "freely"}})
    _row, created = services.acknowledge(owner.organization, actor=member.user)
    assert created


def test_a_member_on_the_roster_is_linked_to_their_row(owner: Persona, member: Persona) -> None:
    published(owner)
    employee = person(owner, "Mia Member", "HR", email="MEMBER@acme.test")
    row, _created = services.acknowledge(owner.organization, actor=member.user)
    assert row.employee == employee


def test_a_recorded_acknowledgement_is_confirmed_not_doubled(
    owner: Persona, member: Persona
) -> None:
    published(owner)
    employee = person(owner, "Mia Member", "HR", email="member@acme.test")
    [recorded] = services.record_acknowledgements(
        owner.organization, [employee.pk], actor=owner.user
    )
    row, created = services.acknowledge(owner.organization, actor=member.user)
    assert not created and row == recorded
    row.refresh_from_db()
    assert row.user == member.user
    assert Acknowledgement.objects.count() == 1


def test_the_share_per_department_joins_spellings(owner: Persona, member: Persona) -> None:
    version = published(owner)
    hr_one = person(owner, "An", "HR")
    person(owner, "Bert", " hr ")
    sales = person(owner, "Carl", "Sales")
    person(owner, "Dora", "")
    services.record_acknowledgements(owner.organization, [hr_one, sales], actor=owner.user)
    services.acknowledge(owner.organization, actor=member.user)  # not on the roster
    shares = acknowledgement_shares(owner.organization)
    assert shares.version == version
    by_key = {row.key: (row.people, row.acknowledged) for row in shares.departments}
    assert by_key == {"hr": (2, 1), "sales": (1, 1), "": (1, 0)}
    assert (shares.people, shares.acknowledged, shares.share) == (4, 2, 0.5)
    assert [row.user for row in shares.off_roster] == [member.user]


def test_recording_skips_people_already_recorded_and_refuses_strangers(
    owner: Persona, outsider: Persona
) -> None:
    published(owner)
    an = person(owner, "An", "HR")
    assert len(services.record_acknowledgements(owner.organization, [an], actor=owner.user)) == 1
    assert services.record_acknowledgements(owner.organization, [an.pk], actor=owner.user) == []
    stranger = create_employee(outsider.organization, full_name="Eve", actor=None)
    with pytest.raises(ServiceError, match="not on the roster") as refused:
        services.record_acknowledgements(owner.organization, [stranger.pk], actor=owner.user)
    assert refused.value.field == "employees"


def test_deleting_a_roster_person_deletes_their_acknowledgements(owner: Persona) -> None:
    published(owner)
    an = person(owner, "An", "HR")
    services.record_acknowledgements(owner.organization, [an], actor=owner.user)
    an.delete()
    assert not Acknowledgement.objects.exists()


CSV = """name,department,email,acknowledged_on
An,hr,,2025-03-01
,,carl@acme.test,
Nobody,Sales,,
An,HR,,
Bert,HR,,31-13-2025
"""


def test_the_csv_import_keeps_good_lines_and_names_bad_ones(owner: Persona) -> None:
    published(owner)
    an = person(owner, "An", "HR")
    carl = person(owner, "Carl", "Sales", email="carl@acme.test")
    person(owner, "Bert", "HR")
    result = services.import_acknowledgements_csv(
        owner.organization, io.BytesIO(CSV.encode()), actor=owner.user
    )
    assert (result.created, result.already) == (2, 1)
    assert result.errors == [
        (4, "name", "no one on the roster is called Nobody in Sales"),
        (6, "acknowledged_on", "give a date as YYYY-MM-DD or DD-MM-YYYY, not '31-13-2025'"),
    ]
    rows = {row.employee: row for row in Acknowledgement.objects.all()}
    assert set(rows) == {an, carl}
    assert rows[an].acknowledged_at.date().isoformat() == "2025-03-01"
    assert rows[an].source == "imported"
    assert AuditEntry.objects.filter(action="import", area="policy").exists()


def test_the_csv_import_needs_a_published_version_and_a_header(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="no version"):
        services.import_acknowledgements_csv(owner.organization, io.StringIO(CSV), actor=None)
    published(owner)
    with pytest.raises(ServiceError, match="name or an email column"):
        services.import_acknowledgements_csv(
            owner.organization, io.StringIO("who\nAn\n"), actor=None
        )

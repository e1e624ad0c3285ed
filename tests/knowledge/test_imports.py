"""The completions' CSV import: people by e-mail or name, bad lines by number and field."""

from __future__ import annotations

import io

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.knowledge.imports import import_completions_csv, template_csv
from socialroadmap.knowledge.models import Completion
from socialroadmap.organizations.models import Organization
from tests.knowledge.helpers import module, person

GOOD_AND_BAD = (
    "name,department,email,module,completed_on,score\n"
    "Someone Else,,ann@acme.test,Social media basics,2026-03-01,90\n"  # 2: by e-mail
    "Bart Peeters,Sales,,social media BASICS,2026-03-02,\n"  # 3: by name and department
    "Nobody,,,Social media basics,2026-03-02,\n"  # 4: unknown person
    "Bart Peeters,Sales,,No such module,2026-03-02,\n"  # 5: unknown module
    "Cis Maes,,,Social media basics,02/03/2026,\n"  # 6: bad date
    "Cis Maes,,,Social media basics,2026-03-02,120\n"  # 7: bad score
    "Jan Janssens,,,Social media basics,2026-03-02,\n"  # 8: two namesakes
    ",,,,,\n"  # empty, skipped
    "Cis Maes,,,Social media basics,2026-03-03,75%\n"  # 10: good
)


@pytest.fixture
def roster(org: Organization) -> None:
    module(org)
    person(org, "Ann Smet", "Marketing", "ann@acme.test")
    person(org, "Bart Peeters", "sales")
    person(org, "Bart Peeters", "IT")
    person(org, "Cis Maes", "")
    person(org, "Jan Janssens", "HR")
    person(org, "Jan Janssens", "IT")


def test_bad_lines_are_reported_by_line_and_field_and_good_ones_kept(
    org: Organization, roster: None, owner: object
) -> None:
    result = import_completions_csv(org, io.BytesIO(GOOD_AND_BAD.encode()), actor=None)

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert [(line, field) for line, field, _reason in result.errors] == [
        (4, "name"),
        (5, "module"),
        (6, "completed_on"),
        (7, "score"),
        (8, "department"),
    ]
    people = set(Completion.objects.values_list("employee__full_name", "employee__department"))
    assert people == {("Ann Smet", "Marketing"), ("Bart Peeters", "sales"), ("Cis Maes", "")}
    assert set(Completion.objects.values_list("source", flat=True)) == {"import"}
    assert Completion.objects.get(employee__full_name="Cis Maes").score == 75
    assert AuditEntry.objects.filter(kind="completion", action="import").count() == 3


def test_importing_the_same_file_again_changes_nothing(org: Organization, roster: None) -> None:
    import_completions_csv(org, io.StringIO(GOOD_AND_BAD), actor=None)
    entries = AuditEntry.objects.count()

    again = import_completions_csv(org, io.StringIO(GOOD_AND_BAD), actor=None)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Completion.objects.count() == 3
    assert AuditEntry.objects.count() == entries
    changed = import_completions_csv(
        org, io.StringIO(GOOD_AND_BAD.replace("2026-03-03,75%", "2026-03-04,80")), actor=None
    )
    assert (changed.created, changed.updated) == (0, 1)


def test_semicolons_a_bom_and_guarded_cells_are_read(org: Organization, roster: None) -> None:
    text = "\ufeffName;Email;Module;Completed_on\n;ann@acme.test;Social media basics;2026-01-05\n"

    result = import_completions_csv(org, io.BytesIO(text.encode("utf-8")), actor=None)

    assert (result.created, result.errors) == (1, [])


def test_a_header_without_the_needed_columns_is_refused(org: Organization) -> None:
    with pytest.raises(ServiceError, match="completed_on") as caught:
        import_completions_csv(org, io.StringIO("name,module\nAnn,Basics\n"), actor=None)
    assert caught.value.field == "file"
    with pytest.raises(ServiceError, match="name or email"):
        import_completions_csv(org, io.StringIO("module,completed_on\n"), actor=None)


def test_the_template_has_the_columns_the_import_reads(org: Organization) -> None:
    module(org)
    person(org, "An Peeters", "Marketing", "an.peeters@example.com")
    person(org, "Bart De Smet", "Sales")

    result = import_completions_csv(org, io.StringIO(template_csv()), actor=None)

    assert (result.created, result.errors) == (2, [])

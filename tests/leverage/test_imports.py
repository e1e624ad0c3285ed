import io

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.leverage.imports import import_communications_csv, template_csv
from socialroadmap.leverage.models import Communication

GOOD = (
    "name,channel,starts_on,ends_on,cost,linked,links,is_control,control_for,notes,reach,"
    "visits,leads,sales,revenue\n"
    "Newsletter May,newsletter,2026-05-01,2026-05-07,380,yes,hashtag|share buttons,no,,,"
    "5200,640,31,12,1450.00\n"
    "Newsletter May plain,Newsletter,2026-05-01,,190,no,,yes,Newsletter May,,5100,590,28,11,"
    '"1.320,50"\n'
)


def run(owner, text: str):
    return import_communications_csv(
        owner.organization, io.BytesIO(text.encode()), actor=owner.user
    )


def test_good_lines_are_registered_and_audited(owner) -> None:
    result = run(owner, GOOD)
    assert (result.created, result.updated, result.errors) == (2, 0, [])
    linked = Communication.objects.get(name="Newsletter May")
    assert linked.links == ["hashtag", "share_buttons"]
    plain = Communication.objects.get(name="Newsletter May plain")
    assert plain.control_for == linked and plain.is_control
    assert str(plain.revenue) == "1320.50"
    assert AuditEntry.objects.filter(action="import", area="leverage").count() == 2


def test_bad_lines_are_refused_by_line_and_field_and_good_ones_kept(owner) -> None:
    text = (
        "name;starts_on;linked;reach;cost;channel;control_for\n"
        "Good one;2026-01-01;yes;100;;;\n"
        "Bad date;01/02/2026;no;100;;;\n"
        "Bad reach;2026-01-01;no;-3;;;\n"
        "Bad cost;2026-01-01;no;3;cheap;;\n"
        "Bad channel;2026-01-01;no;3;;pigeon;\n"
        "Bad linked;2026-01-01;maybe;3;;;\n"
        ";2026-01-01;no;3;;;\n"
        "No control;2026-01-01;no;3;;;Nowhere\n"
        "No date;;no;3;;;\n"
    )
    result = run(owner, text)
    assert result.created == 1
    assert [(line, field) for line, field, _ in result.errors] == [
        (3, "starts_on"),
        (4, "reach"),
        (5, "cost"),
        (6, "channel"),
        (7, "linked"),
        (8, "name"),
        (9, "control_for"),
        (10, "starts_on"),
    ]
    assert list(Communication.objects.values_list("name", flat=True)) == ["Good one"]


def test_a_second_import_of_the_same_names_updates(owner) -> None:
    run(owner, GOOD)
    again = run(owner, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = run(owner, "name,reach\nNewsletter May,6000\n")
    assert (changed.created, changed.updated) == (0, 1)
    row = Communication.objects.get(name="Newsletter May")
    assert row.reach == 6000 and row.visits == 640  # absent columns are left alone
    assert Communication.objects.count() == 2


def test_a_header_without_the_required_columns_is_refused(owner) -> None:
    with pytest.raises(ServiceError, match="name"):
        run(owner, "title,reach\nA,1\n")
    result = run(owner, "name,reach\nA,1\n")
    assert result.errors == [(2, "starts_on", "starts_on: the start date is missing")]


def test_the_template_imports_cleanly(owner) -> None:
    result = run(owner, template_csv())
    assert (result.created, result.errors) == (2, [])


def test_guarded_cells_are_unguarded(owner) -> None:
    run(owner, "name,starts_on,notes\n'=Sum,2026-01-01,'+note\n")
    row = Communication.objects.get()
    assert row.name == "=Sum" and row.notes == "+note"

import io
from datetime import date

from socialroadmap.indicators import imports
from socialroadmap.indicators.models import IndicatorValue
from tests.indicators.helpers import indicator


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


FILE = (
    "indicator;department;period_start;value;note\n"
    "Leads;sales;2026-01-01;12,5;CRM\n"
    "Leads;sales;2026-01-15;3;\n"
    "Hires;;2026-01-01;2;\n"
    "Nope;;2026-01-01;2;\n"
    "Leads;sales;2026-02-01;abc;\n"
    "Leads;;2026-03-01;1;\n"
)


def test_bad_lines_are_refused_by_line_and_field_and_good_kept(owner) -> None:
    org = owner.organization
    leads = indicator(org, "Leads", department="sales")
    indicator(org, "Leads", department="marketing")
    hires = indicator(org, "Hires", department="hr", metric="hires", period="quarter")
    result = imports.import_values_csv(org, _csv(FILE), actor=owner.user)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert [(line, field) for line, field, _ in result.errors] == [
        (3, "period_start"),
        (5, "indicator"),
        (6, "value"),
        (7, "department"),  # two departments have "Leads"
    ]
    assert IndicatorValue.objects.get(indicator=leads).value == 12.5
    assert IndicatorValue.objects.get(indicator=hires).origin == "import"
    again = imports.import_values_csv(org, _csv(FILE), actor=owner.user)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = imports.import_values_csv(
        org,
        _csv("indicator,department,period_start,value\nLeads,Sales,2026-01-01,13\n"),
        actor=None,
    )
    assert changed.updated == 1
    assert IndicatorValue.objects.get(indicator=leads, period_start=date(2026, 1, 1)).value == 13


def test_an_importer_changes_only_the_departments_allowed(owner) -> None:
    indicator(owner.organization, "Leads", department="sales")
    result = imports.import_values_csv(
        owner.organization,
        _csv("indicator,period_start,value\nLeads,2026-01-01,4\n"),
        actor=None,
        may_change=lambda department: department == "hr",
    )
    assert result.created == 0 and result.errors[0][:2] == (2, "indicator")


def test_a_file_without_the_columns_is_refused(owner) -> None:
    import pytest

    from socialroadmap.core.errors import ServiceError

    with pytest.raises(ServiceError) as refused:
        imports.import_values_csv(owner.organization, _csv("name,value\nx,1\n"), actor=None)
    assert refused.value.field == "file" and "indicator" in refused.value.message

import io
from datetime import date

from openpyxl import load_workbook

from socialroadmap.indicators import services
from socialroadmap.indicators.models import Indicator, IndicatorValue
from tests.indicators.helpers import contributor, indicator

BASE = "/o/acme/indicators"


def test_the_dashboard_shows_an_empty_state_then_the_status(owner, member) -> None:
    page = member.client().get(f"{BASE}/")
    assert page.status_code == 200
    assert b'data-testid="indicators-empty"' in page.content
    assert b"Open the catalogue" not in page.content  # a viewer adds nothing
    row = indicator(owner.organization, "Leads", department="sales", target="10")
    for month, value in ((1, "6"), (2, "7"), (3, "9.5")):
        services.record_value(row, period_start=date(2026, month, 1), value=value, actor=None)
    indicator(owner.organization, "Hires", department="hr", metric="hires")
    page = owner.client().get(f"{BASE}/").content.decode()
    assert 'data-status="at_risk"' in page and "On track: 0" in page and "No data: 1" in page
    assert 'data-testid="indicators-sparkline"' in page and 'data-trend="up"' in page
    assert "Recompute all" in page
    only_hr = owner.client().get(f"{BASE}/?department=hr").content.decode()
    assert "Hires" in only_hr and "Leads" not in only_hr


def test_the_department_page_charts_each_indicator_with_its_values(owner) -> None:
    row = indicator(owner.organization, "Leads", department="sales", target="10")
    services.record_value(row, period_start=date(2026, 2, 1), value="12", actor=None)
    services.record_value(row, period_start=date(2026, 3, 1), value="8", actor=None, note="CRM")
    page = owner.client().get(f"{BASE}/department/sales/").content.decode()
    assert 'data-testid="indicators-chart"' in page
    assert 'data-testid="indicators-target-line"' in page
    assert "CRM" in page and "By hand" in page
    empty = owner.client().get(f"{BASE}/department/hr/").content.decode()
    assert 'data-testid="indicators-department-empty"' in empty
    assert "People hired through social media" in empty  # a suggestion to add
    assert owner.client().get(f"{BASE}/department/nowhere/").status_code == 404


def test_one_click_from_the_catalogue_and_a_value_by_hand(owner) -> None:
    client = owner.client()
    assert b"Share of voice" in client.get(f"{BASE}/catalogue/").content
    response = client.post(f"{BASE}/catalogue/", {"department": "hr", "key": "hires"})
    assert response.status_code == 302
    row = Indicator.objects.get(department="hr")
    assert row.metric == "hires" and row.period == "quarter"
    response = client.post(
        f"{BASE}/{row.pk}/values/add/", {"period": "2026-05-14", "value": "2", "note": ""}
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get().period_start == date(2026, 4, 1)  # the quarter's start
    response = client.post(
        f"{BASE}/{row.pk}/",
        {
            "name": row.name,
            "department": "hr",
            "metric": "hires",
            "period": "quarter",
            "direction": "higher",
            "target": "3",
            "tolerance_percent": "10",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.target == 3


def test_a_contributor_is_refused_another_department(owner) -> None:
    lead = contributor(owner.organization, "marketing").client()
    hr = indicator(owner.organization, "Hires", department="hr", metric="hires")
    assert lead.get(f"{BASE}/{hr.pk}/").status_code == 403
    assert lead.post(f"{BASE}/{hr.pk}/delete/").status_code == 403
    assert lead.post(f"{BASE}/catalogue/", {"department": "hr", "key": "enps"}).status_code == 403
    assert lead.post(f"{BASE}/recompute/", {"department": "hr"}).status_code == 403
    assert lead.post(f"{BASE}/recompute/").status_code == 403  # all departments: managers
    created = lead.post(
        f"{BASE}/add/",
        {
            "name": "Reach",
            "department": "marketing",
            "metric": "reach",
            "period": "month",
            "direction": "higher",
            "tolerance_percent": "10",
            "is_active": "on",
        },
    )
    assert created.status_code == 302
    assert lead.post(f"{BASE}/recompute/", {"department": "marketing"}).status_code == 302
    assert Indicator.objects.filter(department="marketing").count() == 1


def test_deleting_asks_and_says_how_many_values_go(owner) -> None:
    row = indicator(owner.organization, "Leads")
    for month in (1, 2):
        services.record_value(row, period_start=date(2026, month, 1), value="1", actor=None)
    page = owner.client().get(f"{BASE}/{row.pk}/delete/").content.decode()
    assert "Its 2 values go with it" in page
    assert owner.client().post(f"{BASE}/{row.pk}/delete/").status_code == 302
    assert not Indicator.objects.exists()


def test_import_page_and_exports(owner) -> None:
    row = indicator(owner.organization, "Leads", department="sales", target="10")
    client = owner.client()
    upload = io.BytesIO(b"indicator,period_start,value\nLeads,2026-01-01,12\nLeads,2026-01-05,1\n")
    upload.name = "values.csv"
    page = client.post(f"{BASE}/values/import/", {"file": upload}).content.decode()
    assert "1 recorded" in page and 'data-testid="indicators-import-errors"' in page
    text = client.get(f"{BASE}/export.csv").content.decode("utf-8-sig")
    assert "department,indicator" in text and "on_track" in text
    values = client.get(f"{BASE}/values/export.csv").content.decode("utf-8-sig")
    assert "Leads,sales,2026-01-01,12.0000,,import" in values
    book = load_workbook(io.BytesIO(client.get(f"{BASE}/values/export.xlsx").content))
    assert book.active.max_row == 2
    assert client.get(f"{BASE}/export.pdf").status_code == 404
    template = client.get(f"{BASE}/values/template.csv")
    assert template.content.startswith(b"indicator,department,period_start")
    assert row.values.count() == 1

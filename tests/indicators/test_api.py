from socialroadmap.audit.models import AuditEntry
from socialroadmap.indicators import services
from socialroadmap.indicators.models import Indicator, IndicatorValue
from tests.indicators.helpers import contributor, indicator

BASE = "/api/v1/organizations/acme/indicators"


def _rows(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_a_manager_creates_reads_with_status_updates_and_deletes(manager) -> None:
    api = manager.api()
    created = api.post(
        f"{BASE}/",
        {"name": "Leads", "department": "sales", "metric": "leads", "target": 10},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "no_data" and created.json()["direction"] == "higher"
    value = api.post(
        f"{BASE}/values/",
        {"indicator": pk, "period_start": "2026-03-01", "value": "8"},
        format="json",
    )
    assert value.status_code == 201, value.json()
    assert value.json()["origin"] == "api"
    [row] = _rows(api.get(f"{BASE}/?department=sales"))
    assert (row["status"], row["latest"], row["latest_period"]) == ("off_track", 8.0, "2026-03-01")
    assert row["trend"] == "flat"
    assert _rows(api.get(f"{BASE}/?department=hr")) == []
    changed = api.patch(f"{BASE}/{pk}/", {"target": 8}, format="json")
    assert changed.status_code == 200 and changed.json()["status"] == "on_track"
    assert api.delete(f"{BASE}/{pk}/").status_code == 204
    assert not IndicatorValue.objects.exists()
    assert AuditEntry.objects.filter(area="indicators", kind="indicator").count() == 3


def test_bad_input_is_400_at_its_field(manager) -> None:
    api = manager.api()
    row = indicator(manager.organization, "Leads")
    unaligned = api.post(
        f"{BASE}/values/",
        {"indicator": row.pk, "period_start": "2026-03-02", "value": "1"},
        format="json",
    )
    assert unaligned.status_code == 400 and "period_start" in unaligned.json()
    taken = api.post(
        f"{BASE}/", {"name": "leads", "department": "marketing", "metric": "leads"}, format="json"
    )
    assert taken.status_code == 400 and "name" in taken.json()


def test_a_contributor_writes_only_their_department(owner) -> None:
    lead = contributor(owner.organization, "marketing")
    api = lead.api()
    own = api.post(
        f"{BASE}/", {"name": "Reach", "department": "marketing", "metric": "reach"}, format="json"
    )
    assert own.status_code == 201, own.json()
    other = api.post(
        f"{BASE}/", {"name": "Hires", "department": "hr", "metric": "hires"}, format="json"
    )
    assert other.status_code == 403
    hr = indicator(owner.organization, "Hires", department="hr", metric="hires")
    assert api.patch(f"{BASE}/{hr.pk}/", {"target": 3}, format="json").status_code == 403
    assert api.delete(f"{BASE}/{hr.pk}/").status_code == 403
    moved = api.patch(f"{BASE}/{own.json()['id']}/", {"department": "hr"}, format="json")
    assert moved.status_code == 403
    value = api.post(
        f"{BASE}/values/",
        {"indicator": hr.pk, "period_start": "2026-01-01", "value": "1"},
        format="json",
    )
    assert value.status_code == 403
    assert api.post(f"{BASE}/{hr.pk}/recompute/").status_code == 403
    assert Indicator.objects.get(pk=hr.pk).target is None


def test_a_viewer_reads_and_an_outsider_gets_404(member, outsider) -> None:
    row = indicator(member.organization, "Leads")
    assert member.api().get(f"{BASE}/{row.pk}/").status_code == 200
    assert member.api().post(f"{BASE}/{row.pk}/recompute/").status_code == 403
    assert member.api().delete(f"{BASE}/{row.pk}/").status_code == 403
    assert outsider.api().get(f"{BASE}/{row.pk}/").status_code == 404
    assert outsider.api().get(f"{BASE}/").status_code == 404


def test_bulk_keeps_the_good_rows_and_reports_the_bad(owner, outsider) -> None:
    row = indicator(owner.organization, "Leads")
    hr = indicator(owner.organization, "Hires", department="hr", metric="hires")
    foreign = indicator(outsider.organization, "Foreign")
    body = {
        "values": [
            {"indicator": row.pk, "period_start": "2026-01-01", "value": "4"},
            {"indicator": row.pk, "period_start": "2026-01-02", "value": "4"},
            {"indicator": foreign.pk, "period_start": "2026-01-01", "value": "4"},
            {"indicator": hr.pk, "period_start": "2026-02-01", "value": "x"},
            "nonsense",
            {"indicator": hr.pk, "period_start": "2026-02-01", "value": "2,5", "note": "q"},
        ]
    }
    response = owner.api().post(f"{BASE}/values/bulk/", body, format="json")
    assert response.status_code == 200
    result = response.json()
    assert (result["created"], result["updated"], result["unchanged"]) == (2, 0, 0)
    assert [(e["index"], e["field"]) for e in result["errors"]] == [
        (1, "period_start"),
        (2, "indicator"),
        (3, "value"),
        (4, ""),
    ]
    again = owner.api().post(f"{BASE}/values/bulk/", body, format="json").json()
    assert again["unchanged"] == 2 and again["created"] == 0
    lead = contributor(owner.organization, "marketing")
    mixed = lead.api().post(f"{BASE}/values/bulk/", body, format="json").json()
    refused = {e["index"]: e["field"] for e in mixed["errors"]}
    assert refused[3] == refused[5] == "indicator"  # hr is not theirs


def test_values_list_delete_and_recompute(owner) -> None:
    row = indicator(owner.organization, "Leads")
    value, _ = services.record_value(row, period_start="2026-01-01", value="4", actor=None)
    api = owner.api()
    assert [v["value"] for v in _rows(api.get(f"{BASE}/values/?indicator={row.pk}"))] == [4.0]
    assert api.delete(f"{BASE}/values/{value.pk}/").status_code == 204
    recomputed = api.post(f"{BASE}/{row.pk}/recompute/")
    assert recomputed.status_code == 200 and recomputed.json()["indicator"]["id"] == row.pk

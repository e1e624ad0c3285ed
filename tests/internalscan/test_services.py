from __future__ import annotations

import io
import logging
from datetime import UTC, datetime

import pytest

from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan import services
from socialroadmap.internalscan.handles import HandleError, parse_handle, parse_handles
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

ROSTER = (
    "\ufeffnaam;afdeling;handles;toestemming\r\n"
    "Jan Peeters;Marketing;x:@Jan_P, linkedin:jan-peeters;ja\r\n"
    "Els Maes;Klantendienst;@elsmaes;nee\r\n"
    ";IT;x:@nobody;ja\r\n"
    "Wim Claes;IT;tiktok:@wim;ja\r\n"
    "Lotte Wouters;HR;instagram:@lotte;misschien\r\n"
    ";;;\r\n"
    "Jan Peeters;marketing;x:@jp;yes\r\n"
)


def roster(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def employee(org: Organization, name: str, handles: str, *, consent: bool = True, **kw) -> Employee:
    return services.create_employee(
        org, full_name=name, handles=handles, consent=consent, actor=None, **kw
    )


_ids = iter(range(1, 10_000))


def post(org: Organization, author: str, source: str = "x", **fields) -> Post:
    values = {"sentiment": "neutral", "sentiment_score": 0.0, "text": "koffie", **fields}
    return Post.objects.create(
        organization=org, source=source, external_id=str(next(_ids)), author=author, **values
    )


# --- handles --------------------------------------------------------------------------


def test_handles_are_normalised_per_network() -> None:
    assert str(parse_handle("X:@Jan_P")) == "x:jan_p"
    assert str(parse_handle("twitter:jan")) == "x:jan"
    assert str(parse_handle("LinkedIn:Jan-Peeters")) == "linkedin:jan-peeters"
    assert str(parse_handle("@Jan")) == "jan"
    assert str(parse_handle("reddit:u/Jan")) == "reddit:jan"
    assert [str(h) for h in parse_handles("x:@a; linkedin:b,@c  x:@A")] == [
        "x:a",
        "linkedin:b",
        "c",
    ]


@pytest.mark.parametrize("text", ["tiktok:@jan", "x:@", "https://x.com/jan"])
def test_a_bad_handle_says_why(text: str) -> None:
    with pytest.raises(HandleError):
        parse_handle(text)


# --- roster import --------------------------------------------------------------------


def test_a_dutch_excel_roster_is_imported_with_bad_rows_by_line(owner: Persona) -> None:
    summary = services.import_roster(owner.organization, roster(ROSTER), actor=owner.user)
    assert summary["read"] == 6
    assert (summary["created"], summary["updated"]) == (2, 0)
    assert summary["rejected"] == [
        {"line": 4, "field": "name", "reason": "the name is missing"},
        {"line": 5, "field": "handles", "reason": "unknown network 'tiktok' in 'tiktok:@wim'"},
        {
            "line": 6,
            "field": "consent",
            "reason": "consent must be yes or no (ja/nee, true/false, 1/0), not 'misschien'",
        },
        {"line": 8, "field": "", "reason": "the same person as on line 2"},
    ]
    jan = Employee.objects.get(full_name="Jan Peeters")
    assert jan.department == "Marketing"
    assert jan.handles == ["x:jan_p", "linkedin:jan-peeters"]
    assert jan.consent is True
    assert jan.consent_recorded_by == owner.user
    assert jan.consent_recorded_at is not None
    assert jan.created_by == owner.user
    assert Employee.objects.get(full_name="Els Maes").consent is False


def test_a_comma_roster_with_quoted_handles_and_english_headers(owner: Persona) -> None:
    text = 'name,department,handles,consent\nAn Smets,R&D,"x:@an, bluesky:an.bsky.social",true\n'
    summary = services.import_roster(owner.organization, io.StringIO(text), actor=owner.user)
    assert summary == {"read": 1, "created": 1, "updated": 0, "rejected": []}
    assert Employee.objects.get().handles == ["x:an", "bluesky:an.bsky.social"]


def test_a_roster_without_a_name_column_is_refused(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="column 'name'"):
        services.import_roster(owner.organization, roster("wie;afdeling\nJan;IT\n"), actor=None)


def test_an_unreadable_row_is_refused_with_its_line_and_the_rest_kept(owner: Persona) -> None:
    text = 'name;department\nJan;IT\n"' + "x" * 200_000 + '";IT\nAn;HR\n'
    summary = services.import_roster(owner.organization, roster(text), actor=None)
    assert (summary["read"], summary["created"]) == (3, 2)
    assert summary["rejected"] == [
        {"line": 3, "field": "", "reason": "a cell is longer than 131072 characters"}
    ]
    assert set(Employee.objects.values_list("full_name", flat=True)) == {"Jan", "An"}


def test_a_second_import_updates_people_instead_of_duplicating(owner: Persona) -> None:
    services.import_roster(owner.organization, roster(ROSTER), actor=owner.user)
    again = (
        "naam;afdeling;handles;toestemming\n"
        "jan peeters;MARKETING;x:@jan_p;nee\n"
        "Els Maes;Communicatie;@elsmaes;ja\n"
        "Bart Janssens;IT;;ja\n"
    )
    summary = services.import_roster(owner.organization, roster(again), actor=owner.user)
    assert (summary["read"], summary["created"], summary["updated"]) == (3, 1, 2)
    assert Employee.objects.count() == 3
    jan = Employee.objects.get(full_name__iexact="jan peeters")
    assert (jan.handles, jan.consent) == (["x:jan_p"], False)
    els = Employee.objects.get(full_name="Els Maes")
    assert (els.department, els.consent) == ("Communicatie", True)  # moved department


def test_namesakes_in_different_departments_are_two_people(owner: Persona) -> None:
    text = "name;department\nJan Peeters;IT\nJan Peeters;Sales\n"
    services.import_roster(owner.organization, roster(text), actor=None)
    summary = services.import_roster(owner.organization, roster(text), actor=None)
    assert (summary["created"], summary["updated"]) == (0, 2)
    assert Employee.objects.count() == 2


def test_an_import_touches_only_its_own_organisation(owner: Persona, outsider: Persona) -> None:
    employee(outsider.organization, "Jan Peeters", "x:@jan", department="Marketing")
    summary = services.import_roster(owner.organization, roster(ROSTER), actor=owner.user)
    assert summary["created"] == 2
    assert Employee.objects.for_org(outsider.organization).get().handles == ["x:jan"]


# --- the roster and consent ------------------------------------------------------------


def test_the_same_person_cannot_be_added_twice(org: Organization) -> None:
    employee(org, "Jan Peeters", "", department="IT")
    with pytest.raises(ServiceError, match="already on the roster"):
        employee(org, "jan  peeters", "", department="it")


def test_consent_is_recorded_with_who_and_when(owner: Persona, org: Organization) -> None:
    jan = employee(org, "Jan", "x:@jan", consent=False)
    assert jan.consent_recorded_by is None
    jan = services.record_consent(jan, True, actor=owner.user)
    assert jan.consent is True
    assert jan.consent_recorded_by == owner.user
    assert jan.updated_by == owner.user


def test_erasure_removes_the_person_and_logs_no_name(
    owner: Persona, org: Organization, caplog: pytest.LogCaptureFixture
) -> None:
    jan = employee(org, "Jan Peeters", "x:@jan")
    post(org, "@jan")
    with caplog.at_level(logging.INFO, logger="socialroadmap.internalscan"):
        services.erase_employee(jan, actor=owner.user)
    assert not Employee.objects.exists()
    assert "Peeters" not in caplog.text
    assert f"employee {jan.pk} " in caplog.text
    assert services.rank_employees(org)["most_active"] == []


# --- rankings -------------------------------------------------------------------------


def test_rankings_order_and_figures(org: Organization) -> None:
    jan = employee(org, "Jan Peeters", "x:@jan linkedin:jan-peeters", department="Marketing")
    els = employee(org, "Els Maes", "@els", department="Klantendienst")
    employee(org, "Wim Claes", "x:@wim", department="IT")  # no posts: not ranked
    post(org, "@Jan", likes=3, shares=1, replies=1, reach=100, sentiment="positive")
    post(org, "jan", likes=1, reach=None)
    post(org, "Jan-Peeters", source="linkedin", likes=2, sentiment="positive")
    post(org, "els", source="instagram", likes=40, shares=10, reach=900)
    post(org, "@someone", likes=1000)

    rankings = services.rank_employees(org)
    assert [e["name"] for e in rankings["most_active"]] == ["Jan Peeters", "Els Maes"]
    assert [e["name"] for e in rankings["most_engaging"]] == ["Els Maes", "Jan Peeters"]
    assert rankings["most_active"][0] == {
        "id": jan.pk,
        "name": "Jan Peeters",
        "department": "Marketing",
        "posts": 3,
        "engagement": 8,
        "reach": 100,
        "positive_share": 0.6667,
    }
    assert rankings["most_engaging"][0]["id"] == els.pk
    assert rankings["most_engaging"][0]["engagement"] == 50
    assert rankings["departments"] == [
        {"department": "Marketing", "employees": 1, "active": 1, "posts": 3},
        {"department": "Klantendienst", "employees": 1, "active": 1, "posts": 1},
        {"department": "IT", "employees": 1, "active": 0, "posts": 0},
    ]
    assert services.rank_employees(org, limit=1)["most_active"][0]["id"] == jan.pk
    assert len(services.rank_employees(org, limit=1)["most_engaging"]) == 1


def test_a_handle_counts_only_on_its_own_network(org: Organization) -> None:
    employee(org, "Jan", "x:@jan")
    employee(org, "Any", "@any")
    post(org, "jan", source="x")
    post(org, "jan", source="Twitter")
    post(org, "jan", source="instagram")  # someone else's "jan"
    post(org, "jan", source="rss")
    for source in ("x", "mastodon", "rss", "csv"):
        post(org, "@any", source=source)
    posts = {e["name"]: e["posts"] for e in services.rank_employees(org)["most_active"]}
    assert posts == {"Jan": 2, "Any": 4}


def test_an_employee_without_consent_is_never_ranked(org: Organization) -> None:
    employee(org, "Jan", "x:@jan", department="Marketing")
    employee(org, "Els", "x:@els", department="HR", consent=False)
    post(org, "jan")
    for _ in range(5):
        post(org, "els", likes=100)
    rankings = services.rank_employees(org)
    assert [e["name"] for e in rankings["most_active"]] == ["Jan"]
    assert [e["name"] for e in rankings["most_engaging"]] == ["Jan"]
    assert rankings["departments"] == [
        {"department": "Marketing", "employees": 1, "active": 1, "posts": 1}
    ]
    assert (rankings["employees"], rankings["without_consent"]) == (1, 1)
    assert "Els" not in repr(rankings)


def test_rankings_count_posts_between_since_and_until(org: Organization) -> None:
    employee(org, "Jan", "x:@jan")
    for day in (1, 10, 20):
        post(org, "jan", created_at=datetime(2026, 3, day, 12, tzinfo=UTC))
    post(org, "jan")  # no date: counted only without a period
    assert services.rank_employees(org)["most_active"][0]["posts"] == 4
    window = services.rank_employees(
        org, since=datetime(2026, 3, 5, tzinfo=UTC), until=datetime(2026, 3, 20, 12, tzinfo=UTC)
    )
    assert window["most_active"][0]["posts"] == 1


def test_another_organisations_posts_and_employees_never_count(
    org: Organization, other_org: Organization
) -> None:
    employee(org, "Jan", "x:@jan")
    employee(other_org, "Piet", "x:@piet")
    post(org, "jan")
    post(other_org, "jan", likes=50)
    post(other_org, "piet")
    post(org, "piet")
    rankings = services.rank_employees(org)
    assert [(e["name"], e["posts"], e["engagement"]) for e in rankings["most_active"]] == [
        ("Jan", 1, 0)
    ]
    assert rankings["employees"] == 1


def test_the_demo_roster_is_seeded_once(owner: Persona) -> None:
    from socialroadmap.internalscan import demo

    demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    roster = Employee.objects.for_org(owner.organization)
    assert roster.count() == 12
    assert roster.filter(consent=False).count() == 2

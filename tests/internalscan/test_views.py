"""Internal scan pages for the owner, a manager, a viewer and an outsider."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialroadmap.internalscan import services
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

BASE = "/o/acme/internal-scan"

_ids = iter(range(1, 10_000))


def person(org: Organization, name: str, handles: str, *, consent: bool = True) -> Employee:
    return services.create_employee(
        org, full_name=name, department="Marketing", handles=handles, consent=consent, actor=None
    )


def post(org: Organization, author: str, *, days_ago: int = 1, likes: int = 0) -> Post:
    return Post.objects.create(
        organization=org,
        source="x",
        external_id=str(next(_ids)),
        author=author,
        text="koffie",
        sentiment="positive",
        sentiment_score=0.5,
        likes=likes,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def ranked(org: Organization) -> tuple[Employee, Employee]:
    """Jan (consented, two posts) and Els (consented, one well-liked post)."""
    jan = person(org, "Jan Peeters", "x:@jan")
    els = person(org, "Els Maes", "x:@els linkedin:els-maes")
    post(org, "@jan")
    post(org, "@jan", days_ago=200)
    post(org, "@els", likes=40)
    return jan, els


def roster_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("roster.csv", ("\ufeff" + text).encode(), content_type="text/csv")


# --- the rankings -------------------------------------------------------------------------


def test_the_empty_page_says_to_import_a_roster(owner: Persona) -> None:
    response = owner.client().get(f"{BASE}/")

    assert response.status_code == 200
    assert b'data-testid="scan-empty-roster"' in response.content
    assert b"Start with the roster" in response.content
    assert f"{BASE}/roster/import/".encode() in response.content


def test_a_viewer_is_told_who_can_fill_in_the_roster(member: Persona) -> None:
    response = member.client().get(f"{BASE}/")

    assert b"A conversation manager of your organisation can fill in the roster." in (
        response.content
    )
    assert f"{BASE}/roster/import/".encode() not in response.content


def test_a_roster_without_posts_says_to_import_posts(owner: Persona) -> None:
    person(owner.organization, "Jan Peeters", "x:@jan")

    response = owner.client().get(f"{BASE}/")

    assert b'data-testid="scan-empty-posts"' in response.content
    assert b"/o/acme/listening/imports/" in response.content


def test_a_roster_without_consent_says_to_record_it(owner: Persona) -> None:
    person(owner.organization, "Jan Peeters", "x:@jan", consent=False)

    response = owner.client().get(f"{BASE}/")

    assert b'data-testid="scan-empty-consent"' in response.content
    assert b"Jan Peeters" not in response.content


def test_the_owner_sees_the_rankings(owner: Persona) -> None:
    ranked(owner.organization)
    person(owner.organization, "Lotte Van Hoof", "x:@lotte", consent=False)
    post(owner.organization, "@lotte", likes=100)

    response = owner.client().get(f"{BASE}/")

    assert response.status_code == 200
    content = response.content.decode()
    active = content.split('data-testid="most-active-table"')[1].split("</table>")[0]
    engaging = content.split('data-testid="most-engaging-table"')[1].split("</table>")[0]
    # Jan's second post is 200 days old: outside the default period of 90 days.
    assert active.index("Els Maes") < active.index("Jan Peeters")
    assert engaging.index("Els Maes") < engaging.index("Jan Peeters")
    assert "Lotte" not in content  # no consent: never shown


def test_the_period_filter_counts_older_posts(member: Persona, owner: Persona) -> None:
    ranked(owner.organization)

    response = member.client().get(f"{BASE}/", {"period": "all"})

    assert response.status_code == 200
    active = response.content.decode().split('data-testid="most-active-table"')[1]
    assert active.index("Jan Peeters") < active.index("Els Maes")  # two posts against one


def test_a_period_without_posts_says_so(owner: Persona) -> None:
    ranked(owner.organization)
    today = timezone.localdate()
    long_ago = {"period": "custom", "since": "2001-01-01", "until": "2001-01-31"}

    response = owner.client().get(f"{BASE}/", long_ago)

    assert b'data-testid="scan-empty-period"' in response.content
    stale = owner.client().get(f"{BASE}/", {"period": "soon", "since": str(today), "until": "x"})
    assert stale.status_code == 200  # a bad value falls back to the default period
    assert b"Jan Peeters" in stale.content


def test_withdrawn_consent_takes_the_person_off_the_rankings(owner: Persona) -> None:
    jan, _els = ranked(owner.organization)
    client = owner.client()
    assert b"Jan Peeters" in client.get(f"{BASE}/").content

    response = client.post(f"{BASE}/roster/{jan.pk}/consent/", {"consent": "no"})

    assert response.status_code == 302
    jan.refresh_from_db()
    assert (jan.consent, jan.consent_recorded_by) == (False, owner.user)
    page = client.get(f"{BASE}/").content.decode()
    assert "Consent of Jan Peeters withdrawn" in page  # the message, above the rankings
    rankings = page.split('data-testid="scan-counts"')[1]
    assert "Jan Peeters" not in rankings
    assert "Els Maes" in rankings
    client.post(f"{BASE}/roster/{jan.pk}/consent/", {"consent": "yes"})
    assert b"Jan Peeters" in client.get(f"{BASE}/").content


# --- the roster -------------------------------------------------------------------------


def test_the_owner_sees_the_roster_with_consent(owner: Persona) -> None:
    jan, els = ranked(owner.organization)
    services.record_consent(els, False, actor=owner.user)

    response = owner.client().get(f"{BASE}/roster/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Jan Peeters" in content and "Els Maes" in content
    assert "linkedin:els-maes" in content
    assert "by Owner" in content  # who recorded Els's withdrawal
    assert f"{BASE}/roster/{jan.pk}/erase/" in content
    assert 'value="no">Withdraw consent' in content
    assert 'value="yes">Record consent' in content


def test_the_empty_roster_explains_it(member: Persona) -> None:
    response = member.client().get(f"{BASE}/roster/")

    assert b'data-testid="roster-empty"' in response.content


def test_a_viewer_sees_but_cannot_change_the_roster(owner: Persona, member: Persona) -> None:
    jan, _els = ranked(owner.organization)
    client = member.client()

    roster = client.get(f"{BASE}/roster/")
    assert roster.status_code == 200
    assert b"Jan Peeters" in roster.content
    assert b"Withdraw consent" not in roster.content
    assert f"{BASE}/roster/{jan.pk}/erase/".encode() not in roster.content
    assert client.get(f"{BASE}/").status_code == 200
    assert client.get(f"{BASE}/roster/template.csv").status_code == 200
    for path in ("roster/new/", f"roster/{jan.pk}/", f"roster/{jan.pk}/erase/", "roster/import/"):
        assert client.get(f"{BASE}/{path}").status_code == 403, path
        assert client.post(f"{BASE}/{path}", {"full_name": "X"}).status_code == 403, path
    assert client.post(f"{BASE}/roster/{jan.pk}/consent/", {"consent": "no"}).status_code == 403
    jan.refresh_from_db()
    assert jan.consent
    assert Employee.objects.count() == 2


OUTSIDER_PATHS = (
    "",
    "roster/",
    "roster/new/",
    "roster/{pk}/",
    "roster/{pk}/consent/",
    "roster/{pk}/erase/",
    "roster/import/",
    "roster/template.csv",
)


@pytest.mark.parametrize("path", OUTSIDER_PATHS)
def test_an_outsider_gets_404_everywhere(owner: Persona, outsider: Persona, path: str) -> None:
    jan, _els = ranked(owner.organization)
    url = f"{BASE}/{path.format(pk=jan.pk)}"
    client = outsider.client()

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url)
        assert b"Acme Benelux" not in response.content
    jan.refresh_from_db()
    assert jan.consent


def test_another_organisations_employee_is_404(owner: Persona, outsider: Persona) -> None:
    theirs = person(outsider.organization, "Piet", "x:@piet")
    client = owner.client()

    assert client.get(f"{BASE}/roster/{theirs.pk}/").status_code == 404
    assert client.post(f"{BASE}/roster/{theirs.pk}/erase/").status_code == 404
    assert Employee.objects.filter(pk=theirs.pk).exists()


def test_a_manager_adds_and_edits_a_person(manager: Persona) -> None:
    client = manager.client()
    assert client.get(f"{BASE}/roster/new/").status_code == 200

    response = client.post(
        f"{BASE}/roster/new/",
        {"full_name": "Jan Peeters", "department": "IT", "handles": "x:@Jan linkedin:jan-p"},
    )

    assert response.status_code == 302
    jan = Employee.objects.get()
    assert (jan.handles, jan.consent) == (["x:jan", "linkedin:jan-p"], False)
    edit = client.get(f"{BASE}/roster/{jan.pk}/")
    assert b'value="x:jan linkedin:jan-p"' in edit.content
    changed = client.post(
        f"{BASE}/roster/{jan.pk}/",
        {"full_name": "Jan Peeters", "department": "Sales", "handles": "x:jan", "consent": "on"},
    )
    assert changed.status_code == 302
    jan.refresh_from_db()
    assert (jan.department, jan.handles, jan.consent) == ("Sales", ["x:jan"], True)
    assert jan.consent_recorded_by == manager.user


def test_service_refusals_show_on_the_form(owner: Persona) -> None:
    person(owner.organization, "Jan Peeters", "x:@jan")
    client = owner.client()

    bad_handle = client.post(f"{BASE}/roster/new/", {"full_name": "Els", "handles": "tiktok:els"})
    twice = client.post(
        f"{BASE}/roster/new/", {"full_name": "jan peeters", "department": "marketing"}
    )

    assert bad_handle.status_code == 200
    assert b"unknown network" in bad_handle.content
    assert twice.status_code == 200
    assert b"already on the roster" in twice.content
    empty = client.post(f"{BASE}/roster/new/", {})
    assert empty.status_code == 200
    assert b"errorlist" in empty.content
    assert Employee.objects.count() == 1


def test_a_bad_consent_value_changes_nothing(owner: Persona) -> None:
    jan = person(owner.organization, "Jan Peeters", "x:@jan")
    client = owner.client()

    response = client.post(f"{BASE}/roster/{jan.pk}/consent/", {})

    assert response.status_code == 302
    jan.refresh_from_db()
    assert jan.consent
    assert client.get(f"{BASE}/roster/{jan.pk}/consent/").status_code == 405


def test_erasure_asks_first_then_removes_the_person(owner: Persona) -> None:
    jan, _els = ranked(owner.organization)
    services.update_employee(jan, {"notes": "blogt over koffie"}, actor=owner.user)
    client = owner.client()

    question = client.get(f"{BASE}/roster/{jan.pk}/erase/")

    assert question.status_code == 200
    assert b'data-testid="erase-question"' in question.content
    assert b"Erasing cannot be undone." in question.content
    what = question.content.decode().split('data-testid="erase-what"')[1].split("</ul>")[0]
    assert "Jan Peeters" in what and "x:jan" in what and "blogt over koffie" in what
    assert Employee.objects.filter(pk=jan.pk).exists()

    response = client.post(f"{BASE}/roster/{jan.pk}/erase/")

    assert response.status_code == 302
    assert not Employee.objects.filter(pk=jan.pk).exists()
    roster = client.get(response.url)
    assert b"Jan Peeters" not in roster.content
    assert b"The person was erased from the roster." in roster.content
    assert b"Jan Peeters" not in client.get(f"{BASE}/", {"period": "all"}).content


# --- roster import ----------------------------------------------------------------------


def test_a_roster_upload_keeps_the_valid_rows_and_lists_the_bad_ones(owner: Persona) -> None:
    text = (
        "naam;afdeling;handles;toestemming\n"
        "Jan Peeters;IT;x:@jan;ja\n"
        ";IT;;ja\n"
        "Els Maes;HR;linkedin:els;nee\n"
        "Wim;IT;x:@wim;misschien\n"
    )
    client = owner.client()
    assert client.get(f"{BASE}/roster/import/").status_code == 200

    response = client.post(f"{BASE}/roster/import/", {"file": roster_file(text)})

    assert response.status_code == 200
    content = response.content.decode()
    assert "4 rows read: 2 people added, 0 updated." in content
    rejected = content.split('data-testid="import-rejected"')[1].split("</table>")[0]
    assert "<td>3</td><td><code>name</code></td><td>the name is missing</td>" in rejected
    assert "<td>5</td><td><code>consent</code></td><td>consent must be yes or no" in rejected
    assert sorted(Employee.objects.values_list("full_name", "consent")) == [
        ("Els Maes", False),
        ("Jan Peeters", True),
    ]


def test_a_roster_without_a_name_column_is_refused_on_the_form(owner: Persona) -> None:
    response = owner.client().post(f"{BASE}/roster/import/", {"file": roster_file("x;y\n1;2\n")})

    assert response.status_code == 200
    assert b"the roster needs a column" in response.content
    assert not Employee.objects.exists()
    empty = owner.client().post(f"{BASE}/roster/import/", {})
    assert empty.status_code == 200
    assert b"errorlist" in empty.content


def test_the_roster_template_has_the_expected_columns(member: Persona) -> None:
    response = member.client().get(f"{BASE}/roster/template.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").strip() == "name,department,email,handles,consent"
    # The template is a valid (empty) roster.
    summary = services.import_roster(
        member.organization, roster_file(response.content.decode("utf-8-sig")), actor=None
    )
    assert summary == {"read": 0, "created": 0, "updated": 0, "rejected": []}


def test_the_navigation_links_the_internal_scan(member: Persona) -> None:
    response = member.client().get("/o/acme/alerts/")

    assert f'href="{BASE}/"'.encode() in response.content

"""The registry's health check: each kind of warning."""

from __future__ import annotations

from datetime import UTC, date, datetime

from socialroadmap.organizations.models import Organization
from socialroadmap.registry.health import registry_health
from tests.registry.helpers import post, safe_account

TODAY = date(2026, 11, 20)
RECENT = date(2026, 11, 1)


def kinds(organization: Organization) -> list[tuple[str, str]]:
    return [(w.kind, w.handle) for w in registry_health(organization, today=TODAY)]


def test_a_safe_active_account_has_no_warning(org: Organization) -> None:
    safe_account(org, last_activity=RECENT)

    assert registry_health(org, today=TODAY) == []


def test_it_warns_about_a_missing_backup_owner(org: Organization) -> None:
    safe_account(org, backup_owner="", last_activity=RECENT)

    [warning] = registry_health(org, today=TODAY)

    assert warning.kind == "no_backup_owner"
    assert warning.account is not None and warning.account.handle == "acme"
    assert "@acme has no backup owner" in warning.message
    assert warning.fix


def test_it_warns_about_no_or_unknown_two_factor(org: Organization) -> None:
    safe_account(org, "one", two_factor="no", last_activity=RECENT)
    safe_account(org, "two", two_factor="unknown", last_activity=RECENT)

    warnings = registry_health(org, today=TODAY)

    assert [(w.kind, w.handle) for w in warnings] == [
        ("no_two_factor", "one"),
        ("no_two_factor", "two"),
    ]
    assert "does not use" in warnings[0].message
    assert "Nobody knows" in warnings[1].message


def test_it_warns_about_shared_credentials(org: Organization) -> None:
    safe_account(org, shared_credentials=True, last_activity=RECENT)

    assert kinds(org) == [("shared_credentials", "acme")]


def test_an_account_without_or_with_old_activity_is_dormant(org: Organization) -> None:
    safe_account(org, "never")
    safe_account(org, "old", last_activity=date(2026, 8, 1))

    warnings = registry_health(org, today=TODAY)

    assert [(w.kind, w.handle) for w in warnings] == [("dormant", "never"), ("dormant", "old")]
    assert "no known activity" in warnings[0].message
    assert "more than 90 days" in warnings[1].message
    assert registry_health(org, today=TODAY, dormant_days=200)[0].handle == "never"


def test_a_recent_listening_post_by_the_handle_counts_as_activity(org: Organization) -> None:
    safe_account(org, "acmenews", last_activity=date(2026, 1, 1))
    safe_account(org, "quiet")
    post(org, "@AcmeNews", datetime(2026, 7, 1, tzinfo=UTC), 1)
    post(org, "acmenews", datetime(2026, 11, 10, tzinfo=UTC), 2)
    post(org, "quiet", datetime(2026, 3, 1, tzinfo=UTC), 3)

    assert kinds(org) == [("dormant", "quiet")]


def test_another_organisations_posts_do_not_count(
    org: Organization, other_org: Organization
) -> None:
    safe_account(org, "acmenews")
    post(other_org, "acmenews", datetime(2026, 11, 10, tzinfo=UTC))

    assert kinds(org) == [("dormant", "acmenews")]


def test_it_finds_unofficial_accounts_in_the_listening_posts(org: Organization) -> None:
    safe_account(org, "acme_be", last_activity=RECENT)
    when = datetime(2026, 11, 10, tzinfo=UTC)
    post(org, "acme_be", when, 1)  # registered
    post(org, "@ACME_Fans", when, 2)  # contains the slug
    post(org, "acme_fans", when, 3)  # the same author again
    post(org, "AcmeBeneluxJobs", when, 4)  # contains the name without spaces
    post(org, "globex", when, 5)  # someone else

    warnings = registry_health(org, today=TODAY)

    assert [(w.kind, w.handle) for w in warnings] == [
        ("unofficial", "ACME_Fans"),
        ("unofficial", "AcmeBeneluxJobs"),
    ]
    assert warnings[0].account is None
    assert warnings[0].network == "x"
    assert "not in the registry" in warnings[0].message

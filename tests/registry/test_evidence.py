"""The registry's evidence for project 3 of the assessment."""

from __future__ import annotations

from socialroadmap.organizations.models import Organization
from socialroadmap.registry import services
from socialroadmap.registry.evidence import account_registry, tool_registry
from socialroadmap.roadmap.evidence import PROVIDERS, collect_evidence
from tests.registry.helpers import safe_account


def test_the_providers_are_registered() -> None:
    assert account_registry in PROVIDERS
    assert tool_registry in PROVIDERS


def test_an_empty_registry_gives_no_evidence(org: Organization) -> None:
    assert account_registry(org) == []
    assert tool_registry(org) == []


def test_accounts_give_the_shares_with_owners_and_two_factor(org: Organization) -> None:
    safe_account(org, "one")
    safe_account(org, "two", backup_owner="", two_factor="no")

    evidence = {item.key: item for item in account_registry(org)}

    assert {item.project for item in evidence.values()} == {3}
    assert evidence["registry.accounts"].score == 1.0
    assert evidence["registry.owners"].score == 0.5
    assert evidence["registry.two_factor"].score == 0.5
    assert "1 of 2 accounts" in evidence["registry.owners"].label.en
    keys = {item.key for item in collect_evidence(org)}
    assert {"registry.accounts", "registry.owners"} <= keys


def test_tools_and_hardware_give_evidence(org: Organization) -> None:
    services.create_hardware(org, name="Phone", kind="phone", actor=None)

    [item] = tool_registry(org)

    assert (item.project, item.key, item.score) == (3, "registry.tools", 1.0)
    assert "0 tool(s) and 1 device(s)" in item.label.en

"""Every route, enumerated from the URL resolver so that new ones are covered at once.

Anonymous people get a login redirect or 401; an outsider gets 404 on every route of
another organisation; a viewer cannot change anything; nothing answers 500.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from socialroadmap.organizations.models import Invitation, Membership
from socialroadmap.organizations.services import invite_member
from tests.conftest import Persona

# Routes that belong to no organisation, with why they are open or how they guard themselves.
UNSCOPED = {
    "home",
    "healthz",
    "accept_invitation",
    "schema",
    "api-docs",
    "organizations:list",
    "organization-list",
    "panel:answer",  # a panel member's personal link: public, the signed token is the key
}


def named_routes(
    resolvers: list[URLPattern | URLResolver] | None = None,
    namespace: str = "",
    inherited: tuple[str, ...] = (),
) -> Iterator[tuple[str, tuple[str, ...]]]:
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin: staff only, tested by Django itself
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            groups = inherited + tuple(entry.pattern.regex.groupindex)
            yield from named_routes(entry.url_patterns, prefix, groups)
        elif entry.name:
            yield f"{namespace}{entry.name}", inherited + tuple(entry.pattern.regex.groupindex)


ROUTES = sorted(set(named_routes()))
ORG_ROUTES = [(name, params) for name, params in ROUTES if "org_slug" in params]


# Which kind of object a route's ``pk`` names, by route name.
PK_KIND = {
    "invitation": "invitation",
    "roadmap:result": "assessment",
    "roadmap:report": "assessment",
    "roadmap:point": "action_point",
    "assessment": "assessment",
    "roadmap-item": "project",
    "action-point": "action_point",
    "listening-query": "listening_query",
    "listening-post": "listening_post",
    "listening-import": "listening_import",
    "listening-source": "listening_source",
    "internal-scan-employee": "employee",
    "listening:query": "listening_query",
    "listening:import": "listening_import",
    "listening:source": "listening_source",
    "internalscan:employee": "employee",
    "excellence:member": "team_member",
    "excellence:rule": "escalation_rule",
    "excellence-member": "team_member",
    "escalation-rule": "escalation_rule",
    "registry:account": "registry_account",
    "registry:tool": "registry_tool",
    "registry:hardware": "registry_hardware",
    "registry-account": "registry_account",
    "registry-tool": "registry_tool",
    "registry-hardware": "registry_hardware",
    "alerts:rule": "alert_rule",
    "alerts:event": "alert_event",
    "alert-rule": "alert_rule",
    "alert-event": "alert_event",
    "audit": "audit_entry",
}

# Areas may keep their targets beside their tests: ``tests/<area>/route_targets.py`` with
# ``PK_KIND`` (route name prefix → target name) and ``targets(owner) -> dict``.
AREA_TARGETS = [
    importlib.import_module(f"tests.{area}.route_targets")
    for area in (
        "accounts",
        "knowledge",
        "policy",
        "pilots",
        "panel",
        "content",
        "leverage",
        "feedback",
        "plans",
        "indicators",
    )
    if importlib.util.find_spec(f"tests.{area}.route_targets") is not None
]
# Routes where anyone who may read acts for themselves (acknowledging the policy, taking
# a quiz): route name → the models (``app_label.model_name``) such a request may change.
VIEWER_MAY: dict[str, tuple[str, ...]] = {}
for _module in AREA_TARGETS:
    PK_KIND.update(_module.PK_KIND)
    VIEWER_MAY.update(getattr(_module, "VIEWER_MAY", {}))


def build_targets(owner: Persona, member: Persona) -> dict[str, object]:
    """Real objects of organisation acme in every area, by target name (also used by
    tests/test_api_fuzz.py)."""
    from socialroadmap.internalscan.services import create_employee
    from socialroadmap.roadmap import services as roadmap

    invite_member(owner.organization, "pending@acme.test", "viewer", actor=owner.user)
    assessment = roadmap.start_assessment(owner.organization, owner.user)
    roadmap.submit_assessment(assessment, actor=owner.user)
    item = roadmap.ensure_board(owner.organization)[0]
    employee = create_employee(owner.organization, full_name="Jan Peeters", actor=owner.user)
    return {
        "org_slug": "acme",
        "membership": Membership.objects.get(user=member.user).pk,
        "invitation": Invitation.objects.get().pk,
        "assessment": assessment.pk,
        "action_point": item.action_points.first().pk,  # type: ignore[union-attr]
        "project": item.project,
        "employee": employee.pk,
        **listening_targets(owner),
        **alert_targets(owner),
        **excellence_targets(owner),
        **registry_targets(owner),
        "audit_entry": audit_target(owner),
        **{k: v for module in AREA_TARGETS for k, v in module.targets(owner).items()},
    }


@pytest.fixture
def target(owner: Persona, member: Persona) -> dict[str, object]:
    """Real objects of organisation acme to aim at, and values for the other parameters."""
    defaults = {
        "fmt": "pdf",
        "export_format": "csv",
        "kind": "tools",
        "slug": "acme",
        "key": "no-such-key",
    }
    return {**defaults, **build_targets(owner, member)}


def audit_target(owner: Persona) -> int:
    """An entry of acme's audit log."""
    from socialroadmap.audit.services import record

    entry = record(owner.organization, owner.user, "create", owner.organization)
    assert entry is not None
    return entry.pk


def listening_targets(owner: Persona) -> dict[str, object]:
    """A listening query, a post and the import it came from, of acme."""
    from django.utils import timezone

    from socialroadmap.listening.models import ImportJob, Post
    from socialroadmap.listening.services.queries import create_query

    query = create_query(
        owner.organization, name="Acme", query="acme", kind="brand", actor=owner.user
    )
    job = ImportJob.objects.create(organization=owner.organization, format="ndjson", filename="a")
    post = Post.objects.create(
        organization=owner.organization,
        source="x",
        external_id="1",
        text="acme",
        created_at=timezone.now(),
        sentiment="neutral",
        sentiment_score=0.0,
        import_job=job,
    )
    return {
        "listening_query": query.pk,
        "listening_post": post.pk,
        "listening_import": job.pk,
        "listening_source": paused_live_source(owner).pk,
    }


def paused_live_source(owner: Persona) -> object:
    """A live source of acme, paused: a fetch route answers without the network."""
    from socialroadmap.listening.services.sources import create_source, update_source

    source = create_source(
        owner.organization,
        name="Acme feed",
        kind="rss",
        config={"feed_url": "http://127.0.0.1:9/feed"},
        secrets={},
        actor=owner.user,
    )
    return update_source(source, actor=owner.user, is_active=False)


def registry_targets(owner: Persona) -> dict[str, object]:
    """An account, a tool and a device in acme's registry."""
    from socialroadmap.registry import services as registry

    account = registry.create_account(
        owner.organization, network="x", handle="acme", actor=owner.user
    )
    tool = registry.create_tool(owner.organization, name="Hootsuite", actor=owner.user)
    device = registry.create_hardware(owner.organization, name="Phone", actor=owner.user)
    return {
        "registry_account": account.pk,
        "registry_tool": tool.pk,
        "registry_hardware": device.pk,
    }


def excellence_targets(owner: Persona) -> dict[str, object]:
    """A team member of acme's centre of excellence and the escalation rule naming them."""
    from socialroadmap.excellence.services import add_team_member, create_escalation_rule

    person = add_team_member(
        owner.organization, name="Ann", email="ann@acme.test", role="coe_member", actor=owner.user
    )
    rule = create_escalation_rule(
        owner.organization,
        kind="complaint",
        severity="urgent",
        responsible=person,
        respond_within_minutes=30,
        actor=owner.user,
    )
    return {"team_member": person.pk, "escalation_rule": rule.pk}


def alert_targets(owner: Persona) -> dict[str, object]:
    """An alert rule of acme and an event it fired, from a spike in its rollups."""
    from django.utils import timezone

    from socialroadmap.alerts.services import create_rule, evaluate_rules
    from socialroadmap.listening.models import Rollup

    rule = create_rule(owner.organization, name="Spike", kind="volume", actor=owner.user)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    Rollup.objects.create(
        organization=owner.organization, period=hour, source="x", sentiment="neutral", posts=50
    )
    [event] = evaluate_rules(owner.organization)
    return {"alert_rule": rule.pk, "alert_event": event.pk}


def url_for(name: str, params: tuple[str, ...], target: dict[str, object]) -> str:
    kind = next((kind for prefix, kind in PK_KIND.items() if name.startswith(prefix)), "membership")
    kwargs = {p: target[kind] if p == "pk" else target[p] for p in params}
    if name == "organization-detail":
        kwargs = {"org_slug": target["org_slug"]}
    return reverse(name, kwargs=kwargs)


def snapshot(leaving: tuple[str, ...] = ()) -> list[object]:
    """Every row of company data, with when it last changed; models named in
    ``leaving`` (``app_label.model_name``) and the audit log are left out."""
    from django.apps import apps

    from socialroadmap.core.models import AuditedModel

    rows: list[object] = []
    for model in apps.get_models():
        if issubclass(model, AuditedModel) and model._meta.label_lower not in leaving:
            rows.append(sorted(model._default_manager.values_list("pk", "updated_at")))
    return rows


def test_the_enumeration_finds_the_organisation_routes() -> None:
    names = {name for name, _ in ORG_ROUTES}
    assert {
        "organizations:home",
        "organizations:members",
        "membership-list",
        "membership-detail",
    } <= names
    unscoped = {name for name, params in ROUTES if "org_slug" not in params}
    assert unscoped - UNSCOPED <= {n for n in unscoped if n.startswith("accounts:")}


def outsider_gets_404(url: str, outsider: Persona) -> None:
    before = snapshot()
    client = outsider.api() if url.startswith("/api/") else outsider.client()
    for method in ("get", "post", "put", "patch", "delete"):
        response = getattr(client, method)(url)
        assert response.status_code in (404, 405), ("outsider", method, url, response.status_code)
        # Its name: "Acme" alone may turn up in a random CSRF token or CSP nonce.
        assert b"Acme Benelux" not in response.content
    assert snapshot() == before


def anonymous_gets_login_or_401(url: str) -> None:
    response = Client().get(url)
    assert response.status_code in (302, 401), ("anonymous", url, response.status_code)
    if response.status_code == 302:
        assert response.url.startswith("/account/login/")


def viewer_changes_nothing(name: str, url: str, member: Persona) -> None:
    own = VIEWER_MAY.get(name, ())
    before = snapshot(own)
    client = member.api() if url.startswith("/api/") else member.client()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {"role": "owner", "email": "x@acme.test"})
        if own:  # a viewer acts for themselves here: only their own rows may change
            assert response.status_code < 500, ("viewer", method, url, response.status_code)
        else:
            assert response.status_code in (403, 405), ("viewer", method, url, response.status_code)
    assert snapshot(own) == before


def bodies_never_answer_500(url: str, owner: Persona) -> None:
    """Empty and wrong bodies from the owner, who may change anything: last, since a
    delete may succeed."""
    client = owner.api() if url.startswith("/api/") else owner.client()
    for method in ("post", "put", "patch", "delete"):
        for body in ({}, {"role": 7, "version": "x", "answers": [], "done": "maybe"}):
            response = (
                getattr(client, method)(url, body, format="json")
                if url.startswith("/api/")
                else getattr(client, method)(url, body)
            )
            assert response.status_code < 500, ("owner", method, url, body, response.status_code)


# One test per route, so the objects of every area are built once for all its checks.
@pytest.mark.parametrize(("name", "params"), ORG_ROUTES, ids=[n for n, _ in ORG_ROUTES])
def test_the_route_is_guarded(
    name: str,
    params: tuple[str, ...],
    target: dict[str, object],
    owner: Persona,
    member: Persona,
    outsider: Persona,
) -> None:
    """Anonymous: login or 401; an outsider: 404 and no change; a viewer: no change;
    the owner's empty or wrong bodies: never a 500."""
    url = url_for(name, params, target)
    anonymous_gets_login_or_401(url)
    outsider_gets_404(url, outsider)
    viewer_changes_nothing(name, url, member)
    bodies_never_answer_500(url, owner)


UNSCOPED_ROUTES = [(name, params) for name, params in ROUTES if "org_slug" not in params]


@pytest.mark.parametrize(("name", "params"), UNSCOPED_ROUTES, ids=[n for n, _ in UNSCOPED_ROUTES])
def test_no_route_answers_500(
    name: str, params: tuple[str, ...], target: dict[str, object], outsider: Persona
) -> None:
    url = url_for(name, params, target)
    for client in (Client(), outsider.client()):
        assert client.get(url).status_code < 500

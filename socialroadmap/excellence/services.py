"""Writes of the centre of excellence: its team members and the escalation matrix.

A member that escalation rules point to cannot be removed: the refusal names the rules,
so the conversation manager can give them to someone else first (or make the member
inactive, which keeps the history and shows up as a gap).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import save_unique
from socialroadmap.excellence.choices import ConversationKind, Department, Severity, TeamRole
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.organizations.models import Organization

MEMBER_FIELDS = ("name", "email", "role", "department", "hours_per_week", "is_active")
RULE_FIELDS = ("kind", "severity", "responsible", "backup", "respond_within_minutes", "notes")
MAX_HOURS = 80
# Four weeks: anything slower is not an answer to a conversation.
MAX_MINUTES = 40_320
MAX_NOTES = 2000


# --- team members ---------------------------------------------------------------------


def _choice(value: Any, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise ServiceError(f"one of: {', '.join(choices.values)}", field=field)
    return str(value)


def _apply_member(member: TeamMember, changes: Mapping[str, Any]) -> None:
    """Check and set the given fields of ``member``; a bad value raises ServiceError."""
    if "name" in changes:
        member.name = " ".join(str(changes["name"] or "").split())
        if not member.name or len(member.name) > 100:
            raise ServiceError("give a name of at most 100 characters", field="name")
    if "email" in changes:
        member.email = str(changes["email"] or "").strip().lower()
        try:
            validate_email(member.email)
        except ValidationError as error:
            raise ServiceError("give an e-mail address", field="email") from error
    if "role" in changes:
        member.role = _choice(changes["role"], TeamRole, "role")
    if "department" in changes:
        department = changes["department"] or ""
        member.department = _choice(department, Department, "department") if department else ""
    if "hours_per_week" in changes:
        hours = changes["hours_per_week"]
        if hours in (None, ""):
            member.hours_per_week = None
        else:
            try:
                member.hours_per_week = int(hours)
            except (TypeError, ValueError) as error:
                raise ServiceError("give a whole number", field="hours_per_week") from error
            if not 0 <= member.hours_per_week <= MAX_HOURS:
                raise ServiceError(f"give a number from 0 to {MAX_HOURS}", field="hours_per_week")
    if "is_active" in changes:
        member.is_active = bool(changes["is_active"])
    if member.role == TeamRole.SPOKE and not member.department:
        raise ServiceError("a department spoke needs a department", field="department")


def _save_member(member: TeamMember, actor: User | None) -> None:
    same = TeamMember.objects.for_org(member.organization).filter(email__iexact=member.email)
    message = f"there is already a team member with the e-mail {member.email}"
    save_unique(member, actor, same, message, field="email")


@transaction.atomic
def add_team_member(
    organization: Organization,
    *,
    name: str,
    email: str,
    role: str,
    actor: User | None,
    **options: Any,
) -> TeamMember:
    """Add a person to the centre of excellence. ``options``: ``department``,
    ``hours_per_week`` and ``is_active``. A spoke needs a department."""
    unknown = set(options) - set(MEMBER_FIELDS)
    if unknown:
        raise ServiceError(f"unknown settings: {', '.join(sorted(unknown))}")
    member = TeamMember(organization=organization)
    _apply_member(member, {"name": name, "email": email, "role": role, **options})
    _save_member(member, actor)
    audit.record(organization, actor, Action.CREATE, member, audit.snapshot(member, MEMBER_FIELDS))
    return member


@transaction.atomic
def update_team_member(
    member: TeamMember, changes: Mapping[str, Any], *, actor: User | None
) -> TeamMember:
    """Change any of the member's fields (see ``MEMBER_FIELDS``); others are ignored."""
    member = TeamMember.objects.select_for_update().get(pk=member.pk)
    before = audit.snapshot(member, MEMBER_FIELDS)
    _apply_member(member, {name: value for name, value in changes.items() if name in MEMBER_FIELDS})
    _save_member(member, actor)
    changed = audit.diff(before, audit.snapshot(member, MEMBER_FIELDS))
    audit.record(member.organization, actor, Action.UPDATE, member, changed)
    return member


def rules_of(member: TeamMember) -> list[EscalationRule]:
    """The escalation rules that name ``member`` as responsible or as backup."""
    return list(
        EscalationRule.objects.for_org(member.organization)
        .filter(Q(responsible=member) | Q(backup=member))
        .order_by("kind", "severity")
    )


@transaction.atomic
def remove_team_member(
    member: TeamMember, *, actor: User | None, hand_over_to: TeamMember | None = None
) -> dict[str, Any]:
    """Remove a person from the team. The escalation rules that name them go to
    ``hand_over_to`` first (as responsible or as backup, where they were named); without
    one, removal is refused while rules name them, so that no kind of conversation is
    left without an owner."""
    member = TeamMember.objects.select_for_update().get(pk=member.pk)
    rules = rules_of(member)
    if rules and hand_over_to is None:
        names = "; ".join(str(rule) for rule in rules)
        raise ServiceError(
            f"{member.name} is named in escalation rules: {names}. "
            "Give these rules to someone else first, or make the member inactive.",
            field="hand_over_to",
        )
    if rules and hand_over_to is not None:
        _hand_over(member, rules, hand_over_to, actor)
    gone = {"id": member.pk, "name": member.name}
    audit.record(
        member.organization, actor, Action.DELETE, member, {"rules_handed_over": len(rules)}
    )
    member.delete()
    return gone


def _hand_over(
    member: TeamMember, rules: list[EscalationRule], successor: TeamMember, actor: User | None
) -> None:
    """Name ``successor`` wherever ``rules`` name ``member``; where the successor was
    the backup already, the rule loses its backup instead of naming one person twice."""
    successor = TeamMember.objects.get(pk=successor.pk)  # as it is now, not as it was read
    if successor.pk == member.pk or successor.organization_id != member.organization_id:
        raise ServiceError("hand the rules over to another team member", field="hand_over_to")
    if not successor.is_active:
        raise ServiceError(f"{successor.name} is inactive", field="hand_over_to")
    for rule in rules:
        changes: dict[str, Any] = {}
        if rule.responsible_id == member.pk:
            changes["responsible"] = successor
            if rule.backup_id == successor.pk:
                changes["backup"] = None
        if rule.backup_id == member.pk:
            changes["backup"] = None if rule.responsible_id == successor.pk else successor
        update_escalation_rule(rule, changes, actor=actor)


# --- escalation rules -----------------------------------------------------------------


def _member_of(rule: EscalationRule, value: Any, field: str) -> TeamMember | None:
    if value is None:
        return None
    if not isinstance(value, TeamMember) or value.organization_id != rule.organization_id:
        raise ServiceError("no such team member", field=field)
    return value


def _apply_rule(rule: EscalationRule, changes: Mapping[str, Any]) -> None:
    if "kind" in changes:
        rule.kind = _choice(changes["kind"], ConversationKind, "kind")
    if "severity" in changes:
        rule.severity = _choice(changes["severity"], Severity, "severity")
    if "responsible" in changes:
        responsible = _member_of(rule, changes["responsible"], "responsible")
        if responsible is None:
            raise ServiceError("name who is responsible", field="responsible")
        rule.responsible = responsible
    if "backup" in changes:
        rule.backup = _member_of(rule, changes["backup"], "backup")
    if rule.backup_id is not None and rule.backup_id == rule.responsible_id:
        raise ServiceError("the backup must be someone else", field="backup")
    if "respond_within_minutes" in changes:
        try:
            minutes = int(changes["respond_within_minutes"])
        except (TypeError, ValueError) as error:
            raise ServiceError("give a whole number", field="respond_within_minutes") from error
        if not 1 <= minutes <= MAX_MINUTES:
            raise ServiceError(
                f"give a number from 1 to {MAX_MINUTES}", field="respond_within_minutes"
            )
        rule.respond_within_minutes = minutes
    if "notes" in changes:
        rule.notes = str(changes["notes"] or "").strip()
        if len(rule.notes) > MAX_NOTES:
            raise ServiceError(f"at most {MAX_NOTES} characters", field="notes")


def _save_rule(rule: EscalationRule, actor: User | None) -> None:
    same = EscalationRule.objects.for_org(rule.organization).filter(
        kind=rule.kind, severity=rule.severity
    )
    save_unique(rule, actor, same, f"there is already a rule for {rule}", field="kind")


@transaction.atomic
def create_escalation_rule(
    organization: Organization,
    *,
    kind: str,
    severity: str,
    responsible: TeamMember,
    respond_within_minutes: int,
    actor: User | None,
    backup: TeamMember | None = None,
    notes: str = "",
) -> EscalationRule:
    """Fill one cell of the escalation matrix: one rule per kind and severity."""
    rule = EscalationRule(organization=organization)
    _apply_rule(
        rule,
        {
            "kind": kind,
            "severity": severity,
            "responsible": responsible,
            "backup": backup,
            "respond_within_minutes": respond_within_minutes,
            "notes": notes,
        },
    )
    _save_rule(rule, actor)
    audit.record(organization, actor, Action.CREATE, rule, audit.snapshot(rule, RULE_FIELDS))
    return rule


@transaction.atomic
def update_escalation_rule(
    rule: EscalationRule, changes: Mapping[str, Any], *, actor: User | None
) -> EscalationRule:
    """Change any of the rule's fields (see ``RULE_FIELDS``); others are ignored."""
    rule = EscalationRule.objects.select_for_update().get(pk=rule.pk)
    before = audit.snapshot(rule, RULE_FIELDS)
    _apply_rule(rule, {name: value for name, value in changes.items() if name in RULE_FIELDS})
    _save_rule(rule, actor)
    changed = audit.diff(before, audit.snapshot(rule, RULE_FIELDS))
    audit.record(rule.organization, actor, Action.UPDATE, rule, changed)
    return rule


@transaction.atomic
def delete_escalation_rule(rule: EscalationRule, *, actor: User | None) -> dict[str, Any]:
    """Empty one cell of the matrix; returns what was deleted."""
    gone = {"id": rule.pk, "kind": rule.kind, "severity": rule.severity}
    audit.record(rule.organization, actor, Action.DELETE, rule)
    rule.delete()
    return gone


def route_conversation(
    organization: Organization, kind: str, severity: str
) -> EscalationRule | None:
    """The rule for a conversation of ``kind`` and ``severity``, or None when the matrix
    has no such cell. Its ``handler`` says who takes it now (the backup when the
    responsible person is inactive)."""
    return (
        EscalationRule.objects.for_org(organization)
        .select_related("responsible", "backup")
        .filter(kind=kind, severity=severity)
        .first()
    )

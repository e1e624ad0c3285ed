"""Gaps in the centre of excellence, each with what to do about it.

Read-only: the overview page lists them, and the evidence for the assessment counts the
same things. Messages are built when called, in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from socialroadmap.excellence.choices import (
    MODEL_DEPARTMENTS,
    ConversationKind,
    Department,
    TeamRole,
)
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.organizations.models import Organization


@dataclass(frozen=True)
class Gap:
    """One gap: ``code`` for programs and tests, ``message`` and ``todo`` for people."""

    code: str
    message: str
    todo: str


def has_conversation_manager(organization: Organization) -> bool:
    return (
        TeamMember.objects.for_org(organization)
        .filter(role=TeamRole.CONVERSATION_MANAGER, is_active=True)
        .exists()
    )


def departments_with_spoke(organization: Organization) -> set[str]:
    return set(
        TeamMember.objects.for_org(organization)
        .filter(role=TeamRole.SPOKE, is_active=True)
        .values_list("department", flat=True)
    )


def kinds_with_rule(organization: Organization) -> set[str]:
    return set(EscalationRule.objects.for_org(organization).values_list("kind", flat=True))


def find_gaps(organization: Organization) -> list[Gap]:
    """What the centre of excellence still lacks: a conversation manager, a spoke in
    each department of the model, a rule for each kind of conversation, and active
    people behind every rule."""
    gaps = []
    if not has_conversation_manager(organization):
        gaps.append(
            Gap(
                "no_conversation_manager",
                gettext("Nobody is the conversation manager."),
                gettext(
                    "Add the person who leads the centre of excellence as conversation manager."
                ),
            )
        )
    spokes = departments_with_spoke(organization)
    for department in MODEL_DEPARTMENTS:
        if department not in spokes:
            gaps.append(
                Gap(
                    f"no_spoke:{department}",
                    gettext("%(department)s has no spoke.")
                    % {"department": Department(department).label},
                    gettext("Add a department spoke for %(department)s.")
                    % {"department": Department(department).label},
                )
            )
    kinds = kinds_with_rule(organization)
    for kind in ConversationKind:
        if kind not in kinds:
            gaps.append(
                Gap(
                    f"no_rule:{kind}",
                    gettext("Nobody is responsible for: %(kind)s.") % {"kind": kind.label},
                    gettext("Add an escalation rule for %(kind)s.") % {"kind": kind.label},
                )
            )
    inactive = (
        EscalationRule.objects.for_org(organization)
        .filter(responsible__is_active=False)
        .select_related("responsible")
        .order_by("kind", "severity")
    )
    for rule in inactive:
        gaps.append(
            Gap(
                f"inactive_responsible:{rule.kind}:{rule.severity}",
                gettext("%(rule)s: %(person)s is no longer active.")
                % {"rule": rule, "person": rule.responsible.name},
                gettext("Give this rule to an active team member."),
            )
        )
    return gaps

"""Pilots made through the services, for the pilots tests."""

from __future__ import annotations

from typing import Any

from socialroadmap.organizations.models import Organization
from socialroadmap.pilots import services
from socialroadmap.pilots.models import Pilot

JUSTIFIED = {
    "fit_justification": "Fits our craft.",
    "return_justification": "Pays off within weeks.",
    "learning_justification": "Teaches us a new format.",
}


def pilot(
    organization: Organization,
    name: str = "Instagram stories",
    scores: tuple[int, int, int, int] = (4, 4, 4, 4),
    **fields: Any,
) -> Pilot:
    """A justified candidate with (fit, return, learning, feasibility) ``scores``."""
    fit, ret, learning, feasibility = scores
    values: dict[str, Any] = {
        **JUSTIFIED,
        "fit_score": fit,
        "return_score": ret,
        "learning_score": learning,
        "feasibility": feasibility,
    }
    values.update(fields)
    return services.create_pilot(organization, name=name, actor=None, **values)


def move(row: Pilot, *statuses: str) -> Pilot:
    for status in statuses:
        row = services.transition_pilot(row, status, actor=None)
    return row


def all_kinds(row: Pilot, measured: bool = True) -> None:
    """One KPI of each kind, measured (and met) unless told otherwise."""
    for kind in ("intrinsic", "learning", "change"):
        services.create_kpi(
            row,
            kind=kind,
            name=f"{kind} KPI",
            target=10,
            measured=12 if measured else None,
            actor=None,
        )

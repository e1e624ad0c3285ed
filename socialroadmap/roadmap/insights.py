"""Read-only views over assessments: chart rows, spread, history and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from socialroadmap.accounts.models import User
from socialroadmap.engine.model import MaturityModel
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.roadmap.choices import AssessmentStatus
from socialroadmap.roadmap.models import Assessment

# The five positions of the research programme's surveys (MODEL.md), and their shares.
POSITIONS = (
    ("doing_nothing", Text("Doing nothing", "Nog niets")),
    ("first_steps", Text("First steps", "Eerste stappen")),
    ("pilot", Text("Pilot phase", "Pilootfase")),
    ("integrating", Text("Integrating", "Aan het integreren")),
    ("integrated", Text("Integrated", "Geïntegreerd")),
)
SURVEYS = (
    (
        Text(
            "2011 survey, 400 senior marketers (US, UK)",
            "Enquête 2011, 400 senior marketeers (VS, VK)",
        ),
        {"doing_nothing": 12, "first_steps": 26, "pilot": 24, "integrating": 23, "integrated": 14},
    ),
    (
        Text("2012 study, six markets", "Studie 2012, zes markten"),
        {"doing_nothing": 29, "first_steps": 27, "pilot": 17, "integrating": 15, "integrated": 12},
    ),
)


def stage_rows(model: MaturityModel, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Per stage, its projects with progress in percent, for the result page's chart."""
    projects = {p["number"]: p for p in data.get("projects", [])}
    return [
        {
            "stage": stage,
            "projects": [
                {
                    "spec": spec,
                    "progress": projects.get(spec.number, {}).get("progress", 0),
                    "percent": round(100 * projects.get(spec.number, {}).get("progress", 0)),
                    "status": projects.get(spec.number, {}).get("status", "not_started"),
                    "source": projects.get(spec.number, {}).get("source", "answers"),
                    "evidence": projects.get(spec.number, {}).get("evidence", []),
                }
                for spec in model.projects_in(stage.number)
            ],
        }
        for stage in model.stages
    ]


def latest_per_respondent(organization: Organization) -> list[Assessment]:
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.for_org(organization)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("respondent")
        .order_by("submitted_at")
    ):
        latest[assessment.respondent_id] = assessment
    return list(latest.values())


def respondent_spread(organization: Organization) -> dict[int, dict[str, int]]:
    """Per project, the lowest and highest progress (percent) among respondents' latest answers.

    Empty with fewer than two respondents: one view has no spread.
    """
    latest = latest_per_respondent(organization)
    if len(latest) < 2:
        return {}
    spread: dict[int, dict[str, int]] = {}
    for assessment in latest:
        for project in (assessment.result or {}).get("projects", []):
            percent = round(100 * project["progress"])
            entry = spread.setdefault(project["number"], {"min": percent, "max": percent})
            entry["min"] = min(entry["min"], percent)
            entry["max"] = max(entry["max"], percent)
    return spread


def mean_progress(assessment: Assessment) -> float:
    projects = (assessment.result or {}).get("projects", [])
    return sum(p["progress"] for p in projects) / len(projects) if projects else 0.0


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y_stage: float
    y_progress: float
    label: str
    stage: int
    percent: int


def history_chart(
    assessments: list[Assessment], width: int = 640, height: int = 220
) -> dict[str, Any]:
    """An SVG-ready line chart: stage (1-4) and mean progress (0-100 %) per assessment."""
    pad = 36
    points = []
    count = len(assessments)
    for i, assessment in enumerate(assessments):
        x = pad + (width - 2 * pad) * (i / (count - 1) if count > 1 else 0.5)
        stage = assessment.stage or 1
        progress = mean_progress(assessment)
        points.append(
            ChartPoint(
                x=round(x, 1),
                y_stage=round(height - pad - (height - 2 * pad) * (stage - 1) / 3, 1),
                y_progress=round(height - pad - (height - 2 * pad) * progress, 1),
                label=f"{assessment.submitted_at:%Y-%m-%d}" if assessment.submitted_at else "",
                stage=stage,
                percent=round(progress * 100),
            )
        )
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "right": width - pad,
        "bottom": height - 8,
        "points": points,
        "stage_line": " ".join(f"{p.x},{p.y_stage}" for p in points),
        "progress_line": " ".join(f"{p.x},{p.y_progress}" for p in points),
        "gridlines": [
            {"y": round(height - pad - (height - 2 * pad) * k / 3, 1), "stage": k + 1}
            for k in range(4)
        ],
    }


def position_of(assessment: Assessment | None) -> str:
    """Where a company sits among the surveys' five positions."""
    if assessment is None or not assessment.result:
        return "doing_nothing"
    if all(p["progress"] == 0 for p in assessment.result["projects"]):
        return "doing_nothing"
    if assessment.complete:
        return "integrated"
    return {1: "first_steps", 2: "pilot", 3: "integrating", 4: "integrated"}[assessment.stage or 1]


def latest_of(organization: Organization) -> Assessment | None:
    return (
        Assessment.objects.for_org(organization)
        .filter(status=AssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )


def peer_label(n: int) -> str:
    """A, B, … Z, AA, AB, …: names that say nothing about the organisation."""
    label = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def benchmark(organization: Organization, user: User) -> dict[str, Any]:
    """The company against the published surveys and, for a consultant, their other clients.

    Other organisations appear only if ``user`` belongs to them, without their names.
    """
    own = latest_of(organization)
    position = position_of(own)
    order = [key for key, _ in POSITIONS]
    index = order.index(position)
    surveys = [
        {
            "title": title,
            "rows": [
                {"key": key, "label": label, "share": shares[key], "mine": key == position}
                for key, label in POSITIONS
            ],
            "behind": sum(shares[k] for k in order[:index]),
            "ahead": sum(shares[k] for k in order[index + 1 :]),
        }
        for title, shares in SURVEYS
    ]
    peers: list[dict[str, Any]] = []
    others = (
        Membership.objects.filter(user=user)
        .exclude(organization=organization)
        .select_related("organization")
        .order_by("organization__created_at")
    )
    for membership in others:
        latest = latest_of(membership.organization)
        if latest is None:
            continue
        peers.append(
            {
                "label": peer_label(len(peers)),
                "stage": latest.stage,
                "percent": round(100 * mean_progress(latest)),
            }
        )
    return {
        "position": position,
        "position_label": dict(POSITIONS)[position],
        "surveys": surveys,
        "peers": peers,
        "own_percent": round(100 * mean_progress(own)) if own else 0,
        "own_stage": own.stage if own else None,
    }

"""Plain-data views of the model and of a result: the JSON shapes of the CLI and the API."""

from __future__ import annotations

from typing import Any

from socialroadmap.engine.model import MaturityModel, ProjectSpec
from socialroadmap.engine.scoring import AssessmentResult


def _bilingual(prefix: str, text: Any) -> dict[str, str]:
    return {f"{prefix}_en": text.en, f"{prefix}_nl": text.nl}


def project_to_dict(project: ProjectSpec) -> dict[str, Any]:
    return {
        "number": project.number,
        "stage": project.stage,
        **_bilingual("name", project.name),
        **_bilingual("goal", project.goal),
        **_bilingual("why", project.why),
        "action_points": [
            {"id": a.id, **_bilingual("text", a.text)} for a in project.action_points
        ],
    }


def model_to_dict(model: MaturityModel) -> dict[str, Any]:
    """`socialroadmap model --format json`."""
    return {
        "version": model.version,
        "stages": [
            {
                "number": stage.number,
                **_bilingual("name", stage.name),
                **_bilingual("goal", stage.goal),
                "projects": [project_to_dict(p) for p in model.projects_in(stage.number)],
            }
            for stage in model.stages
        ],
        "questions": [
            {
                "id": q.id,
                "project": q.project,
                "weight": q.weight,
                **_bilingual("text", q.text),
                **_bilingual("help", q.help),
                "options": [
                    {"value": o.value, **_bilingual("label", o.label), "score": o.score}
                    for o in q.options
                ],
            }
            for q in model.questions
        ],
    }


def result_to_dict(model: MaturityModel, result: AssessmentResult) -> dict[str, Any]:
    """`socialroadmap assess --format json` and the API's computed result."""
    stage = model.stage(result.stage)
    return {
        "model_version": result.model_version,
        "stage": {"number": stage.number, **_bilingual("name", stage.name)},
        "complete": result.complete,
        "projects": [
            {
                "number": p.number,
                "stage": p.stage,
                **_bilingual("name", model.project(p.number).name),
                "progress": p.progress,
                "status": p.status,
                "source": p.source,
                "evidence": [
                    {
                        "key": e.key,
                        "score": e.score,
                        "weight": e.weight,
                        **_bilingual("label", e.label),
                    }
                    for e in p.evidence
                ],
            }
            for p in result.projects
        ],
        "next": [
            {
                "number": step.project.number,
                "stage": step.project.stage,
                **_bilingual("name", step.project.name),
                "progress": step.progress,
                "status": step.status,
                **_bilingual("why", step.project.why),
                "action_points": [
                    {"id": a.id, **_bilingual("text", a.text)} for a in step.project.action_points
                ],
            }
            for step in result.next_steps
        ],
        "risks": [
            {
                "project": r.project,
                "stage": r.stage,
                "current_stage": r.current_stage,
                **_bilingual("message", r.message),
            }
            for r in result.risks
        ],
        "unanswered": list(result.unanswered),
    }


def result_from_dict(model: MaturityModel, data: dict[str, Any]) -> AssessmentResult:
    """Rebuild a result from its stored JSON shape (``result_to_dict``), for reports."""
    from socialroadmap.engine.scoring import Evidence, NextStep, ProjectResult, Risk
    from socialroadmap.engine.text import Text

    projects = tuple(
        ProjectResult(
            number=p["number"],
            stage=p["stage"],
            progress=p["progress"],
            status=p["status"],
            source=p.get("source", "answers"),
            answers_progress=None,
            evidence=tuple(
                Evidence(
                    p["number"],
                    e["key"],
                    e["score"],
                    e["weight"],
                    Text(e["label_en"], e["label_nl"]),
                )
                for e in p.get("evidence", [])
            ),
        )
        for p in data["projects"]
    )
    return AssessmentResult(
        model_version=data.get("model_version", model.version),
        stage=data["stage"]["number"],
        complete=data["complete"],
        projects=projects,
        risks=tuple(
            Risk(
                r["project"], r["stage"], r["current_stage"], Text(r["message_en"], r["message_nl"])
            )
            for r in data["risks"]
        ),
        next_steps=tuple(
            NextStep(model.project(n["number"]), n["progress"], n["status"]) for n in data["next"]
        ),
        unanswered=tuple(data.get("unanswered", [])),
    )

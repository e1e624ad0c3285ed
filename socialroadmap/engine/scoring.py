"""Scoring the maturity model: progress per project, the stage, risks and next steps.

Rules (documented in docs/scoring.md):

* A project's progress is the weighted mean of its signals: the score (0..1) of the
  option chosen for each of its questions, with the question's weight, and the score
  of each piece of evidence from the product, with the evidence's weight. Evidence
  can raise progress above what the answers alone give, never lower it. An
  unanswered question counts as its lowest option.
* Status: ``not_started`` at progress 0, ``done`` from ``DONE_THRESHOLD`` up,
  ``in_progress`` in between.
* The stage is the lowest stage with a project that is not done; when all 13 are
  done the stage is 4 and the result is ``complete``.
* A risk is flagged for each project of a later stage that has progress while the
  current stage is unfinished: ad-hoc projects without a foundation bring no impact.
* Next steps: the current stage's unfinished projects, then the next stage's, in
  order of number.

Because every signal enters a weighted mean with a fixed weight (and the maximum of
two non-decreasing functions is non-decreasing), a better answer never lowers a
project's progress, and so never lowers the stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from socialroadmap.engine.model import MaturityModel, ProjectSpec
from socialroadmap.engine.text import Text

DONE_THRESHOLD = 0.8
NEXT_STEPS = 5


class AnswerError(ValueError):
    """An answer names an unknown question or an option the question does not have."""


@dataclass(frozen=True)
class Evidence:
    """What the organisation does in the product, as a signal for one project.

    ``key`` identifies the kind of evidence (e.g. ``hr_policy.approved``); ``score``
    is 0..1; ``weight`` is comparable to a question's weight.
    """

    project: int
    key: str
    score: float
    weight: float
    label: Text

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 1:
            raise ValueError(f"evidence {self.key}: score {self.score} is outside 0..1")
        if self.weight <= 0:
            raise ValueError(f"evidence {self.key}: weight must be positive")


@dataclass(frozen=True)
class ProjectResult:
    number: int
    stage: int
    progress: float
    status: str
    source: str  # "answers", "evidence" or "both"
    answers_progress: float | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Risk:
    project: int
    stage: int
    current_stage: int
    message: Text


@dataclass(frozen=True)
class NextStep:
    project: ProjectSpec
    progress: float
    status: str


@dataclass(frozen=True)
class AssessmentResult:
    model_version: str
    stage: int
    complete: bool
    projects: tuple[ProjectResult, ...]
    risks: tuple[Risk, ...]
    next_steps: tuple[NextStep, ...]
    unanswered: tuple[str, ...] = field(default=())

    def project(self, number: int) -> ProjectResult:
        return next(p for p in self.projects if p.number == number)


def status_for(progress: float) -> str:
    if progress <= 0:
        return "not_started"
    if progress >= DONE_THRESHOLD:
        return "done"
    return "in_progress"


def check_answers(model: MaturityModel, answers: Mapping[str, str]) -> None:
    """Raise ``AnswerError`` naming the first unknown question or invalid option."""
    for question_id, value in answers.items():
        question = model.question(question_id)
        if question is None:
            raise AnswerError(f"unknown question id '{question_id}'")
        if question.option(str(value)) is None:
            choices = ", ".join(o.value for o in question.options)
            raise AnswerError(
                f"question '{question_id}': invalid option '{value}' (choose {choices})"
            )


def _project_result(
    model: MaturityModel, project: ProjectSpec, answers: Mapping[str, str], evidence: list[Evidence]
) -> ProjectResult:
    weighted = total = 0.0
    answered = False
    for question in model.questions_for(project.number):
        chosen = question.option(answers[question.id]) if question.id in answers else None
        answered = answered or chosen is not None
        weighted += question.weight * (chosen or question.lowest).score
        total += question.weight
    answers_progress = weighted / total if total else None
    for item in evidence:
        weighted += item.weight * item.score
        total += item.weight
    combined = weighted / total if total else 0.0
    # Evidence may raise progress, never lower it: the product sees what is done, not
    # everything that is done elsewhere.
    progress = round(max(combined, answers_progress or 0.0), 4)
    source = "both" if answered and evidence else "evidence" if evidence else "answers"
    return ProjectResult(
        number=project.number,
        stage=project.stage,
        progress=progress,
        status=status_for(progress),
        source=source,
        answers_progress=None if answers_progress is None else round(answers_progress, 4),
        evidence=tuple(evidence),
    )


def score(
    model: MaturityModel, answers: Mapping[str, str], evidence: Iterable[Evidence] = ()
) -> AssessmentResult:
    """Score ``answers`` (question id → option value) and ``evidence`` against ``model``."""
    check_answers(model, answers)
    by_project: dict[int, list[Evidence]] = {}
    for item in evidence:
        by_project.setdefault(item.project, []).append(item)
    projects = tuple(
        _project_result(model, p, answers, by_project.get(p.number, [])) for p in model.projects
    )
    unfinished_stages = [p.stage for p in projects if p.status != "done"]
    complete = not unfinished_stages
    stage = min(unfinished_stages) if unfinished_stages else 4
    risks = tuple(
        Risk(
            project=p.number,
            stage=p.stage,
            current_stage=stage,
            message=Text(
                f"Project {p.number} (stage {p.stage}) is moving while stage {stage} is "
                "unfinished: without that foundation it is unlikely to bring business impact.",
                f"Project {p.number} (fase {p.stage}) loopt terwijl fase {stage} niet af is: "
                "zonder dat fundament levert het waarschijnlijk geen bedrijfsimpact op.",
            ),
        )
        for p in projects
        if not complete and p.stage > stage and p.progress > 0
    )
    candidates = [p for p in projects if p.status != "done" and p.stage in (stage, stage + 1)]
    candidates.sort(key=lambda p: (p.stage, p.number))
    next_steps = tuple(
        NextStep(model.project(p.number), p.progress, p.status) for p in candidates[:NEXT_STEPS]
    )
    unanswered = tuple(q.id for q in model.questions if q.id not in answers)
    return AssessmentResult(
        model_version=model.version,
        stage=stage,
        complete=complete,
        projects=projects,
        risks=risks,
        next_steps=next_steps,
        unanswered=unanswered,
    )

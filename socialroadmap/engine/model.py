"""The maturity model as data: stages, projects, action points and the questionnaire.

The model lives in a versioned YAML file beside this module (``data/model-*.yaml``).
Each assessment stores the version it was scored with, so an old assessment can be
read against the model it was made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml

from socialroadmap.engine.text import Text

CURRENT_VERSION = "2026.1"


class ModelError(ValueError):
    """The model file is malformed; the message names the place."""


@dataclass(frozen=True)
class ActionPoint:
    id: str
    text: Text


@dataclass(frozen=True)
class ProjectSpec:
    number: int
    stage: int
    name: Text
    goal: Text
    why: Text
    action_points: tuple[ActionPoint, ...]


@dataclass(frozen=True)
class StageSpec:
    number: int
    name: Text
    goal: Text


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    score: float


@dataclass(frozen=True)
class Question:
    id: str
    project: int
    weight: float
    text: Text
    help: Text
    options: tuple[Option, ...]

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def lowest(self) -> Option:
        return min(self.options, key=lambda o: o.score)


@dataclass(frozen=True)
class MaturityModel:
    version: str
    stages: tuple[StageSpec, ...]
    projects: tuple[ProjectSpec, ...]
    questions: tuple[Question, ...]

    def stage(self, number: int) -> StageSpec:
        return next(s for s in self.stages if s.number == number)

    def project(self, number: int) -> ProjectSpec:
        return next(p for p in self.projects if p.number == number)

    def projects_in(self, stage: int) -> tuple[ProjectSpec, ...]:
        return tuple(p for p in self.projects if p.stage == stage)

    def questions_for(self, project: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.project == project)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or not raw.get("en") or not raw.get("nl"):
        raise ModelError(f"{where}: needs an 'en' and an 'nl' text")
    return Text(str(raw["en"]).strip(), str(raw["nl"]).strip())


def _option(raw: dict[str, Any], where: str) -> Option:
    score = float(raw["score"])
    if not 0 <= score <= 1:
        raise ModelError(f"{where}: score {score} is outside 0..1")
    return Option(str(raw["value"]), _text(raw.get("label"), f"{where}.label"), score)


def _question(raw: dict[str, Any], projects: set[int]) -> Question:
    where = f"question {raw.get('id')!r}"
    if raw.get("project") not in projects:
        raise ModelError(f"{where}: unknown project {raw.get('project')!r}")
    options = tuple(
        _option(o, f"{where}.options[{i}]") for i, o in enumerate(raw.get("options") or [])
    )
    if len(options) < 2 or len({o.value for o in options}) != len(options):
        raise ModelError(f"{where}: needs two or more options with distinct values")
    scores = [o.score for o in options]
    if scores[0] != 0 or scores[-1] != 1 or any(a >= b for a, b in pairwise(scores)):
        raise ModelError(f"{where}: the options' scores must rise from 0 to 1")
    return Question(
        id=str(raw["id"]),
        project=int(raw["project"]),
        weight=float(raw.get("weight", 1)),
        text=_text(raw.get("text"), f"{where}.text"),
        help=_text(raw.get("help"), f"{where}.help"),
        options=options,
    )


def parse_model(document: dict[str, Any]) -> MaturityModel:
    """Build and check a model from its YAML document."""
    stages = tuple(
        StageSpec(
            int(s["number"]),
            _text(s.get("name"), f"stage {s.get('number')}.name"),
            _text(s.get("goal"), f"stage {s.get('number')}.goal"),
        )
        for s in document["stages"]
    )
    projects = tuple(
        ProjectSpec(
            number=int(p["number"]),
            stage=int(p["stage"]),
            name=_text(p.get("name"), f"project {p.get('number')}.name"),
            goal=_text(p.get("goal"), f"project {p.get('number')}.goal"),
            why=_text(p.get("why"), f"project {p.get('number')}.why"),
            action_points=tuple(
                ActionPoint(str(a["id"]), _text(a.get("text"), f"action point {a.get('id')}"))
                for a in p.get("action_points") or []
            ),
        )
        for p in document["projects"]
    )
    if [s.number for s in stages] != [1, 2, 3, 4]:
        raise ModelError("the model needs stages 1, 2, 3 and 4 in order")
    if [p.number for p in projects] != list(range(1, 14)):
        raise ModelError("the model needs projects 1 to 13 in order")
    numbers = {p.number for p in projects}
    questions = tuple(_question(q, numbers) for q in document["questions"])
    if len({q.id for q in questions}) != len(questions):
        raise ModelError("question ids must be unique")
    missing = numbers - {q.project for q in questions}
    if missing:
        raise ModelError(f"projects without questions: {sorted(missing)}")
    return MaturityModel(str(document["version"]), stages, projects, questions)


@cache
def load_model(version: str = CURRENT_VERSION) -> MaturityModel:
    """The model of ``version``, shipped inside the package."""
    path = resources.files("socialroadmap.engine") / "data" / f"model-{version}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ModelError(f"no model version {version!r}") from exc
    return parse_model(yaml.safe_load(text))

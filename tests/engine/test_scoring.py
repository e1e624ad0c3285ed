"""The scorer's rules and invariants, on a small synthetic model and on the shipped one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialroadmap.engine.model import MaturityModel, ModelError, parse_model
from socialroadmap.engine.scoring import (
    DONE_THRESHOLD,
    AnswerError,
    Evidence,
    score,
    status_for,
)
from socialroadmap.engine.text import Text

STAGE_OF = {n: 1 if n <= 4 else 2 if n <= 7 else 3 if n <= 11 else 4 for n in range(1, 14)}
LEVELS = ["none", "some", "most", "all"]
SCORES = [0, 0.4, 0.8, 1]


def text(word: str) -> dict[str, str]:
    return {"en": word, "nl": f"{word} (nl)"}


def synthetic_document() -> dict[str, Any]:
    return {
        "version": "test",
        "stages": [
            {"number": n, "name": text(f"Stage {n}"), "goal": text("goal")} for n in range(1, 5)
        ],
        "projects": [
            {
                "number": n,
                "stage": STAGE_OF[n],
                "name": text(f"Project {n}"),
                "goal": text("goal"),
                "why": text("why"),
                "action_points": [{"id": f"{n}.1", "text": text("act")}],
            }
            for n in range(1, 14)
        ],
        "questions": [
            {
                "id": f"p{n}_q{k}",
                "project": n,
                "weight": k,
                "text": text("question"),
                "help": text("help"),
                "options": [
                    {"value": v, "label": text(v), "score": s}
                    for v, s in zip(LEVELS, SCORES, strict=True)
                ],
            }
            for n in range(1, 14)
            for k in (1, 2)
        ],
    }


MODEL: MaturityModel = parse_model(synthetic_document())
QUESTION_IDS = [q.id for q in MODEL.questions]


def answers_strategy() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(QUESTION_IDS), st.sampled_from(LEVELS))


def everything(level: str) -> dict[str, str]:
    return dict.fromkeys(QUESTION_IDS, level)


def test_nothing_answered_is_stage_one_not_started() -> None:
    result = score(MODEL, {})
    assert result.stage == 1
    assert not result.complete
    assert {p.status for p in result.projects} == {"not_started"}
    assert result.unanswered == tuple(QUESTION_IDS)
    assert [s.project.number for s in result.next_steps] == [1, 2, 3, 4, 5]


def test_all_best_answers_complete_the_roadmap() -> None:
    result = score(MODEL, everything("all"))
    assert (result.stage, result.complete) == (4, True)
    assert result.risks == ()
    assert result.next_steps == ()


def test_the_stage_is_the_lowest_with_an_unfinished_project() -> None:
    answers = {q.id: "all" for q in MODEL.questions if MODEL.project(q.project).stage <= 2}
    answers["p6_q2"] = "some"
    result = score(MODEL, answers)
    assert result.stage == 2
    assert result.project(6).status == "in_progress"
    assert [s.project.number for s in result.next_steps] == [6, 8, 9, 10, 11]


def test_progress_is_the_weighted_mean_and_status_follows_thresholds() -> None:
    result = score(MODEL, {"p1_q1": "all", "p1_q2": "some"})
    assert result.project(1).progress == pytest.approx((1 * 1 + 2 * 0.4) / 3, abs=1e-4)
    assert result.project(1).status == "in_progress"
    assert status_for(0) == "not_started"
    assert status_for(DONE_THRESHOLD) == "done"
    assert status_for(DONE_THRESHOLD - 0.01) == "in_progress"


def test_later_projects_moving_without_a_foundation_are_flagged() -> None:
    result = score(MODEL, {"p12_q1": "most"})
    assert result.stage == 1
    assert [(r.project, r.stage, r.current_stage) for r in result.risks] == [(12, 4, 1)]
    assert "stage 1" in result.risks[0].message.en
    assert "fase 1" in result.risks[0].message.nl


def test_evidence_counts_and_the_source_is_shown() -> None:
    evidence = [
        Evidence(2, "hr_policy.approved", 1.0, 3, Text("Policy approved", "Beleid goedgekeurd"))
    ]
    result = score(MODEL, {"p1_q1": "some"}, evidence)
    assert result.project(2).source == "evidence"
    assert result.project(2).progress == pytest.approx(3 / 6)
    assert result.project(1).source == "answers"
    both = score(MODEL, {"p2_q1": "all"}, evidence)
    assert both.project(2).source == "both"
    assert both.project(2).answers_progress == pytest.approx(1 / 3, abs=1e-4)


@given(answers_strategy(), st.floats(0, 1), st.integers(1, 3))
def test_evidence_never_lowers_progress(answers: dict[str, str], value: float, weight: int) -> None:
    without = score(MODEL, answers)
    evidence = [Evidence(5, "pilots.kpis", value, weight, Text("KPIs", "KPI's"))]
    with_evidence = score(MODEL, answers, evidence)
    assert with_evidence.project(5).progress >= without.project(5).progress
    assert with_evidence.stage >= without.stage


def test_an_unknown_question_or_option_is_named() -> None:
    with pytest.raises(AnswerError, match="unknown question id 'p99'"):
        score(MODEL, {"p99": "all"})
    with pytest.raises(
        AnswerError,
        match=r"question 'p1_q1': invalid option 'lots' \(choose none, some, most, all\)",
    ):
        score(MODEL, {"p1_q1": "lots"})


def test_evidence_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match=r"outside 0\.\.1"):
        Evidence(1, "x", 1.5, 1, Text("a", "b"))


def test_a_malformed_model_is_refused_with_its_place() -> None:
    document = synthetic_document()
    document["questions"][0]["options"][0]["score"] = 0.1
    with pytest.raises(
        ModelError, match="question 'p1_q1': the options' scores must rise from 0 to 1"
    ):
        parse_model(document)
    document = synthetic_document()
    document["questions"] = [q for q in document["questions"] if q["project"] != 7]
    with pytest.raises(ModelError, match=r"projects without questions: \[7\]"):
        parse_model(document)


@given(answers_strategy(), st.sampled_from(QUESTION_IDS), st.sampled_from(LEVELS))
def test_a_better_answer_never_lowers_progress_or_stage(
    answers: dict[str, str], question_id: str, level: str
) -> None:
    before = score(MODEL, answers)
    current = answers.get(question_id, "none")
    better = LEVELS[max(LEVELS.index(current), LEVELS.index(level))]
    after = score(MODEL, {**answers, question_id: better})
    assert after.stage >= before.stage
    for old, new in zip(before.projects, after.projects, strict=True):
        assert new.progress >= old.progress


@given(answers_strategy())
def test_results_are_consistent(answers: dict[str, str]) -> None:
    result = score(MODEL, answers)
    assert all(0 <= p.progress <= 1 for p in result.projects)
    assert result.complete == all(p.status == "done" for p in result.projects)
    assert all(r.stage > result.stage for r in result.risks)
    assert all(s.status != "done" for s in result.next_steps)
    lower = [p for p in result.projects if p.stage < result.stage]
    assert all(p.status == "done" for p in lower)
    assert set(result.unanswered) == set(QUESTION_IDS) - set(answers)

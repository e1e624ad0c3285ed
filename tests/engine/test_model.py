"""The shipped maturity model: four stages, 13 projects, a bilingual questionnaire."""

from collections import Counter

from socialroadmap.engine.model import CURRENT_VERSION, load_model
from socialroadmap.engine.scoring import score
from socialroadmap.engine.text import Text

MODEL = load_model()


def test_the_model_has_four_stages_and_thirteen_numbered_projects() -> None:
    assert MODEL.version == CURRENT_VERSION
    assert [stage.number for stage in MODEL.stages] == [1, 2, 3, 4]
    assert [p.number for p in MODEL.projects] == list(range(1, 14))
    assert [len(MODEL.projects_in(s)) for s in (1, 2, 3, 4)] == [4, 3, 4, 2]


def test_every_project_has_questions_and_action_points() -> None:
    per_project = Counter(q.project for q in MODEL.questions)
    assert all(per_project[n] >= 3 for n in range(1, 14))
    assert all(len(p.action_points) >= 4 for p in MODEL.projects)
    assert all(a.id.startswith(f"{p.number}.") for p in MODEL.projects for a in p.action_points)


def test_every_text_exists_in_english_and_dutch() -> None:
    texts = [t for s in MODEL.stages for t in (s.name, s.goal)]
    texts += [t for p in MODEL.projects for t in (p.name, p.goal, p.why)]
    texts += [t for q in MODEL.questions for t in (q.text, q.help)]
    assert all(text.en and text.nl and text.en != text.nl for text in texts)


def test_options_rise_from_zero_to_one() -> None:
    for question in MODEL.questions:
        scores = [o.score for o in question.options]
        assert scores == sorted(set(scores)), question.id
        assert (scores[0], scores[-1]) == (0, 1)


def test_best_answers_complete_and_worst_answers_start_at_stage_one() -> None:
    best = score(MODEL, {q.id: q.options[-1].value for q in MODEL.questions})
    worst = score(MODEL, {q.id: q.options[0].value for q in MODEL.questions})
    assert (best.stage, best.complete) == (4, True)
    assert (worst.stage, worst.complete) == (1, False)
    assert {p.status for p in worst.projects} == {"not_started"}


def test_text_picks_the_language_and_falls_back_to_english() -> None:
    text = Text("Integration", "Integratie")
    assert text.get("nl") == "Integratie"
    assert text.get("nl-be") == "Integratie"
    assert text.get("fr") == "Integration"

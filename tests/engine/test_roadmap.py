from socialroadmap.engine.roadmap import PROJECTS, ROADMAP, Text


def test_the_roadmap_has_four_stages_and_thirteen_numbered_projects() -> None:
    assert [stage.number for stage in ROADMAP] == [1, 2, 3, 4]
    assert [p.number for stage in ROADMAP for p in stage.projects] == list(range(1, 14))
    assert [len(stage.projects) for stage in ROADMAP] == [4, 3, 4, 2]


def test_every_project_sits_in_its_own_stage() -> None:
    for stage in ROADMAP:
        assert all(project.stage == stage.number for project in stage.projects)
    assert len(PROJECTS) == 13


def test_every_text_exists_in_english_and_dutch() -> None:
    texts = [t for stage in ROADMAP for t in (stage.name, stage.goal)]
    texts += [t for project in PROJECTS for t in (project.name, project.goal)]
    assert all(text.en and text.nl and text.en != text.nl for text in texts)


def test_text_picks_the_language_and_falls_back_to_english() -> None:
    text = Text("Integration", "Integratie")
    assert text.get("nl") == "Integratie"
    assert text.get("nl-be") == "Integratie"
    assert text.get("fr") == "Integration"

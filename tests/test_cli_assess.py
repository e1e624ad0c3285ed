"""`socialroadmap model` and `socialroadmap assess`: contracts that hold without a database."""

import json
import subprocess
from pathlib import Path

import yaml
from click.testing import CliRunner

from socialroadmap.cli import main
from socialroadmap.engine.model import load_model

MODEL = load_model()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_model_prints_the_documented_json() -> None:
    data = json.loads(run("model", "--format", "json").output)
    assert data["version"] == MODEL.version
    assert [s["number"] for s in data["stages"]] == [1, 2, 3, 4]
    projects = [p for s in data["stages"] for p in s["projects"]]
    assert [p["number"] for p in projects] == list(range(1, 14))
    assert {"number", "name_en", "name_nl"} <= set(projects[0])
    question = data["questions"][0]
    assert {"id", "project", "text_en", "text_nl", "options"} <= set(question)
    assert {"value", "label_en", "label_nl", "score"} <= set(question["options"][0])


def test_assess_prints_the_documented_json(tmp_path: Path) -> None:
    answers = {q.id: q.options[-1].value for q in MODEL.questions if q.project <= 4}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["stage"] == {
        "number": 2,
        "name_en": "First structure and pilot projects",
        "name_nl": "Eerste structuur en pilootprojecten",
    }
    assert data["complete"] is False
    assert [(p["number"], p["status"]) for p in data["projects"][:5]] == [
        (1, "done"),
        (2, "done"),
        (3, "done"),
        (4, "done"),
        (5, "not_started"),
    ]
    assert data["next"][0]["number"] == 5
    assert data["risks"] == []
    assert set(data["unanswered"]) == {q.id for q in MODEL.questions if q.project > 4}
    assert "unanswered question(s) counted as the lowest option" in result.stderr


def test_assess_reads_yaml_and_writes_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({MODEL.questions[0].id: MODEL.questions[0].options[-1].value}))
    out = tmp_path / "report.pdf"
    result = run(
        "assess", "--answers", str(path), "--format", "pdf", "--lang", "nl", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Fase 1: Kennis opbouwen" in text


def test_assess_csv_and_html(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("{}\n")
    assert run("assess", "--answers", str(path), "--format", "csv").stdout.startswith(
        "project,stage,name,"
    )
    assert (
        "<svg" in run("assess", "--answers", str(path), "--format", "html", "--lang", "nl").stdout
    )


def test_an_unknown_question_or_bad_option_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    for answers, message in [
        ({"nope": "x"}, "error: unknown question id 'nope'"),
        (
            {MODEL.questions[0].id: "maybe"},
            f"error: question '{MODEL.questions[0].id}': invalid option 'maybe'",
        ),
    ]:
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(answers))
        result = run("assess", "--answers", str(path), "--out", str(out))
        assert result.exit_code == 1
        assert result.stderr.strip().startswith(message)
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()


def test_a_file_that_is_not_a_mapping_is_named(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("- just\n- a list\n")
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"error: {path}: expected a mapping of question id to option value"
    )


def test_yaml_yes_and_no_are_option_values(tmp_path: Path) -> None:
    question = next(q for q in MODEL.questions if {"yes", "no"} & {o.value for o in q.options})
    value = "no" if question.option("no") else "yes"
    path = tmp_path / "answers.yaml"
    path.write_text(f"{question.id}: {value}\n")
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 0, result.output
    assert question.id not in json.loads(result.stdout)["unanswered"]

import json
from pathlib import Path

from click.testing import CliRunner

from socialroadmap.cli_query import query


def run(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(query, ["check", str(path)])
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_a_valid_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "queries.yaml"
    path.write_text("- name: mertens\n  query: 'mertens OR #mertenskoffie'\n")
    code, out, err = run(path)
    assert code == 0 and "1 queries parse" in out and err == ""


def test_check_reports_each_bad_query_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "queries.json"
    queries = [
        {"name": "ok", "query": "mertens"},
        {"name": "open", "query": "(mertens OR lavazza"},
        {"name": "dangling", "query": "mertens AND"},
    ]
    path.write_text(json.dumps(queries))
    code, _, err = run(path)
    assert code == 1
    assert err.splitlines() == [
        "open: position 19: expected ')' (got the end of the query; '(' at position 0)",
        "dangling: position 11: expected a term (got the end of the query)",
    ]


def test_check_reports_a_malformed_file_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "queries.json"
    path.write_text("[{")
    code, _, err = run(path)
    assert code == 1 and len(err.splitlines()) == 1 and "Traceback" not in err


def test_check_rejects_items_without_name_or_query(tmp_path: Path) -> None:
    path = tmp_path / "queries.yaml"
    path.write_text("- name: a\n- query: b\n")
    code, _, err = run(path)
    assert code == 1 and err.strip().endswith("item 1 is not an object with string name and query")


def test_check_reports_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "nope.yaml")
    assert code == 1 and len(err.splitlines()) == 1


def test_check_reports_a_directory_in_one_line(tmp_path: Path) -> None:
    code, _, err = run(tmp_path)
    assert code == 1 and err.startswith("error: cannot read") and len(err.splitlines()) == 1

"""`socialroadmap analyze`: the NDJSON contract, broken lines, workers, stdin/stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "socialroadmap", "analyze"]

POSTS = [
    {"id": "1", "text": "Wat een heerlijke koffie vandaag bij Mertens! #koffie"},
    {"id": "2", "text": "The coffee at Mertens was cold and the service terrible"},
    {"id": "3", "text": "Nieuwe vestiging van de concurrent geopend in Gent", "lang": "nl"},
]
QUERIES = [
    {"name": "mertens", "query": "mertens OR #mertens"},
    {"name": "koffie", "query": "koffie OR coffee"},
]


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, timeout=120)


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    path = tmp_path / "queries.json"
    path.write_text(json.dumps(QUERIES))
    return path


def ndjson(rows: list[object]) -> bytes:
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


def test_it_writes_one_line_per_post_in_order(tmp_path: Path, queries: Path) -> None:
    source = tmp_path / "in.ndjson"
    source.write_bytes(ndjson(POSTS))
    target = tmp_path / "out.ndjson"
    done = run(["--queries", str(queries), str(source), str(target)])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert set(rows[0]) == {"id", "lang", "sentiment", "matches"}
    assert [r["lang"] for r in rows] == ["nl", "en", "nl"]
    assert rows[0]["sentiment"]["label"] == "positive"
    assert rows[1]["sentiment"]["label"] == "negative"
    assert -1 <= rows[1]["sentiment"]["score"] < 0
    assert rows[0]["matches"] == ["mertens", "koffie"]
    assert rows[2]["matches"] == []
    assert json.loads(done.stderr.decode().strip().splitlines()[-1]) == {
        "read": 3,
        "analyzed": 3,
        "rejected": 0,
    }


def test_broken_lines_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    lines = (
        ndjson([POSTS[0]])
        + b"\n"  # blank: skipped
        + b"{not json\n"
        + b"[1, 2]\n"
        + ndjson([{"id": 5, "text": "x"}, {"text": "no id"}])
        + b'{"id": "7", "text": "caf\xe9"}\n'  # Latin-1, not UTF-8
        + ndjson([POSTS[1]])
    )
    done = run(["-", "-"], stdin=lines)
    assert done.returncode == 1
    out = [json.loads(line)["id"] for line in done.stdout.decode().splitlines()]
    assert out == ["1", "2"]
    err = done.stderr.decode().splitlines()
    assert err[0].startswith("line 3: invalid JSON")
    assert err[1] == "line 4: expected a JSON object, got list"
    assert err[2] == "line 5: field 'id' must be a string"
    assert err[3] == "line 6: missing field 'id'"
    assert err[4].startswith("line 7: invalid UTF-8")
    assert json.loads(err[-1]) == {"read": 7, "analyzed": 2, "rejected": 5}


def test_workers_give_the_same_output(tmp_path: Path, queries: Path) -> None:
    rows = [{"id": str(n), "text": POSTS[n % 3]["text"]} for n in range(1200)]
    source = tmp_path / "in.ndjson"
    source.write_bytes(ndjson(rows))
    one = run(["--queries", str(queries), str(source), "-"])
    two = run(["--queries", str(queries), "--workers", "2", str(source), "-"])
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 1200


def test_a_bad_queries_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "queries.yaml"
    bad.write_text("- name: broken\n  query: 'mertens AND ('\n")
    done = run(["--queries", str(bad), "-", "-"], stdin=ndjson(POSTS))
    assert done.returncode == 1
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert "broken" in done.stderr.decode() or "position" in done.stderr.decode()


def test_a_local_transformer_model_scores_the_sentiment(tmp_path: Path) -> None:
    from tests.engine.sentiment.test_transformer import write_model

    model = write_model(tmp_path / "tiny")
    posts = [{"id": "1", "text": "great coffee"}, {"id": "2", "text": "awful coffee"}]
    done = run(["--sentiment-model", str(model), "-", "-"], ndjson(posts))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["sentiment"]["label"] for o in out] == ["positive", "negative"]
    with_workers = run(["--workers", "2", "--sentiment-model", str(model), "-", "-"], ndjson(posts))
    assert [json.loads(line) for line in with_workers.stdout.splitlines()] == out


def test_an_unusable_model_directory_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = run(["--sentiment-model", str(tmp_path / "empty"), "-", "-"], b"")
    assert done.returncode == 1
    assert done.stderr.decode().startswith("error: ")
    assert "model.onnx" in done.stderr.decode()

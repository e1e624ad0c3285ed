"""The batch function behind `analyze`, worker processes and import jobs."""

from __future__ import annotations

import json

import orjson
import pytest

from socialroadmap.engine.pipeline import (
    Analyzer,
    LineError,
    WorkerPool,
    batches,
    chunks,
    parse_line,
    run_serial,
)

QUERIES = [
    ("brand", "mertens OR #mertens"),
    ("gent", "source:instagram AND gent"),
    ("press", "site:hln.be"),
    ("jan", "author:jan"),
]


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"id": "1", "text": "x"', "invalid JSON"),
        (b'{"id": "1", "text": "caf\xe9"}', "invalid UTF-8 at byte 24"),
        (b"[1, 2]", "expected a JSON object, got list"),
        (b'{"text": "x"}', "missing field 'id'"),
        (b'{"id": 1, "text": "x"}', "field 'id' must be a string"),
        (b'{"id": "1", "text": null}', "field 'text' must be a string"),
    ],
)
def test_a_broken_line_says_why(raw: bytes, reason: str) -> None:
    outcome = parse_line(raw, 7)
    assert isinstance(outcome, LineError)
    assert outcome.line == 7
    assert outcome.reason.startswith(reason)


@pytest.mark.parametrize("raw", [b"", b"\n", b"   \t\r\n", "\u00a0\u2003\n".encode()])
def test_blank_lines_are_skipped(raw: bytes) -> None:
    assert parse_line(raw, 1) is None


def test_outcomes_keep_input_order_and_report_broken_lines_in_place() -> None:
    lines = [
        line(id="a", text="Mertens koffie is heerlijk"),
        b"\n",
        b"not json\n",
        line(id="b", text="The coffee at Mertens was awful"),
    ]
    outcomes = list(run_serial(Analyzer(QUERIES), lines))
    assert [o["id"] if isinstance(o, dict) else o.line for o in outcomes] == ["a", 3, "b"]
    first, _, last = outcomes
    assert isinstance(first, dict) and isinstance(last, dict)
    assert first["lang"] == "nl" and first["sentiment"]["label"] == "positive"
    assert last["lang"] == "en" and last["sentiment"]["label"] == "negative"
    assert first["matches"] == ["brand"] and last["matches"] == ["brand"]


def test_post_fields_feed_the_query_fields_and_a_given_language_wins() -> None:
    analyzer = Analyzer(QUERIES)
    [outcome] = analyzer.analyze_posts(
        [
            {
                "id": "1",
                "text": "Zonnig in Gent vandaag",
                "source": "Instagram",
                "author": "@Jan",
                "url": "https://www.hln.be/gent/1",
                "lang": "nl-BE",
            }
        ]
    )
    assert outcome["lang"] == "nl-BE"
    assert outcome["matches"] == ["gent", "press", "jan"]


def test_encoded_outcomes_are_the_ndjson_of_the_dicts() -> None:
    lines = [line(id=str(i), text=f"post {i} over koffie") for i in range(5)] + [b"{\n"]
    analyzer = Analyzer(QUERIES)
    plain = list(run_serial(analyzer, lines))
    encoded = list(run_serial(analyzer, lines, encoded=True))
    assert encoded[-1] == plain[-1]
    assert [orjson.loads(e) for e in encoded[:-1]] == plain[:-1]
    assert all(e.endswith(b"\n") for e in encoded[:-1])


def test_batches_and_chunks_number_lines_from_one() -> None:
    lines = [b"a", b"b", b"c"]
    assert list(chunks(lines, 2)) == [(1, [b"a", b"b"]), (3, [b"c"])]
    assert list(batches(lines, 2)) == [[(1, b"a"), (2, b"b")], [(3, b"c")]]


def test_a_worker_pool_gives_what_one_process_gives() -> None:
    lines = [line(id=str(i), text=f"Mertens {i} #koffie goed") for i in range(1200)]
    lines.insert(600, b"broken\n")
    expected = list(run_serial(Analyzer(QUERIES), lines, encoded=True))
    with WorkerPool(2, QUERIES) as pool:
        assert list(pool.run(lines, encoded=True)) == expected
        # The pool is reused: a second stream costs no start-up.
        assert list(pool.run(lines[:10], encoded=True)) == expected[:10]

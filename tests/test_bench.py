"""`socialroadmap bench engine` runs end to end on a small sample (figures are not checked)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from socialroadmap.bench import macro
from socialroadmap.cli import main

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sentiment"


def test_macro_scores() -> None:
    f1, recall = macro(["positive", "negative", "positive"], ["positive", "positive", "positive"])
    assert recall == pytest.approx(0.5)
    assert f1 == pytest.approx((0.8 + 0) / 2)


@pytest.mark.skipif(not DATA.exists(), reason="the shared labelled data is not beside the checkout")
def test_the_benchmark_prints_every_section() -> None:
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "engine",
            "--data",
            str(DATA),
            "--posts",
            "300",
            "--stream-posts",
            "500",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    for heading in (
        "analyze pipeline, 1 worker",
        "sentiment alone",
        "VADER alone",
        "1000 queries",
        "peak resident memory",
        "TweetEval validation",
        "TextBlob + pattern nl",
    ):
        assert heading in result.output


def test_missing_data_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", "engine", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: cannot read the labelled data")


@pytest.mark.skipif(not DATA.exists(), reason="the shared labelled data is not beside the checkout")
def test_the_import_benchmark_runs_end_to_end_on_sqlite() -> None:
    result = CliRunner().invoke(
        main,
        [
            "bench",
            "import",
            "--data",
            str(DATA),
            "--posts",
            "300",
            "--requests",
            "2",
            "--postgres",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "import into SQLite" in result.output
    assert "engine alone" in result.output
    for name in ("volume per day", "share of voice", "posts, filtered"):
        assert name in result.output
